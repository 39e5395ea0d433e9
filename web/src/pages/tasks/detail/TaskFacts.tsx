import { Descriptions, Progress, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TTask } from '@opsdesk/contract';
import { formatDateTime } from '../../../lib/time.ts';
import { DueDate, STATUS_COLOR } from '../taskStatus.tsx';

/** The task's TSK-1 fields as a readable sheet. */
export function TaskFacts({ task }: { task: TTask }) {
  const { t } = useTranslation();
  const dash = t('common.empty');
  const acceptor = task.acceptor
    ? task.acceptor.name
    : task.expectedAcceptor
      ? t('tasks.detail.defaultAcceptor', { name: task.expectedAcceptor.name })
      : t('tasks.detail.noAcceptor');
  return (
    <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" data-testid="task-facts">
      <Descriptions.Item label={t('tasks.fields.owner')}>
        {task.owner.name}
        {task.department ? <Typography.Text type="secondary">（{task.department.name}）</Typography.Text> : null}
      </Descriptions.Item>
      <Descriptions.Item label={t('tasks.fields.acceptor')}>{acceptor}</Descriptions.Item>
      <Descriptions.Item label={t('tasks.fields.creator')}>
        {task.creator.name} · {formatDateTime(task.createdAt)}
      </Descriptions.Item>
      <Descriptions.Item label={t('tasks.fields.startDate')}>{task.startDate}</Descriptions.Item>
      <Descriptions.Item label={t('tasks.fields.dueDate')}>
        <DueDate task={task} />
      </Descriptions.Item>
      <Descriptions.Item label={t('tasks.fields.progress')}>
        <div style={{ width: 180 }}>
          <Progress percent={task.progress} size="small" strokeColor={STATUS_COLOR[task.status]} />
        </div>
      </Descriptions.Item>
      <Descriptions.Item label={t('tasks.fields.stage')}>{task.stage ?? dash}</Descriptions.Item>
      <Descriptions.Item label={t('tasks.fields.collaborators')} span={2}>
        {task.collaborators.length === 0 ? (
          dash
        ) : (
          <Space size={[4, 4]} wrap>
            {task.collaborators.map((c) => (
              // A long share wraps inside its tag (at phone width the page must not scroll sideways).
              <Tag key={c.id} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
                {c.name}：{c.share}
              </Tag>
            ))}
          </Space>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('tasks.fields.description')} span="filled">
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{task.description ?? dash}</Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label={t('tasks.fields.deliverable')} span={{ xs: 1, sm: 1, lg: 1 }}>
        {task.deliverable}
      </Descriptions.Item>
      <Descriptions.Item label={t('tasks.fields.qualityStandard')} span={{ xs: 1, sm: 1, lg: 2 }}>
        {task.qualityStandard}
      </Descriptions.Item>
      {task.major ? (
        <>
          <Descriptions.Item label={t('tasks.fields.riskNote')} span={{ xs: 1, sm: 1, lg: 1 }}>
            <Typography.Text type={task.riskNote ? undefined : 'danger'}>{task.riskNote ?? t('tasks.detail.missing')}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('tasks.fields.mitigationPlan')} span={{ xs: 1, sm: 1, lg: 2 }}>
            <Typography.Text type={task.mitigationPlan ? undefined : 'danger'}>{task.mitigationPlan ?? t('tasks.detail.missing')}</Typography.Text>
          </Descriptions.Item>
        </>
      ) : null}
      <Descriptions.Item label={t('tasks.fields.acceptanceOpinion')}>{task.acceptanceOpinion ?? dash}</Descriptions.Item>
      <Descriptions.Item label={t('tasks.fields.remarks')} span={{ xs: 1, sm: 1, lg: 2 }}>
        {task.remarks ?? dash}
      </Descriptions.Item>
      {task.source ? (
        <Descriptions.Item label={t('tasks.fields.source')}>
          {task.source.type === 'meeting' ? <Link to={`/meetings/${task.source.id}`}>{task.source.label}</Link> : task.source.label}
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}
