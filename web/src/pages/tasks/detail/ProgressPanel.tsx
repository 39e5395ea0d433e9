import { Alert, App, Button, Col, DatePicker, Empty, Form, Input, InputNumber, Row, Slider, Space, Timeline, Typography } from 'antd';
import { Trans, useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TTask } from '@opsdesk/contract';
import { isApiError } from '../../../api/client.ts';
import { useTaskAction } from '../../../api/tasks.ts';
import { applyFieldErrors } from '../../../lib/formErrors.ts';
import { COMPANY_TZ, DATE_FORMAT, formatDateTime } from '../../../lib/time.ts';
import { useNotifyError } from '../../../lib/useErrorText.ts';

interface ProgressValues {
  progress: number;
  stage: string;
  note?: string;
  overrideReason?: string;
}
interface DelayValues {
  reason: string;
  newDueDate: Dayjs | null;
}

/** TSK-6: more than a day late → the owner states why and the new date before posting progress. */
function DelayForm({ task, onRefresh }: { task: TTask; onRefresh: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DelayValues>();
  const action = useTaskAction(task.id);
  const notifyError = useNotifyError();
  const today = dayjs().tz(COMPANY_TZ).startOf('day');
  const onFinish = (v: DelayValues) =>
    action.mutate(
      { kind: 'delay', body: { reason: v.reason, newDueDate: v.newDueDate?.format(DATE_FORMAT) ?? '' } },
      {
        onSuccess: () => void message.success(t('tasks.dialogs.delay.done')),
        onError: (err) => {
          if (!applyFieldErrors(form, err, ['reason', 'newDueDate'])) notifyError(err);
          onRefresh();
        },
      },
    );
  return (
    <Form<DelayValues> form={form} layout="vertical" onFinish={onFinish} disabled={action.isPending} name="task-delay" data-testid="delay-form">
      <Alert
        type="error"
        showIcon
        title={t('tasks.progress.delayFirst', { days: task.overdueDays, due: task.dueDate })}
        description={t('tasks.progress.delayFirstHint')}
        style={{ marginBottom: 16 }}
      />
      <Form.Item name="reason" label={t('tasks.dialogs.delay.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('tasks.dialogs.delay.reason') }) }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('tasks.dialogs.delay.reasonPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="newDueDate"
        label={t('tasks.dialogs.delay.newDueDate')}
        extra={t('tasks.dialogs.delay.newDueDateHint')}
        rules={[{ required: true, message: t('common.requiredSelect', { field: t('tasks.dialogs.delay.newDueDate') }) }]}
      >
        <DatePicker format={DATE_FORMAT} disabledDate={(d) => d.isBefore(today, 'day')} style={{ width: 200 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" danger loading={action.isPending}>
        {t('tasks.dialogs.delay.title')}
      </Button>
    </Form>
  );
}

/** TSK-5: post an update (%, 阶段, note); starting early past an open predecessor needs a reason. */
function PostProgressForm({ task, onRefresh }: { task: TTask; onRefresh: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProgressValues>();
  const action = useTaskAction(task.id);
  const notifyError = useNotifyError();
  const needsOverride = task.workflowStatus === 'not_started' && task.startBlockers.openPredecessors.length > 0;
  const onFinish = (v: ProgressValues) =>
    action.mutate(
      { kind: 'progress', body: { progress: v.progress, stage: v.stage, note: v.note ?? null, overrideReason: v.overrideReason ?? null } },
      {
        onSuccess: () => {
          void message.success(t('tasks.progress.posted'));
          form.resetFields(['note', 'overrideReason']);
        },
        onError: (err) => {
          // TSK-6: the server found the task more than a day late; the reloaded task shows the delay form instead.
          if (isApiError(err) && err.code === 'TASK_DELAY_REQUIRED') void message.warning(t('tasks.progress.delayNeeded'));
          else if (!applyFieldErrors(form, err, ['progress', 'stage', 'note', 'overrideReason'])) notifyError(err);
          onRefresh();
        },
      },
    );
  return (
    <Form<ProgressValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={action.isPending}
      name="task-progress"
      initialValues={{ progress: task.progress, stage: task.stage ?? '' }}
      data-testid="progress-form"
    >
      {task.startBlockers.missingRiskPlan && task.workflowStatus === 'not_started' ? (
        <Alert type="warning" showIcon title={t('tasks.dialogs.start.riskMissing')} style={{ marginBottom: 16 }} />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Form.Item label={t('tasks.progress.percent')} required>
            <Row gutter={8} align="middle" wrap={false}>
              <Col flex="auto">
                <Form.Item name="progress" noStyle>
                  <Slider min={0} max={100} step={5} />
                </Form.Item>
              </Col>
              <Col flex="none">
                <Form.Item name="progress" noStyle rules={[{ required: true, message: t('common.required', { field: t('tasks.progress.percent') }) }]}>
                  <InputNumber min={0} max={100} suffix="%" aria-label={t('tasks.progress.percent')} style={{ width: 90 }} />
                </Form.Item>
              </Col>
            </Row>
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item
            name="stage"
            label={t('tasks.fields.stage')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('tasks.fields.stage') }) }, { max: 100 }]}
          >
            <Input maxLength={100} placeholder={t('tasks.progress.stagePlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label={t('tasks.progress.note')}>
        <Input.TextArea rows={2} maxLength={2000} placeholder={t('tasks.progress.notePlaceholder')} />
      </Form.Item>
      {needsOverride ? (
        <Form.Item
          name="overrideReason"
          label={t('tasks.dialogs.start.overrideReason')}
          extra={t('tasks.progress.overrideHint', { tasks: task.startBlockers.openPredecessors.map((p) => p.number).join('、') })}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('tasks.dialogs.start.overrideReason') }) }]}
        >
          <Input.TextArea rows={2} maxLength={500} placeholder={t('tasks.dialogs.start.overridePlaceholder')} />
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" loading={action.isPending}>
        {t('tasks.progress.post')}
      </Button>
    </Form>
  );
}

type Entry =
  | { kind: 'progress'; at: string; item: TTask['progressLog'][number] }
  | { kind: 'delay'; at: string; item: TTask['delays'][number] };

/** The progress timeline (TSK-5) with the delays (TSK-6) in it, newest first, and the form to add to it. */
export function ProgressPanel({ task, onRefresh }: { task: TTask; onRefresh: () => void }) {
  const { t } = useTranslation();
  const entries: Entry[] = [
    ...task.progressLog.map((item) => ({ kind: 'progress' as const, at: item.at, item })),
    ...task.delays.map((item) => ({ kind: 'delay' as const, at: item.at, item })),
  ].sort((a, b) => b.at.localeCompare(a.at));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {task.permissions.canPostProgress ? (
        task.needsDelayReason ? (
          task.permissions.canDelay ? (
            <DelayForm task={task} onRefresh={onRefresh} />
          ) : (
            <Alert type="error" showIcon title={t('tasks.progress.delayFirst', { days: task.overdueDays, due: task.dueDate })} description={t('tasks.progress.ownerMustExplain')} />
          )
        ) : (
          <PostProgressForm key={task.version} task={task} onRefresh={onRefresh} />
        )
      ) : null}
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.progress.empty')} />
      ) : (
        <Timeline
          data-testid="progress-timeline"
          items={entries.map((entry) =>
            entry.kind === 'progress'
              ? {
                  key: `p${entry.item.id}`,
                  color: 'blue',
                  content: (
                    <Space orientation="vertical" size={0}>
                      <Typography.Text>
                        <Typography.Text strong>{entry.item.progress}%</Typography.Text> · {entry.item.stage}
                      </Typography.Text>
                      {entry.item.note ? <Typography.Text type="secondary">{entry.item.note}</Typography.Text> : null}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {entry.item.author.name} · <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.item.at)}</span>
                      </Typography.Text>
                    </Space>
                  ),
                }
              : {
                  key: `d${entry.item.id}`,
                  color: 'red',
                  content: (
                    <Space orientation="vertical" size={0}>
                      <Typography.Text type="danger">
                        {/* A date never breaks at its hyphens on a phone ("2026-12-" / "09"). */}
                        <Trans i18nKey="tasks.progress.delayEntry" values={{ from: entry.item.oldDueDate, to: entry.item.newDueDate }} components={{ date: <span style={{ whiteSpace: 'nowrap' }} /> }} />
                      </Typography.Text>
                      <Typography.Text>{t('tasks.progress.delayReason', { reason: entry.item.reason })}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {entry.item.author.name} · <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.item.at)}</span>
                      </Typography.Text>
                    </Space>
                  ),
                },
          )}
        />
      )}
    </Space>
  );
}
