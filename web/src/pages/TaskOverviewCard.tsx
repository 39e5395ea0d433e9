import { Suspense, lazy, useMemo } from 'react';
import { Card, Skeleton, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TTaskOverview } from '@opsdesk/contract';
import { useTaskOverview } from '../api/tasks.ts';
import type { ChartOption } from '../components/EChart.tsx';
import { LoadError } from '../components/LoadError.tsx';

const EChart = lazy(() => import('../components/EChart.tsx'));

/** The most 延期 departments drawn; the rest are counted in the line under the chart. */
const SHOWN = 12;
// One colour per status across the product (UX.md): 延期 red, 进行中 blue; at risk in the warning orange.
const COLORS = { overdue: '#ff4d4f', atRisk: '#fa8c16', onTrack: '#1677ff' } as const;
const SEGMENTS = ['overdue', 'atRisk', 'onTrack'] as const;
type Segment = (typeof SEGMENTS)[number];

/** The task list behind a bar segment: that department (with those below it), that kind of open task. */
const listOf = (departmentId: number, segment: Segment) =>
  `/tasks?scope=all&departmentId=${departmentId}&${segment === 'overdue' ? 'status=overdue' : segment === 'atRisk' ? 'atRisk=true' : 'status=not_started,in_progress,awaiting_acceptance'}`;

function chartOption(departments: TTaskOverview['departments'], names: Record<Segment, string>): ChartOption {
  // Horizontal bars, the most 延期 on top: the y axis lists from the bottom up.
  const rows = [...departments].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: SEGMENTS.map((s) => names[s]) },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((d) => d.name), axisTick: { show: false } },
    series: SEGMENTS.map((segment) => ({
      name: names[segment],
      type: 'bar' as const,
      stack: 'open',
      barMaxWidth: 22,
      cursor: 'pointer',
      itemStyle: { color: COLORS[segment] },
      data: rows.map((d) => (segment === 'onTrack' ? d.open - d.overdue - d.atRisk : d[segment])),
    })),
  };
}

/**
 * 各部门任务概况 (UX.md: the workbench's "overdue by department" chart): for heads, division leaders
 * and the general manager, each overseen department's open tasks split into 延期 · 有延期风险 · 正常推进;
 * a bar segment opens that list. Nothing for staff, who oversee no department.
 */
export function TaskOverviewCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const overview = useTaskOverview();
  const departments = useMemo(() => overview.data?.departments.slice(0, SHOWN) ?? [], [overview.data]);
  const names = useMemo(() => ({ overdue: t('tasks.overview.overdue'), atRisk: t('tasks.overview.atRisk'), onTrack: t('tasks.overview.onTrack') }), [t]);
  const option = useMemo(() => chartOption(departments, names), [departments, names]);
  if (overview.isError) return <LoadError error={overview.error} onRetry={() => overview.refetch()} />;
  if (!overview.data?.departments.length) return null;
  const all = overview.data.departments;
  const sum = (key: 'open' | 'overdue' | 'atRisk') => all.reduce((n, d) => n + d[key], 0);
  const rows = [...departments].reverse();
  return (
    <Card
      title={t('tasks.overview.title')}
      extra={<Typography.Link onClick={() => void navigate('/tasks?view=weekly')}>{t('tasks.overview.weekly')}</Typography.Link>}
      data-testid="task-overview"
    >
      <Suspense fallback={<Skeleton active paragraph={{ rows: 4 }} />}>
        <EChart
          option={option}
          height={Math.max(160, 48 + departments.length * 36)}
          label={t('tasks.overview.summary', { departments: all.length, open: sum('open'), overdue: sum('overdue'), atRisk: sum('atRisk') })}
          onClick={(series, index) => void navigate(listOf(rows[index]!.id, SEGMENTS[series]!))}
        />
      </Suspense>
      <Space wrap size={[16, 4]} style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{t('tasks.overview.summary', { departments: all.length, open: sum('open'), overdue: sum('overdue'), atRisk: sum('atRisk') })}</Typography.Text>
        {all.length > SHOWN ? <Typography.Text type="secondary">{t('tasks.overview.onlyTop', { count: SHOWN })}</Typography.Text> : null}
      </Space>
    </Card>
  );
}
