import { Suspense, lazy, useMemo } from 'react';
import { Card, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TArchiveGrowth } from '@opsdesk/contract';
import { useArchiveGrowth } from '../../api/documents.ts';
import type { ChartOption } from '../../components/EChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';

const EChart = lazy(() => import('../../components/EChart.tsx'));

function chartOption(months: TArchiveGrowth['months'], names: { created: string; archived: string }): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: [names.created, names.archived] },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.month), axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: names.created, type: 'bar', barMaxWidth: 18, itemStyle: { color: '#1677ff' }, data: months.map((m) => m.created) },
      { name: names.archived, type: 'bar', barMaxWidth: 18, itemStyle: { color: '#52c41a' }, data: months.map((m) => m.archived) },
    ],
  };
}

/** 档案增长 (UX.md dashboards, "archive growth"): what was registered and what was archived, month by month, over a year. */
export function ArchiveGrowthCard() {
  const { t } = useTranslation();
  const growth = useArchiveGrowth();
  const names = useMemo(() => ({ created: t('documents.archive.growthCreated'), archived: t('documents.archive.growthArchived') }), [t]);
  const option = useMemo(() => chartOption(growth.data?.months ?? [], names), [growth.data, names]);
  if (growth.isError) return <LoadError error={growth.error} onRetry={() => growth.refetch()} />;
  const months = growth.data?.months ?? [];
  const sum = (key: 'created' | 'archived') => months.reduce((n, m) => n + m[key], 0);
  const summary = t('documents.archive.growthSummary', { created: sum('created'), archived: sum('archived') });
  return (
    <Card title={t('documents.archive.growthTitle')} data-testid="archive-growth">
      {growth.data ? (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 4 }} />}>
          <EChart option={option} height={240} label={summary} />
          <Typography.Text type="secondary">{summary}</Typography.Text>
        </Suspense>
      ) : (
        <Skeleton active paragraph={{ rows: 4 }} />
      )}
    </Card>
  );
}
