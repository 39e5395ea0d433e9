import { Alert, App, Button, Flex, List, Space, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { FileOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatBytes, type TAgendaItem, type TMaterial, type TMeetingDetail } from '@opsdesk/contract';
import { uploadFile, useMeetingAction } from '../../api/meetings.ts';
import { formatDateTime } from '../../lib/time.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';

function NoticeStatus({ meeting }: { meeting: TMeetingDetail }) {
  const { t } = useTranslation();
  const n = meeting.notice;
  const late = meeting.warnings.find((w) => w.code === 'notice_late');
  if (meeting.status === 'cancelled') return null;
  if (!n.sentAt) {
    return (
      <Alert
        type={late ? 'warning' : 'info'}
        showIcon
        data-testid="notice-status"
        title={t('meetings.notice.notSent')}
        description={
          <>
            <div>
              {t('meetings.notice.due', { date: n.dueDate })}
              {n.provisional ? <Tag style={{ marginInlineStart: 6 }}>{t('meetings.provisional')}</Tag> : null}
            </div>
            {late ? <div>{late.message}</div> : null}
          </>
        }
      />
    );
  }
  return (
    <Alert
      type="success"
      showIcon
      data-testid="notice-status"
      title={n.sequence > 0 ? t('meetings.notice.sentSeq', { time: formatDateTime(n.sentAt), seq: n.sequence }) : t('meetings.notice.sent', { time: formatDateTime(n.sentAt) })}
      description={
        <>
          <div>{t('meetings.notice.channels')}</div>
          {n.lateReason ? <div>{t('meetings.notice.lateReason', { reason: n.lateReason })}</div> : null}
        </>
      }
    />
  );
}

function Agenda({ meeting, isMobile }: { meeting: TMeetingDetail; isMobile: boolean }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<TAgendaItem> = [
    { key: 'n', title: t('print.seq'), width: 60, render: (_, a) => a.position },
    {
      key: 'title',
      title: t('meetings.form.agendaTitle'),
      render: (_, a) => (
        <>
          {a.title}
          {a.carriedOverFrom ? (
            <Tag color="purple" style={{ marginInlineStart: 6 }}>
              <Link to={`/meetings/${a.carriedOverFrom.meetingId}?tab=minutes`}>{t('meetings.form.carriedOver')}</Link>
            </Tag>
          ) : null}
        </>
      ),
    },
    { key: 'minutes', title: t('meetings.form.agendaDuration'), width: 110, render: (_, a) => t('meetings.durationMin', { count: a.durationMinutes }) },
    { key: 'goal', title: t('meetings.form.agendaGoal'), render: (_, a) => a.goal ?? t('common.empty') },
    { key: 'presenter', title: t('meetings.form.agendaPresenter'), width: 100, render: (_, a) => a.presenter?.name ?? t('common.empty') },
  ];
  const title = (
    <Flex justify="space-between" wrap gap={8}>
      <Typography.Text strong>{t('meetings.detail.agenda')}</Typography.Text>
      <Typography.Text type="secondary">{t('meetings.detail.agendaTotal', { count: meeting.agenda.length, minutes: meeting.agendaMinutes })}</Typography.Text>
    </Flex>
  );
  return (
    <>
      {isMobile ? (
        <List
          header={title}
          size="small"
          dataSource={meeting.agenda}
          renderItem={(a) => (
            <List.Item>
              <List.Item.Meta
                title={t('meetings.print.agendaLine', { index: a.position, title: a.title, minutes: a.durationMinutes })}
                description={[a.goal, a.presenter?.name].filter(Boolean).join(' · ')}
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<TAgendaItem> rowKey="id" size="small" title={() => title} columns={columns} dataSource={meeting.agenda} pagination={false} />
      )}
      {meeting.agendaReason ? <Typography.Paragraph type="secondary">{t('meetings.detail.agendaReason', { reason: meeting.agendaReason })}</Typography.Paragraph> : null}
    </>
  );
}

function Materials({ meeting }: { meeting: TMeetingDetail }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const notifyError = useNotifyError();
  const action = useMeetingAction(meeting.id);
  const p = meeting.permissions;

  const upload = async (material: TMaterial, file: File) => {
    try {
      const meta = await uploadFile(file);
      await action.mutateAsync({ kind: 'material-file', materialId: material.id, fileId: meta.id });
      void message.success(t('meetings.detail.uploaded', { name: meta.fileName }));
    } catch (err) {
      notifyError(err);
    }
  };
  const send = () =>
    modal.confirm({
      title: t('meetings.detail.sendMaterials'),
      content: t('meetings.detail.sendMaterialsConfirm'),
      onOk: () => action.mutateAsync({ kind: 'send-materials' }).then(() => void message.success(t('meetings.detail.materialsSentToast')), notifyError),
    });

  return (
    <List
      size="small"
      header={
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text strong>{t('meetings.detail.materials')}</Typography.Text>
          <Space wrap>
            {meeting.materialsSentAt ? (
              <Typography.Text type="secondary">{t('meetings.detail.materialsSent', { time: formatDateTime(meeting.materialsSentAt) })}</Typography.Text>
            ) : null}
            {p.canSendMaterials ? (
              <Button size="small" icon={<SendOutlined />} onClick={send}>
                {t('meetings.detail.sendMaterials')}
              </Button>
            ) : null}
          </Space>
        </Flex>
      }
      locale={{ emptyText: t('meetings.detail.materialsEmpty') }}
      dataSource={meeting.materials}
      renderItem={(m) => (
        <List.Item
          actions={
            p.canUploadMaterial
              ? [
                  <Upload
                    key="upload"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      void upload(m, file);
                      return false;
                    }}
                  >
                    <Button size="small" icon={<UploadOutlined />} loading={action.isPending}>
                      {m.file ? t('meetings.detail.reupload') : t('meetings.detail.upload')}
                    </Button>
                  </Upload>,
                ]
              : []
          }
        >
          <List.Item.Meta
            avatar={<FileOutlined />}
            title={m.title}
            description={
              <Space wrap size={8}>
                <span>{t('print.labelColon', { label: t('meetings.form.materialOwner') })}{m.owner.name}</span>
                {m.file ? (
                  <a href={`/api/files/${m.file.id}`} target="_blank" rel="noreferrer">
                    {t('common.withNote', { text: m.file.fileName, note: formatBytes(m.file.size) })}
                  </a>
                ) : (
                  <Tag>{t('meetings.detail.notUploaded')}</Tag>
                )}
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** 会议通知 tab: whether and when it went out (MTG-3), the agenda with durations and goals, the materials (MTG-5). */
export function NoticeTab({ meeting, isMobile }: { meeting: TMeetingDetail; isMobile: boolean }) {
  return (
    <Flex vertical gap={16}>
      <NoticeStatus meeting={meeting} />
      <Agenda meeting={meeting} isMobile={isMobile} />
      <Materials meeting={meeting} />
    </Flex>
  );
}
