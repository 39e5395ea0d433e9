import { Alert, Empty, Flex, Segmented, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useTasks, type TaskFilters } from '../../../api/tasks.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { COMPANY_TZ, DATE_FORMAT } from '../../../lib/time.ts';
import { STATUS_COLOR } from '../taskStatus.tsx';
import { GanttChart, type GanttRow } from './GanttChart.tsx';
import type { GanttZoom } from './scale.ts';

const GANTT_SIZE = 200; // the API's largest page

interface Props {
  filters: TaskFilters;
  zoom: GanttZoom;
  onZoom: (zoom: GanttZoom) => void;
  compact: boolean;
  onOpen: (id: number) => void;
}

/** 甘特图 of the filtered tasks, in start order, with a week/month zoom and a legend. */
export function GanttView({ filters, zoom, onZoom, compact, onOpen }: Props) {
  const { t } = useTranslation();
  const list = useTasks({ ...filters, sort: 'startDate', page: 1, pageSize: GANTT_SIZE });
  const items = list.data?.items ?? [];
  const rows: GanttRow[] = items.map((task) => ({
    id: task.id,
    code: task.number,
    name: task.name,
    note: task.owner.name,
    start: task.startDate,
    end: task.dueDate,
    progress: task.progress,
    color: STATUS_COLOR[task.status],
    milestones: task.milestones.map((m) => ({ key: m.id, name: m.name, date: m.date, done: m.done })),
    predecessors: task.predecessorIds,
  }));
  const today = dayjs().tz(COMPANY_TZ).format(DATE_FORMAT);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Segmented<GanttZoom>
          value={zoom}
          onChange={onZoom}
          options={[
            { value: 'week', label: t('tasks.gantt.zoomWeek') },
            { value: 'month', label: t('tasks.gantt.zoomMonth') },
          ]}
        />
        <Space size={12} wrap className="od-gantt-legend">
          <Typography.Text type="secondary">
            <span className="od-gantt-legend-diamond" /> {t('tasks.gantt.legendMilestone')}
          </Typography.Text>
          <Typography.Text type="secondary">
            <span className="od-gantt-legend-diamond od-gantt-legend-done" /> {t('tasks.gantt.legendMilestoneDone')}
          </Typography.Text>
          <Typography.Text type="secondary">
            <span className="od-gantt-legend-arrow" /> {t('tasks.gantt.legendDependency')}
          </Typography.Text>
          <Typography.Text type="secondary">
            <span className="od-gantt-legend-today" /> {t('tasks.gantt.today')}
          </Typography.Text>
        </Space>
      </Flex>
      {list.isError ? <LoadError error={list.error} onRetry={() => list.refetch()} /> : null}
      {(list.data?.total ?? 0) > items.length ? (
        <Alert type="warning" showIcon title={t('tasks.gantt.truncated', { shown: items.length, total: list.data?.total ?? 0 })} />
      ) : null}
      {!list.data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : rows.length === 0 ? (
        <Empty description={t('tasks.emptyFiltered')} />
      ) : (
        <GanttChart rows={rows} today={today} zoom={zoom} compact={compact} onOpen={onOpen} />
      )}
    </Space>
  );
}
