import { App, Button, Space, Tag } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TMeetingDetail, TMinutesItem } from '@opsdesk/contract';
import { useMinutesAction } from '../../api/meetings.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';

/** MTG-8: the host confirms each decision (or withdraws the confirmation). */
export function ConfirmDecision({ meeting, item }: { meeting: TMeetingDetail; item: TMinutesItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const action = useMinutesAction(meeting.id);
  const tag = item.decisionConfirmed ? (
    <Tag color="success" icon={<CheckOutlined />} data-testid="decision-confirmed">
      {t('meetings.minutes.confirmed')}
    </Tag>
  ) : item.decision ? (
    <Tag color="gold" data-testid="decision-unconfirmed">
      {t('meetings.minutes.unconfirmed')}
    </Tag>
  ) : null;
  if (!meeting.permissions.canConfirmDecision || !item.decision) return tag;
  const confirmed = !item.decisionConfirmed;
  return (
    <Space size={4}>
      {tag}
      <Button
        size="small"
        type={confirmed ? 'primary' : 'default'}
        loading={action.isPending}
        onClick={() =>
          void action
            .mutateAsync({ kind: 'confirm', agendaItemId: item.agendaItemId, body: { confirmed } })
            .then(() => void message.success(confirmed ? t('meetings.minutes.confirmedToast') : t('meetings.minutes.unconfirmedToast')), notifyError)
        }
      >
        {confirmed ? t('meetings.minutes.confirm') : t('meetings.minutes.unconfirm')}
      </Button>
    </Space>
  );
}
