import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, List, Modal, Skeleton, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFileMeta, TTask } from '@opsdesk/contract';
import { useTask, useTaskAction, useUploadFile, type TaskAction } from '../../../api/tasks.ts';
import { isApiError } from '../../../api/client.ts';
import { applyFieldErrors } from '../../../lib/formErrors.ts';
import { DATE_FORMAT, COMPANY_TZ } from '../../../lib/time.ts';
import { useErrorText, useNotifyError } from '../../../lib/useErrorText.ts';
import { useIsMobile } from '../../../lib/useIsMobile.ts';

export type TaskDialogKind = 'start' | 'submit' | 'accept' | 'reject' | 'delay';

interface Values {
  overrideReason?: string;
  link?: string;
  note?: string;
  opinion?: string;
  requirements?: string;
  reason?: string;
  newDueDate?: Dayjs;
}

const FIELDS = ['overrideReason', 'link', 'note', 'opinion', 'requirements', 'reason', 'newDueDate'] as const;

interface Props {
  taskId: number;
  kind: TaskDialogKind;
  onClose: () => void;
  onDone?: (task: TTask) => void;
}

/**
 * The task's one-step actions, each in a small dialog (from the detail page or a Kanban drop):
 * 开始 (TSK-7 / finish-to-start checks, override with a reason), 提交验收 (TSK-9, a file and/or a
 * link), 验收通过 with the 验收意见, 驳回 with the 修改要求, 延期说明 (TSK-6, reason + new due date).
 */
export function TaskActionModal({ taskId, kind, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const { data: task, error: loadError } = useTask(taskId);
  const action = useTaskAction(taskId);
  const upload = useUploadFile();
  const [file, setFile] = useState<TFileMeta | null>(null);
  const notifyError = useNotifyError();
  const errorText = useErrorText();
  const title = t(`tasks.dialogs.${kind}.title`);

  const body = (v: Values): TaskAction => {
    switch (kind) {
      case 'start':
        return { kind: 'start', body: { overrideReason: v.overrideReason ?? null } };
      case 'submit':
        return { kind: 'submit', body: { fileId: file?.id ?? null, link: v.link?.trim() || null, note: v.note ?? null } };
      case 'accept':
        return { kind: 'accept', body: { opinion: v.opinion ?? '' } };
      case 'reject':
        return { kind: 'reject', body: { requirements: v.requirements ?? '' } };
      case 'delay':
        return { kind: 'delay', body: { reason: v.reason ?? '', newDueDate: v.newDueDate?.format(DATE_FORMAT) ?? '' } };
    }
  };

  const submit = async () => {
    const values = await form.validateFields();
    action.mutate(body(values), {
      onSuccess: (saved) => {
        void message.success(t(`tasks.dialogs.${kind}.done`));
        onDone?.(saved);
        onClose();
      },
      onError: (err) => {
        if (!applyFieldErrors(form, err, FIELDS)) notifyError(err);
      },
    });
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  const blockers = task?.startBlockers;
  const needsOverride = kind === 'start' && (blockers?.openPredecessors.length ?? 0) > 0;
  const blockedByRisk = kind === 'start' && blockers?.missingRiskPlan === true;
  const today = dayjs().tz(COMPANY_TZ).startOf('day');
  const lastRound = task?.acceptanceRounds.at(-1);

  let content;
  if (loadError) content = <Alert type="error" showIcon title={errorText(loadError)} />;
  else if (!task) content = <Skeleton active paragraph={{ rows: 3 }} />;
  else
    content = (
      <Form<Values> form={form} layout="vertical" requiredMark disabled={action.isPending} name={`task-${kind}`}>
        <Typography.Paragraph type="secondary">
          {task.number} {task.name}
        </Typography.Paragraph>
        {kind === 'start' ? (
          <>
            {blockedByRisk ? (
              <Alert
                type="error"
                showIcon
                title={t('tasks.dialogs.start.riskMissing')}
                description={<Link to={`/tasks/${task.id}?edit=1`}>{t('tasks.dialogs.start.riskGoEdit')}</Link>}
                style={{ marginBottom: 16 }}
              />
            ) : null}
            {needsOverride ? (
              <>
                <Alert
                  type="warning"
                  showIcon
                  title={t('tasks.dialogs.start.predecessorsOpen')}
                  description={
                    <List
                      size="small"
                      dataSource={blockers?.openPredecessors ?? []}
                      renderItem={(p) => (
                        <List.Item style={{ paddingInline: 0 }}>
                          <Link to={`/tasks/${p.id}`}>
                            {p.number} {p.name}
                          </Link>
                          <Typography.Text type="secondary">{t(`tasks.status.${p.status}`)}</Typography.Text>
                        </List.Item>
                      )}
                    />
                  }
                  style={{ marginBottom: 16 }}
                />
                <Form.Item name="overrideReason" label={t('tasks.dialogs.start.overrideReason')} rules={[required(t('tasks.dialogs.start.overrideReason'))]}>
                  <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('tasks.dialogs.start.overridePlaceholder')} />
                </Form.Item>
              </>
            ) : null}
            {!needsOverride && !blockedByRisk ? <Typography.Paragraph>{t('tasks.dialogs.start.confirm')}</Typography.Paragraph> : null}
          </>
        ) : null}
        {kind === 'submit' ? (
          <>
            <Alert type="info" showIcon title={t('tasks.dialogs.submit.hint', { acceptor: task.expectedAcceptor?.name ?? t('tasks.detail.noAcceptor') })} style={{ marginBottom: 16 }} />
            {/* Not a form field: the upload happens at once and its id is kept beside the form. */}
            <Form.Item label={t('tasks.dialogs.submit.file')} extra={t('tasks.dialogs.submit.fileHint')}>
              {file ? (
                <Space>
                  <PaperClipOutlined />
                  <Typography.Text>{file.fileName}</Typography.Text>
                  <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => setFile(null)} />
                </Space>
              ) : (
                <Upload
                  multiple={false}
                  showUploadList={false}
                  beforeUpload={(chosen) => {
                    upload.mutate(chosen, {
                      onSuccess: (meta) => {
                        setFile(meta);
                        form.setFields([{ name: 'link', errors: [] }]);
                      },
                      onError: notifyError,
                    });
                    return false; // our own request: multipart with the CSRF header
                  }}
                >
                  <Button icon={<UploadOutlined />} loading={upload.isPending}>
                    {t('tasks.dialogs.submit.chooseFile')}
                  </Button>
                </Upload>
              )}
            </Form.Item>
            <Form.Item
              name="link"
              label={t('tasks.dialogs.submit.link')}
              rules={[
                { type: 'url', message: t('tasks.dialogs.submit.linkInvalid') },
                { validator: (_r, value?: string) => (file || value?.trim() ? Promise.resolve() : Promise.reject(new Error(t('tasks.dialogs.submit.needOne')))) },
              ]}
            >
              <Input placeholder="https://" inputMode="url" maxLength={1000} />
            </Form.Item>
            <Form.Item name="note" label={t('tasks.dialogs.submit.note')}>
              <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('tasks.dialogs.submit.notePlaceholder')} />
            </Form.Item>
          </>
        ) : null}
        {kind === 'accept' || kind === 'reject' ? (
          <>
            {lastRound ? (
              <Alert
                type="info"
                showIcon
                title={t('tasks.rounds.title', { round: lastRound.round })}
                description={
                  <Space orientation="vertical" size={0}>
                    <span>{t('tasks.fields.deliverable')}：{task.deliverable}</span>
                    <span>{t('tasks.fields.qualityStandard')}：{task.qualityStandard}</span>
                    {lastRound.file ? (
                      <a href={`/api/files/${lastRound.file.id}`} target="_blank" rel="noreferrer">
                        <PaperClipOutlined /> {lastRound.file.fileName}
                      </a>
                    ) : null}
                    {lastRound.link ? (
                      <a href={lastRound.link} target="_blank" rel="noreferrer noopener">
                        {lastRound.link}
                      </a>
                    ) : null}
                    {lastRound.note ? <Typography.Text type="secondary">“{lastRound.note}”</Typography.Text> : null}
                  </Space>
                }
                style={{ marginBottom: 16 }}
              />
            ) : null}
            {kind === 'accept' ? (
              <Form.Item name="opinion" label={t('tasks.fields.acceptanceOpinion')} rules={[required(t('tasks.fields.acceptanceOpinion'))]}>
                <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('tasks.dialogs.accept.placeholder')} />
              </Form.Item>
            ) : (
              <Form.Item name="requirements" label={t('tasks.dialogs.reject.requirements')} rules={[required(t('tasks.dialogs.reject.requirements'))]}>
                <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('tasks.dialogs.reject.placeholder')} />
              </Form.Item>
            )}
          </>
        ) : null}
        {kind === 'delay' ? (
          <>
            <Alert type="warning" showIcon title={t('tasks.dialogs.delay.hint', { days: task.overdueDays, due: task.dueDate })} style={{ marginBottom: 16 }} />
            <Form.Item name="reason" label={t('tasks.dialogs.delay.reason')} rules={[required(t('tasks.dialogs.delay.reason'))]}>
              <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('tasks.dialogs.delay.reasonPlaceholder')} />
            </Form.Item>
            <Form.Item
              name="newDueDate"
              label={t('tasks.dialogs.delay.newDueDate')}
              rules={[{ required: true, message: t('common.requiredSelect', { field: t('tasks.dialogs.delay.newDueDate') }) }]}
              extra={t('tasks.dialogs.delay.newDueDateHint')}
            >
              <DatePicker format={DATE_FORMAT} disabledDate={(d) => d.isBefore(today, 'day')} style={{ width: '100%' }} />
            </Form.Item>
          </>
        ) : null}
      </Form>
    );

  const danger = kind === 'reject';
  return (
    <Modal
      open
      title={title}
      okText={title}
      okButtonProps={{ danger, loading: action.isPending, disabled: !task || blockedByRisk || upload.isPending }}
      onOk={() => void submit().catch((err: unknown) => (isApiError(err) ? notifyError(err) : undefined))}
      onCancel={onClose}
      width={isMobile ? '100%' : 560}
      style={isMobile ? { top: 0, maxWidth: '100vw', paddingBottom: 0 } : undefined}
      destroyOnHidden
    >
      {content}
    </Modal>
  );
}
