import { App, Checkbox, Empty, List, Tag, Typography } from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TTask } from '@opsdesk/contract';
import { useTaskAction } from '../../../api/tasks.ts';
import { COMPANY_TZ, DATE_FORMAT } from '../../../lib/time.ts';
import { useNotifyError } from '../../../lib/useErrorText.ts';

/** TSK-1 milestones with their done boxes (owner, collaborators, editors); a passed, undone one is red. */
export function MilestonesPanel({ task }: { task: TTask }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useTaskAction(task.id);
  const notifyError = useNotifyError();
  const today = dayjs().tz(COMPANY_TZ).format(DATE_FORMAT);
  if (task.milestones.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.milestones.empty')} />;
  return (
    <List
      data-testid="milestones"
      dataSource={[...task.milestones].sort((a, b) => a.date.localeCompare(b.date))}
      renderItem={(m) => {
        const late = !m.done && m.date < today;
        return (
          <List.Item
            extra={m.done ? <Tag color="success">{t('tasks.milestones.done')}</Tag> : late ? <Tag color="error">{t('tasks.milestones.late')}</Tag> : <Tag>{t('tasks.milestones.open')}</Tag>}
          >
            <Checkbox
              checked={m.done}
              disabled={!task.permissions.canToggleMilestones || action.isPending}
              onChange={(e) =>
                action.mutate(
                  { kind: 'milestone', milestoneId: m.id, body: { done: e.target.checked } },
                  { onSuccess: () => void message.success(t(e.target.checked ? 'tasks.milestones.markedDone' : 'tasks.milestones.markedOpen', { name: m.name })), onError: notifyError },
                )
              }
            >
              <FlagOutlined style={{ color: '#722ed1' }} /> <Typography.Text delete={m.done}>{m.name}</Typography.Text>{' '}
              <Typography.Text type={late ? 'danger' : 'secondary'}>{m.date}</Typography.Text>
            </Checkbox>
          </List.Item>
        );
      }}
    />
  );
}
