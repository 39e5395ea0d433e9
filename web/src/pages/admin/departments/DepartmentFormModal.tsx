import { useEffect, useMemo } from 'react';
import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TDepartment, TDepartmentInput } from '@opsdesk/contract';
import { useDepartments, useSaveDepartment } from '../../../api/org.ts';
import { DepartmentSelect } from '../../../components/DepartmentSelect.tsx';
import { PersonSelect } from '../../../components/PersonSelect.tsx';
import { descendantIds } from '../../../lib/departmentTree.ts';
import { applyFieldErrors } from '../../../lib/formErrors.ts';
import { useNotifyError } from '../../../lib/useErrorText.ts';

/** What the modal edits: an existing department, or a new one (optionally under a parent). */
export type DepartmentTarget = { mode: 'edit'; department: TDepartment } | { mode: 'create'; parentId: number | null };

interface Values {
  name: string;
  code?: string | null;
  parentId?: number | null;
  headId?: number | null;
  divisionLeaderId?: number | null;
  sortOrder?: number | null;
}

const FIELDS = ['name', 'code', 'parentId', 'headId', 'divisionLeaderId', 'sortOrder'] as const;

export function DepartmentFormModal({ target, onClose }: { target: DepartmentTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveDepartment();
  const notifyError = useNotifyError();
  const { data: departments } = useDepartments();
  const editing = target?.mode === 'edit' ? target.department : null;

  const excluded = useMemo(
    () => (editing ? descendantIds(departments ?? [], editing.id) : new Set<number>()),
    [departments, editing],
  );

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue(
      target.mode === 'edit'
        ? {
            name: target.department.name,
            code: target.department.code,
            parentId: target.department.parentId,
            headId: target.department.headId,
            divisionLeaderId: target.department.divisionLeaderId,
            sortOrder: target.department.sortOrder,
          }
        : { parentId: target.parentId, sortOrder: 0 },
    );
  }, [target, form]);

  const onFinish = (values: Values) => {
    const body: TDepartmentInput = {
      name: values.name,
      code: values.code || null,
      parentId: values.parentId ?? null,
      headId: values.headId ?? null,
      divisionLeaderId: values.divisionLeaderId ?? null,
      sortOrder: values.sortOrder ?? 0,
    };
    save.mutate(
      { id: editing?.id, body },
      {
        onSuccess: () => {
          void message.success(editing ? t('common.saved') : t('dept.created'));
          onClose();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err, FIELDS)) notifyError(err);
        },
      },
    );
  };

  return (
    <Modal
      open={target !== null}
      title={editing ? t('dept.editTitle') : t('dept.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form<Values> name="department" form={form} layout="vertical" onFinish={onFinish} disabled={save.isPending}>
        <Form.Item
          name="name"
          label={t('dept.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('dept.name') }) }, { max: 64 }]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="code" label={t('dept.code')} rules={[{ max: 32 }]}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="parentId" label={t('dept.parent')}>
          <DepartmentSelect placeholder={t('dept.parentNone')} exclude={excluded} />
        </Form.Item>
        <Form.Item name="headId" label={t('dept.head')}>
          <PersonSelect initialLabel={editing?.headName} />
        </Form.Item>
        <Form.Item name="divisionLeaderId" label={t('dept.divisionLeader')}>
          <PersonSelect initialLabel={editing?.divisionLeaderName} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('dept.sortOrder')} extra={t('dept.sortOrderHelp')}>
          <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
