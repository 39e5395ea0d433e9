import { LoadError } from '../../../components/LoadError.tsx';
import { useMemo, useState, type Key } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Space, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDeleteDepartment, useDepartments } from '../../../api/org.ts';
import { useMe } from '../../../api/session.ts';
import { allIds, buildDepartmentTree, type DepartmentNode } from '../../../lib/departmentTree.ts';
import { useNotifyError } from '../../../lib/useErrorText.ts';
import { useIsMobile } from '../../../lib/useIsMobile.ts';
import { PageSkeleton } from '../../../shell/PageSkeleton.tsx';
import { DepartmentFormModal, type DepartmentTarget } from './DepartmentFormModal.tsx';
import { DepartmentActions } from './DepartmentActions.tsx';
import { useDocumentTitle } from '../../../lib/useDocumentTitle.ts';

export default function DepartmentsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('dept.title'));
  const { message, modal } = App.useApp();
  const me = useMe();
  const isAdmin = me.roles.includes('admin');
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { data, isPending, error, refetch } = useDepartments();
  const remove = useDeleteDepartment();
  const notifyError = useNotifyError();
  const [target, setTarget] = useState<DepartmentTarget | null>(null);
  // null = everything expanded (the default for an org chart of a few dozen departments).
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);

  const tree = useMemo(() => buildDepartmentTree(data ?? []), [data]);
  const everyId = useMemo(() => allIds(tree), [tree]);

  if (isPending) return <PageSkeleton />;
  if (error) {
    return (
      <LoadError error={error} onRetry={refetch} />
    );
  }

  const onDelete = (dept: DepartmentNode) =>
    modal.confirm({
      title: t('dept.deleteConfirm', { name: dept.name }),
      content: t('dept.deleteHint'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync(dept.id).then(() => void message.success(t('common.deleted')), notifyError),
    });

  const columns: TableColumnsType<DepartmentNode> = [
    { title: t('dept.name'), dataIndex: 'name', key: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: t('dept.code'), dataIndex: 'code', key: 'code', responsive: ['md'], render: (v: string | null) => v ?? t('common.empty') },
    { title: t('dept.head'), dataIndex: 'headName', key: 'head', responsive: ['sm'], render: (v: string | null) => v ?? t('common.empty') },
    {
      title: t('dept.divisionLeader'),
      dataIndex: 'divisionLeaderName',
      key: 'leader',
      responsive: ['lg'],
      render: (v: string | null) => v ?? t('common.empty'),
    },
    {
      title: t('dept.members'),
      dataIndex: 'memberCount',
      key: 'members',
      align: 'right',
      width: 80,
      render: (count: number, dept) => (
        <Typography.Link
          title={t('dept.viewMembers')}
          onClick={() => void navigate(`/admin/people?departmentId=${dept.id}`)}
        >
          {count}
        </Typography.Link>
      ),
    },
  ];

  if (isAdmin) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: isMobile ? 56 : 250,
      render: (_, dept) => (
        <DepartmentActions
          dept={dept}
          compact={isMobile}
          onEdit={() => setTarget({ mode: 'edit', department: dept })}
          onCreateChild={() => setTarget({ mode: 'create', parentId: dept.id })}
          onDelete={() => onDelete(dept)}
        />
      ),
    });
  }

  const empty = (
    <Empty description={isAdmin ? t('dept.empty') : t('dept.emptyReadonly')}>
      {isAdmin ? (
        <Space orientation="vertical">
          <Typography.Text type="secondary">{t('dept.emptyHint')}</Typography.Text>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create', parentId: null })}>
            {t('dept.create')}
          </Button>
        </Space>
      ) : null}
    </Empty>
  );

  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('dept.title')}
        </Typography.Title>
        <Space wrap>
          {tree.some((node) => node.children) ? (
            <Button onClick={() => setExpanded(expanded && expanded.length === 0 ? null : [])}>
              {expanded && expanded.length === 0 ? t('dept.expandAll') : t('dept.collapseAll')}
            </Button>
          ) : null}
          {isAdmin ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create', parentId: null })}>
              {t('dept.create')}
            </Button>
          ) : null}
        </Space>
      </Flex>
      {isAdmin ? null : <Alert type="info" showIcon title={t('dept.readonly')} style={{ marginBottom: 16 }} />}
      <Table<DepartmentNode>
        rowKey="id"
        columns={columns}
        dataSource={tree}
        pagination={false}
        size={isMobile ? 'small' : 'middle'}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowKeys: expanded ?? everyId,
          onExpandedRowsChange: (keys) => setExpanded(keys),
          indentSize: isMobile ? 12 : 20,
        }}
        locale={{ emptyText: empty }}
      />
      {isAdmin ? <DepartmentFormModal target={target} onClose={() => setTarget(null)} /> : null}
    </Card>
  );
}
