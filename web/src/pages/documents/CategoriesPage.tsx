import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Popconfirm, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CATEGORY_CODE_PATTERN, type TDocumentCategory } from '@opsdesk/contract';
import { useDeleteCategory, useDocumentCategories, useSaveCategory } from '../../api/documents.ts';
import { useMe } from '../../api/session.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';
import { categoryTree } from './CategoryTree.tsx';
import { canManageCategories } from './roles.ts';

interface Row extends TDocumentCategory {
  children?: Row[];
}

type Target = { mode: 'create'; parent: TDocumentCategory | null } | { mode: 'edit'; category: TDocumentCategory };

interface Values {
  code: string;
  name: string;
  defaultImportant: boolean;
  sortOrder: number;
}

function CategoryModal({ target, onClose }: { target: Target; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const save = useSaveCategory();
  const editing = target.mode === 'edit' ? target.category : null;
  const parent = target.mode === 'create' ? target.parent : null;
  const initial: Values = editing
    ? { code: editing.code, name: editing.name, defaultImportant: editing.defaultImportant, sortOrder: editing.sortOrder }
    : { code: parent ? `${parent.code}-` : '', name: '', defaultImportant: parent?.defaultImportant ?? false, sortOrder: 0 };

  const onFinish = (v: Values) => {
    const body = editing
      ? { name: v.name.trim(), defaultImportant: v.defaultImportant, sortOrder: v.sortOrder }
      : { code: v.code.trim().toUpperCase(), name: v.name.trim(), parentId: parent?.id ?? null, defaultImportant: v.defaultImportant, sortOrder: v.sortOrder };
    save.mutate(
      { id: editing?.id, body },
      {
        onSuccess: () => {
          void message.success(t('documents.categories.saved'));
          onClose();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err, ['code', 'name', 'defaultImportant', 'sortOrder', 'parentId'])) notifyError(err);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={editing ? t('documents.categories.editTitle') : t('documents.categories.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common.save')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
        {parent ? (
          <Form.Item label={t('documents.categories.parent')}>
            {parent.name}（{parent.code}）
          </Form.Item>
        ) : null}
        <Form.Item
          name="code"
          label={t('documents.categories.code')}
          extra={parent ? t('documents.categories.codeHint2', { parent: parent.code }) : editing ? undefined : t('documents.categories.codeHint1')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('documents.categories.code') }) },
            { pattern: CATEGORY_CODE_PATTERN, message: parent ? t('documents.categories.codeHint2', { parent: parent.code }) : t('documents.categories.codeHint1') },
          ]}
          normalize={(v: string) => v.toUpperCase()}
        >
          <Input disabled={editing !== null} maxLength={17} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="name" label={t('documents.categories.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('documents.categories.name') }) }, { max: 32 }]}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="defaultImportant" label={t('documents.categories.defaultImportant')} valuePropName="checked" extra={t('documents.categories.defaultImportantHint')}>
          <Switch />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('documents.categories.sortOrder')}>
          <InputNumber min={0} max={9999} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** DOC-1 分类管理: two levels with unique codes; a category may default the 重要 flag. */
export default function CategoriesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('documents.categories.title'));
  const me = useMe();
  const canEdit = canManageCategories(me);
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const categories = useDocumentCategories();
  const remove = useDeleteCategory();
  const [target, setTarget] = useState<Target | null>(null);

  const rows: Row[] = useMemo(
    () => categoryTree(categories.data ?? []).map((n) => ({ ...n.category, children: n.children.length ? n.children : undefined })),
    [categories.data],
  );

  const columns: TableColumnsType<Row> = [
    {
      title: t('documents.categories.name'),
      key: 'name',
      render: (_, c) => (
        <Space size={4}>
          <Typography.Text strong={c.level === 1}>{c.name}</Typography.Text>
          <Tag>{c.level === 1 ? t('documents.categories.level1') : t('documents.categories.level2')}</Tag>
        </Space>
      ),
    },
    { title: t('documents.categories.code'), dataIndex: 'code', width: 120, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t('documents.categories.defaultImportant'),
      key: 'important',
      width: 110,
      render: (_, c) => (c.defaultImportant ? <Tag color="orange">{t('documents.importantTag')}</Tag> : <Typography.Text type="secondary">{t('common.no')}</Typography.Text>),
    },
    { title: t('documents.categories.archivePath'), dataIndex: 'archivePath' },
    { title: t('documents.categories.sortOrder'), dataIndex: 'sortOrder', width: 80 },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, c) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', category: c })}>
            {t('common.edit')}
          </Button>
          {c.level === 1 ? (
            <Button type="link" size="small" onClick={() => setTarget({ mode: 'create', parent: c })}>
              {t('documents.categories.createChild')}
            </Button>
          ) : null}
          <Popconfirm
            title={t('documents.categories.deleteConfirm', { name: c.name })}
            description={t('documents.categories.deleteHint')}
            onConfirm={() => remove.mutate(c.id, { onSuccess: () => void message.success(t('documents.categories.deleted')), onError: notifyError })}
          >
            <Button type="link" size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('documents.categories.title')}
        </Typography.Title>
        {canEdit ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create', parent: null })}>
            {t('documents.categories.create')}
          </Button>
        ) : null}
      </Flex>
      <Alert type="info" showIcon title={canEdit ? t('documents.categories.intro') : t('documents.categories.readonly')} style={{ marginBottom: 16 }} />
      {categories.error ? <LoadError error={categories.error} onRetry={() => categories.refetch()} /> : null}
      <Table<Row>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={categories.isLoading}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        scroll={{ x: 760 }}
        key={rows.length ? 'loaded' : 'empty'}
        locale={{ emptyText: t('documents.categories.empty') }}
      />
      {target ? <CategoryModal target={target} onClose={() => setTarget(null)} /> : null}
    </Card>
  );
}
