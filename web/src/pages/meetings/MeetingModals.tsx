import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TMeetingDetail } from '@opsdesk/contract';
import { useMeetingAction } from '../../api/meetings.ts';
import { useMe } from '../../api/session.ts';
import { PersonSelect } from '../../components/PersonSelect.tsx';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';

interface Props {
  meeting: TMeetingDetail;
  onClose: () => void;
}

/** 发送会议通知 (MTG-3): less than 2 working days ahead asks for the reason the server names. */
export function NoticeModal({ meeting, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ lateReason?: string }>();
  const action = useMeetingAction(meeting.id);
  const late = meeting.warnings.find((w) => w.code === 'notice_late');
  const resend = Boolean(meeting.notice.sentAt);
  const count = meeting.participants.length;

  const submit = async ({ lateReason }: { lateReason?: string }) => {
    try {
      await action.mutateAsync({ kind: 'notice', body: { lateReason: lateReason?.trim() || null } });
      void message.success(t('meetings.notice.sentToast'));
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err, ['lateReason'])) notifyError(err);
    }
  };

  return (
    <Modal
      open
      title={resend ? t('meetings.notice.resend') : t('meetings.notice.sendTitle')}
      okText={resend ? t('meetings.notice.resend') : t('meetings.notice.send')}
      onOk={() => form.submit()}
      confirmLoading={action.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('meetings.notice.sendConfirm', { count })}</Typography.Paragraph>
      {resend ? <Typography.Paragraph type="secondary">{t('meetings.notice.resendConfirm')}</Typography.Paragraph> : null}
      {late ? <Alert type="warning" showIcon title={late.message} style={{ marginBottom: 16 }} data-testid="notice-late" /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        {late?.reasonField ? (
          <Form.Item
            name="lateReason"
            label={t('meetings.notice.reason')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('meetings.notice.reason') }) }]}
          >
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('meetings.notice.reasonPlaceholder')} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/** 请假 (MTG-6): a reason and a delegate, who is then invited; asked later than 1 day before, it is flagged. */
export function LeaveModal({ meeting, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const me = useMe();
  const [form] = Form.useForm<{ reason: string; delegateId: number }>();
  const action = useMeetingAction(meeting.id);
  const late = meeting.warnings.find((w) => w.code === 'leave_late');

  const submit = async (v: { reason: string; delegateId: number }) => {
    try {
      const updated = await action.mutateAsync({ kind: 'leave', body: { reason: v.reason.trim(), delegateId: v.delegateId } });
      const mine = updated.participants.find((p) => p.person.id === me.id);
      const name = mine?.leave?.delegate?.name ?? '';
      if (mine?.leave?.late) void message.warning(t('meetings.leave.doneLate', { name }));
      else void message.success(t('meetings.leave.done', { name }));
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err, ['reason', 'delegateId'])) notifyError(err);
    }
  };

  return (
    <Modal
      open
      title={t('meetings.leave.title')}
      okText={t('meetings.leave.submit')}
      onOk={() => form.submit()}
      confirmLoading={action.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      {late ? (
        <Alert type="warning" showIcon title={late.message} style={{ marginBottom: 16 }} data-testid="leave-late" />
      ) : (
        <Typography.Paragraph type="secondary">{t('meetings.leave.rule')}</Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="reason"
          label={t('meetings.leave.reason')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('meetings.leave.reason') }) }]}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('meetings.leave.reasonPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="delegateId"
          label={t('meetings.leave.delegate')}
          extra={t('meetings.leave.delegateHelp')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('meetings.leave.delegate') }) }]}
        >
          <PersonSelect style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 取消会议: participants get METHOD:CANCEL and the room is given back. */
export function CancelModal({ meeting, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ reason: string }>();
  const action = useMeetingAction(meeting.id);
  const submit = async ({ reason }: { reason: string }) => {
    try {
      await action.mutateAsync({ kind: 'cancel', body: { reason: reason.trim() } });
      void message.success(t('meetings.detail.cancelled'));
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err, ['reason'])) notifyError(err);
    }
  };
  return (
    <Modal
      open
      title={t('meetings.detail.cancelTitle')}
      okText={t('meetings.detail.cancelMeeting')}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      confirmLoading={action.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('meetings.detail.cancelHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="reason"
          label={t('meetings.detail.cancelReason')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('meetings.detail.cancelReason') }) }]}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
