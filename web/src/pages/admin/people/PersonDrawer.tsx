import { useEffect } from 'react';
import { App, Button, Col, Drawer, Form, Input, Row, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN, ROLES, type TPerson, type TPersonWithPassword, type TRole } from '@opsdesk/contract';
import { useCreatePerson, useUpdatePerson } from '../../../api/org.ts';
import { DepartmentSelect } from '../../../components/DepartmentSelect.tsx';
import { applyFieldErrors } from '../../../lib/formErrors.ts';
import { useNotifyError } from '../../../lib/useErrorText.ts';
import { useIsMobile } from '../../../lib/useIsMobile.ts';

/** What the drawer edits: a new person (optionally pre-placed in a department) or an existing one. */
export type PersonTarget = { mode: 'create'; departmentId?: number } | { mode: 'edit'; person: TPerson };

interface Values {
  username: string;
  name: string;
  employeeNo?: string | null;
  phone?: string | null;
  email?: string | null;
  departmentId?: number | null;
  title?: string | null;
  roles: TRole[];
  active: boolean;
  initialPassword?: string;
}

const FIELDS = [
  'username',
  'name',
  'employeeNo',
  'phone',
  'email',
  'departmentId',
  'title',
  'roles',
  'active',
  'initialPassword',
] as const;

interface Props {
  target: PersonTarget | null;
  onClose: () => void;
  onCreated: (result: TPersonWithPassword) => void;
}

export function PersonDrawer({ target, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const create = useCreatePerson();
  const update = useUpdatePerson();
  const notifyError = useNotifyError();
  const editing = target?.mode === 'edit' ? target.person : null;
  const pending = create.isPending || update.isPending;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const { username, name, employeeNo, phone, email, departmentId, title, roles, active } = target.person;
      form.setFieldsValue({ username, name, employeeNo, phone, email, departmentId, title, roles, active });
    } else {
      form.setFieldsValue({ roles: ['employee'], active: true, departmentId: target.departmentId ?? null });
    }
  }, [target, form]);

  const onError = (err: unknown) => {
    if (!applyFieldErrors(form, err, FIELDS)) notifyError(err);
  };

  const onFinish = (values: Values) => {
    const common = {
      name: values.name,
      employeeNo: values.employeeNo || null,
      phone: values.phone || null,
      email: values.email || null,
      departmentId: values.departmentId ?? null,
      title: values.title || null,
      roles: values.roles,
      active: values.active,
    };
    if (editing) {
      update.mutate(
        { id: editing.id, body: common },
        {
          onSuccess: () => {
            void message.success(t('common.saved'));
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { ...common, username: values.username, initialPassword: values.initialPassword || undefined },
        { onSuccess: onCreated, onError },
      );
    }
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  return (
    <Drawer
      open={target !== null}
      title={editing ? t('people.editTitle') : t('people.createTitle')}
      onClose={onClose}
      size={isMobile ? '100%' : 640}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={pending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values> name="person" form={form} layout="vertical" onFinish={onFinish} disabled={pending}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="username"
              label={t('people.username')}
              extra={editing ? undefined : t('people.usernameHelp')}
              rules={[
                required(t('people.username')),
                { min: 2, max: 32 },
                { pattern: /^[a-zA-Z0-9._-]+$/, message: t('people.usernameHelp') },
              ]}
            >
              <Input disabled={editing !== null} autoComplete="off" maxLength={32} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('people.name')} rules={[required(t('people.name')), { max: 64 }]}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="departmentId" label={t('people.departmentLabel')}>
              <DepartmentSelect placeholder={t('common.none')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="title" label={t('people.title')} rules={[{ max: 64 }]}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="employeeNo" label={t('people.employeeNo')} rules={[{ max: 32 }]}>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('people.phone')} rules={[{ max: 32 }]}>
              <Input maxLength={32} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="email" label={t('people.email')} rules={[{ type: 'email', message: t('people.emailInvalid') }, { max: 120 }]}>
              <Input maxLength={120} inputMode="email" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="roles"
              label={t('people.roles')}
              rules={[{ required: true, type: 'array', min: 1, message: t('common.requiredSelect', { field: t('people.roles') }) }]}
            >
              <Select<TRole[]>
                mode="multiple"
                options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              />
            </Form.Item>
          </Col>
          {editing ? null : (
            <Col xs={24}>
              <Form.Item
                name="initialPassword"
                label={t('people.initialPassword')}
                extra={t('people.initialPasswordHelp')}
                rules={[{ min: PASSWORD_MIN, message: t('password.tooShort') }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24}>
            <Form.Item name="active" label={t('people.activeLabel')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
