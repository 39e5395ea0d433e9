import { useMemo, useState } from 'react';
import { App, Button, Col, DatePicker, Divider, Drawer, Form, Input, Row, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TCreateTaskInput, TTask, TUpdateTaskInput } from '@opsdesk/contract';
import { useMe } from '../../../api/session.ts';
import { useSaveTask } from '../../../api/tasks.ts';
import { DATE_FORMAT } from '../../../lib/time.ts';
import { useNotifyError } from '../../../lib/useErrorText.ts';
import { useIsMobile } from '../../../lib/useIsMobile.ts';
import { applyNestedFieldErrors } from './fieldErrors.ts';
import { GoalExample } from './GoalExample.tsx';
import { CollaboratorsField, KnownPersonSelect, MilestonesField } from './ListFields.tsx';
import { TaskPicker } from './TaskPicker.tsx';

/** What the drawer edits: a new task (optionally with a due date picked on the calendar) or an existing one. */
export type TaskFormTarget = { mode: 'create'; dueDate?: string } | { mode: 'edit'; task: TTask };

interface Values {
  name: string;
  description?: string | null;
  deliverable: string;
  qualityStandard: string;
  ownerId: number | null;
  acceptorId?: number | null;
  collaborators: { personId: number | null; share: string }[];
  startDate: Dayjs | null;
  dueDate: Dayjs | null;
  milestones: { id?: number; name: string; date: Dayjs | null; done: boolean }[];
  predecessorIds: number[];
  major: boolean;
  riskNote?: string | null;
  mitigationPlan?: string | null;
  remarks?: string | null;
}

const FIELDS = [
  'name',
  'description',
  'deliverable',
  'qualityStandard',
  'ownerId',
  'acceptorId',
  'collaborators',
  'startDate',
  'dueDate',
  'milestones',
  'predecessorIds',
  'major',
  'riskNote',
  'mitigationPlan',
  'remarks',
] as const;

const day = (value: string | null | undefined) => (value ? dayjs(value) : null);

function toValues(task: TTask): Values {
  return {
    name: task.name,
    description: task.description,
    deliverable: task.deliverable,
    qualityStandard: task.qualityStandard,
    ownerId: task.owner.id,
    acceptorId: task.acceptor?.id ?? null,
    collaborators: task.collaborators.map((c) => ({ personId: c.id, share: c.share })),
    startDate: day(task.startDate),
    dueDate: day(task.dueDate),
    milestones: task.milestones.map((m) => ({ id: m.id, name: m.name, date: day(m.date), done: m.done })),
    predecessorIds: task.predecessorIds,
    major: task.major,
    riskNote: task.riskNote,
    mitigationPlan: task.mitigationPlan,
    remarks: task.remarks,
  };
}

function toInput(v: Values): TCreateTaskInput {
  return {
    name: v.name,
    description: v.description || null,
    deliverable: v.deliverable,
    qualityStandard: v.qualityStandard,
    ownerId: v.ownerId ?? 0,
    acceptorId: v.acceptorId ?? null,
    collaborators: v.collaborators.map((c) => ({ personId: c.personId ?? 0, share: c.share })),
    startDate: v.startDate?.format(DATE_FORMAT) ?? '',
    dueDate: v.dueDate?.format(DATE_FORMAT) ?? '',
    milestones: v.milestones.map((m) => ({ id: m.id, name: m.name, date: m.date?.format(DATE_FORMAT) ?? '', done: m.done })),
    predecessorIds: v.predecessorIds,
    major: v.major,
    riskNote: v.major ? v.riskNote || null : (v.riskNote ?? null),
    mitigationPlan: v.major ? v.mitigationPlan || null : (v.mitigationPlan ?? null),
    remarks: v.remarks || null,
  };
}

/** An edit sends only what changed (lists whole), so a field the editor did not touch is never overwritten. */
function changedFields(before: TCreateTaskInput, after: TCreateTaskInput): Partial<TCreateTaskInput> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof TCreateTaskInput)[]) {
    if (JSON.stringify(after[key] ?? null) !== JSON.stringify(before[key] ?? null)) out[key] = after[key];
  }
  return out as Partial<TCreateTaskInput>;
}

interface Props {
  target: TaskFormTarget | null;
  onClose: () => void;
  onSaved: (task: TTask, created: boolean) => void;
}

/**
 * 新建/编辑任务: every TSK-1 field; the server's field errors land under their fields. Mounted only
 * while open, so each opening starts from the task as loaded and a background refresh of the task
 * never wipes what is being typed.
 */
export function TaskFormDrawer({ target, onClose, onSaved }: Props) {
  return target ? <OpenTaskForm target={target} onClose={onClose} onSaved={onSaved} /> : null;
}

function OpenTaskForm({ target, onClose, onSaved }: Props & { target: TaskFormTarget }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const save = useSaveTask();
  const notifyError = useNotifyError();
  // The task as it was when the drawer opened: its version guards against someone else's save (409).
  const [editing] = useState(() => (target.mode === 'edit' ? target.task : null));
  const major = Form.useWatch('major', form);
  const startDate = Form.useWatch('startDate', form);

  // Names of people already on the task, so the pickers show them before any search.
  const names = useMemo(() => {
    const map = new Map<number, string>([[me.id, me.name]]);
    if (editing) {
      map.set(editing.owner.id, editing.owner.name);
      if (editing.acceptor) map.set(editing.acceptor.id, editing.acceptor.name);
      for (const c of editing.collaborators) map.set(c.id, c.name);
    }
    return map;
  }, [editing, me]);

  const [initialValues] = useState<Partial<Values>>(() =>
    target.mode === 'edit'
      ? toValues(target.task)
      : { ownerId: me.id, collaborators: [], milestones: [], predecessorIds: [], major: false, startDate: dayjs(), dueDate: day(target.dueDate) },
  );

  const onFinish = (values: Values) => {
    const input = toInput(values);
    const body: TCreateTaskInput | TUpdateTaskInput = editing ? { ...changedFields(toInput(toValues(editing)), input), version: editing.version } : input;
    save.mutate(
      { id: editing?.id, body },
      {
        onSuccess: (task) => {
          void message.success(editing ? t('common.saved') : t('tasks.form.created', { number: task.number }));
          onSaved(task, !editing);
        },
        onError: (err) => {
          if (!applyNestedFieldErrors(form, err, FIELDS)) notifyError(err);
        },
      },
    );
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  const requiredPick = (field: string) => ({ required: true, message: t('common.requiredSelect', { field }) });
  const overdueLocked = editing?.status === 'overdue';

  return (
    <Drawer
      open
      title={editing ? t('tasks.form.editTitle', { number: editing.number }) : t('tasks.form.createTitle')}
      onClose={onClose}
      size={isMobile ? '100%' : 760}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values> name="task" form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} disabled={save.isPending} scrollToFirstError>
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t('tasks.form.sectionGoal')}
        </Divider>
        <GoalExample />
        <Form.Item name="name" label={t('tasks.fields.name')} rules={[required(t('tasks.fields.name')), { max: 100 }]}>
          <Input maxLength={100} placeholder={t('tasks.form.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="description" label={t('tasks.fields.description')} rules={[{ max: 2000 }]} extra={t('tasks.form.descriptionHelp')}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('tasks.form.descriptionPlaceholder')} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="deliverable" label={t('tasks.fields.deliverable')} rules={[required(t('tasks.fields.deliverable')), { max: 500 }]} extra={t('tasks.form.deliverableHelp')}>
              <Input.TextArea rows={2} maxLength={500} placeholder={t('tasks.form.deliverablePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="qualityStandard"
              label={t('tasks.fields.qualityStandard')}
              rules={[required(t('tasks.fields.qualityStandard')), { max: 500 }]}
              extra={t('tasks.form.qualityHelp')}
            >
              <Input.TextArea rows={2} maxLength={500} placeholder={t('tasks.form.qualityPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('tasks.form.sectionPeople')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="ownerId" label={t('tasks.fields.owner')} rules={[requiredPick(t('tasks.fields.owner'))]} extra={t('tasks.form.ownerHelp')}>
              <KnownPersonSelect names={names} placeholder={t('common.searchPeople')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="acceptorId" label={t('tasks.fields.acceptor')} extra={t('tasks.form.acceptorHelp')}>
              <KnownPersonSelect names={names} placeholder={t('tasks.form.acceptorPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('tasks.fields.collaborators')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('tasks.form.collaboratorsHelp')}
        </Typography.Paragraph>
        <CollaboratorsField names={names} />

        <Divider titlePlacement="start" plain>
          {t('tasks.form.sectionPlan')}
        </Divider>
        <Row gutter={16}>
          <Col xs={12}>
            <Form.Item name="startDate" label={t('tasks.fields.startDate')} rules={[requiredPick(t('tasks.fields.startDate'))]}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="dueDate"
              label={t('tasks.fields.dueDate')}
              extra={overdueLocked ? t('tasks.form.dueLocked') : undefined}
              dependencies={['startDate']}
              rules={[
                requiredPick(t('tasks.fields.dueDate')),
                {
                  validator: (_r, value: Dayjs | null) =>
                    value && startDate && value.isBefore(startDate, 'day') ? Promise.reject(new Error(t('tasks.form.dueBeforeStart'))) : Promise.resolve(),
                },
              ]}
            >
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} disabled={overdueLocked} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('tasks.fields.milestones')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('tasks.form.milestonesHelp')}
        </Typography.Paragraph>
        <MilestonesField />
        <Form.Item name="predecessorIds" label={t('tasks.fields.predecessors')} extra={t('tasks.form.predecessorsHelp')}>
          <TaskPicker known={editing?.predecessors} excludeId={editing?.id} />
        </Form.Item>

        <Divider titlePlacement="start" plain>
          {t('tasks.form.sectionRisk')}
        </Divider>
        <Form.Item name="major" label={t('tasks.fields.major')} valuePropName="checked" extra={t('tasks.form.majorHelp')}>
          <Switch />
        </Form.Item>
        {major ? (
          <>
            <Form.Item name="riskNote" label={t('tasks.fields.riskNote')} rules={[required(t('tasks.fields.riskNote')), { max: 2000 }]}>
              <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('tasks.form.riskPlaceholder')} />
            </Form.Item>
            <Form.Item name="mitigationPlan" label={t('tasks.fields.mitigationPlan')} rules={[required(t('tasks.fields.mitigationPlan')), { max: 2000 }]}>
              <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('tasks.form.mitigationPlaceholder')} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="remarks" label={t('tasks.fields.remarks')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} placeholder={t('tasks.form.remarksPlaceholder')} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
