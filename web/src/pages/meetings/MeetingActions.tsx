import { useState } from 'react';
import { App, Button, Dropdown, Space, type MenuProps } from 'antd';
import {
  CalendarOutlined,
  CheckCircleOutlined,
  DownloadOutlined,
  EditOutlined,
  MoreOutlined,
  PrinterOutlined,
  QrcodeOutlined,
  SendOutlined,
  StopOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TMeetingDetail } from '@opsdesk/contract';
import { downloadIcs, exportMinutes, exportNotice, useMeetingAction, useSignIn } from '../../api/meetings.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';
import { CancelModal, LeaveModal, NoticeModal } from './MeetingModals.tsx';
import { inCompany } from './when.ts';

type Open = 'notice' | 'leave' | 'cancel' | null;

/** The actions the server allows this person now (permissions), nothing re-derived here. */
export function MeetingActions({ meeting, isMobile }: { meeting: TMeetingDetail; isMobile: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const [open, setOpen] = useState<Open>(null);
  const signIn = useSignIn(meeting.id);
  const action = useMeetingAction(meeting.id);
  const p = meeting.permissions;

  const run = (work: () => Promise<string>) =>
    void work()
      .then((name) => void message.success(t('io.exported', { name })))
      .catch(notifyError);
  const doSignIn = async () => {
    try {
      const r = await signIn.mutateAsync({});
      const status = r.attendance === 'late' ? t('meetings.signIn.late') : t('meetings.signIn.onTime');
      void message.success(t('meetings.detail.signInDone', { status, time: inCompany(r.signedInAt).format('HH:mm') }));
    } catch (err) {
      notifyError(err);
    }
  };
  const withdraw = () =>
    modal.confirm({
      title: t('meetings.detail.withdrawLeave'),
      content: t('meetings.detail.withdrawLeaveConfirm'),
      onOk: () =>
        action.mutateAsync({ kind: 'withdraw-leave' }).then(
          () => void message.success(t('meetings.detail.leaveWithdrawn')),
          (err: unknown) => notifyError(err),
        ),
    });

  const more: MenuProps['items'] = [
    { key: 'ics', icon: <CalendarOutlined />, label: t('meetings.detail.ics'), onClick: () => run(() => downloadIcs(meeting.id)) },
    { key: 'exportNotice', icon: <DownloadOutlined />, label: t('meetings.detail.exportNotice'), onClick: () => run(() => exportNotice(meeting.id, meeting.topic)) },
    { key: 'printNotice', icon: <PrinterOutlined />, label: t('meetings.detail.printNotice'), onClick: () => void navigate(`/meetings/${meeting.id}/print/notice`) },
    ...(p.canExportMinutes
      ? [
          { key: 'exportMinutes', icon: <DownloadOutlined />, label: t('meetings.detail.exportMinutes'), onClick: () => run(() => exportMinutes(meeting.id, meeting.topic)) },
          { key: 'printMinutes', icon: <PrinterOutlined />, label: t('meetings.detail.printMinutes'), onClick: () => void navigate(`/meetings/${meeting.id}/print/minutes`) },
        ]
      : []),
    ...(p.canCancel
      ? [{ type: 'divider' as const }, { key: 'cancel', icon: <StopOutlined />, danger: true, label: t('meetings.detail.cancelMeeting'), onClick: () => setOpen('cancel') }]
      : []),
  ];

  return (
    <>
      <Space wrap size={8} className={isMobile ? 'od-mtg-actions-mobile' : undefined}>
        {p.canSignIn ? (
          <Button type="primary" size={isMobile ? 'large' : 'middle'} icon={<CheckCircleOutlined />} loading={signIn.isPending} onClick={() => void doSignIn()}>
            {t('meetings.detail.signIn')}
          </Button>
        ) : null}
        {p.canSendNotice ? (
          <Button type={meeting.notice.sentAt ? 'default' : 'primary'} icon={<SendOutlined />} onClick={() => setOpen('notice')}>
            {meeting.notice.sentAt ? t('meetings.notice.resend') : t('meetings.notice.send')}
          </Button>
        ) : null}
        {p.canEdit ? (
          <Button icon={<EditOutlined />} onClick={() => void navigate(`/meetings/${meeting.id}/edit`)}>
            {t('meetings.detail.edit')}
          </Button>
        ) : null}
        {p.canShowSignInCode ? (
          <Button icon={<QrcodeOutlined />} href={`/meetings/${meeting.id}/qr`} target="_blank" title={t('meetings.detail.qrHint')}>
            {t('meetings.detail.qr')}
          </Button>
        ) : null}
        {p.canAskLeave ? (
          <Button icon={<UserSwitchOutlined />} onClick={() => setOpen('leave')}>
            {t('meetings.detail.askLeave')}
          </Button>
        ) : null}
        {p.canWithdrawLeave ? <Button onClick={withdraw}>{t('meetings.detail.withdrawLeave')}</Button> : null}
        <Dropdown trigger={['click']} menu={{ items: more }}>
          <Button icon={<MoreOutlined />}>{isMobile ? null : t('meetings.detail.more')}</Button>
        </Dropdown>
      </Space>
      {open === 'notice' ? <NoticeModal meeting={meeting} onClose={() => setOpen(null)} /> : null}
      {open === 'leave' ? <LeaveModal meeting={meeting} onClose={() => setOpen(null)} /> : null}
      {open === 'cancel' ? <CancelModal meeting={meeting} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
