import { Alert, Button, Empty, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TTask, TTaskRef } from '@opsdesk/contract';
import { formatDateTime } from '../../../lib/time.ts';
import { TaskStatusTag } from '../taskStatus.tsx';

function RefList({ items, empty }: { items: TTaskRef[]; empty: string }) {
  if (items.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(ref) => (
        <List.Item extra={<TaskStatusTag status={ref.status} />}>
          <Space orientation="vertical" size={0}>
            <Link to={`/tasks/${ref.id}`}>
              {ref.number} {ref.name}
            </Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {ref.dueDate}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

/**
 * Finish-to-start dependencies: what this task waits for and what waits for it. A not-started task
 * whose predecessors are still open may start anyway with a reason (kept below).
 */
export function DependenciesPanel({ task, onOverride }: { task: TTask; onOverride: () => void }) {
  const { t } = useTranslation();
  const open = task.startBlockers.openPredecessors;
  if (task.predecessors.length === 0 && task.successors.length === 0 && task.dependencyOverrides.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.dependencies.none')} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dependencies">
      {task.workflowStatus === 'not_started' && open.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('tasks.dependencies.waiting', { tasks: open.map((p) => p.number).join('、') })}
          action={
            task.permissions.canStart ? (
              <Button size="small" onClick={onOverride}>
                {t('tasks.dependencies.override')}
              </Button>
            ) : null
          }
        />
      ) : null}
      <div>
        <Typography.Title level={5}>{t('tasks.dependencies.predecessors')}</Typography.Title>
        <RefList items={task.predecessors} empty={t('tasks.dependencies.noPredecessors')} />
      </div>
      <div>
        <Typography.Title level={5}>{t('tasks.dependencies.successors')}</Typography.Title>
        <RefList items={task.successors} empty={t('tasks.dependencies.noSuccessors')} />
      </div>
      {task.dependencyOverrides.length > 0 ? (
        <div>
          <Typography.Title level={5}>{t('tasks.dependencies.overrides')}</Typography.Title>
          <List
            size="small"
            dataSource={task.dependencyOverrides}
            renderItem={(o) => (
              <List.Item>
                <Space orientation="vertical" size={0}>
                  <Typography.Text>{t('tasks.dependencies.overrideEntry', { tasks: o.predecessors.join('、'), reason: o.reason })}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {o.by.name} · {formatDateTime(o.at)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </div>
      ) : null}
    </Space>
  );
}
