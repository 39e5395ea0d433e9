import type { ReactNode } from 'react';
import { Button, Card, Dropdown, Flex, Pagination, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TPeoplePage, TPerson } from '@opsdesk/contract';
import { ACTION_LABEL, actionsFor, type PersonAction } from './usePersonActions.tsx';

interface Props {
  page: TPeoplePage | undefined;
  loading: boolean;
  canEdit: boolean;
  isMobile: boolean;
  empty: ReactNode;
  onAction: (action: PersonAction, person: TPerson) => void;
  onPage: (page: number, pageSize: number) => void;
}

function StatusTags({ person }: { person: TPerson }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {person.active ? <Tag color="green">{t('people.active')}</Tag> : <Tag>{t('people.inactive')}</Tag>}
      {person.locked ? <Tag color="red">{t('people.locked')}</Tag> : null}
    </Space>
  );
}

function RoleTags({ person }: { person: TPerson }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {person.roles.map((role) => (
        <Tag key={role}>{t(`roles.${role}`)}</Tag>
      ))}
    </Space>
  );
}

function RowActions({ person, onAction, compact }: { person: TPerson; onAction: Props['onAction']; compact: boolean }) {
  const { t } = useTranslation();
  const [first, ...rest] = actionsFor(person);
  return (
    <Space size={0}>
      {first ? (
        <Button type="link" size="small" onClick={() => onAction(first, person)}>
          {t(ACTION_LABEL[first])}
        </Button>
      ) : null}
      <Dropdown
        trigger={['click']}
        menu={{
          items: rest.map((action) => ({ key: action, label: t(ACTION_LABEL[action]), danger: action === 'disable' })),
          onClick: ({ key }) => onAction(key as PersonAction, person),
        }}
      >
        <Button type="link" size="small" icon={compact ? <MoreOutlined /> : undefined} aria-label={`${t('common.more')}: ${person.name}`}>
          {compact ? null : t('common.more')}
        </Button>
      </Dropdown>
    </Space>
  );
}

export function PeopleList({ page, loading, canEdit, isMobile, empty, onAction, onPage }: Props) {
  const { t } = useTranslation();
  const dash = t('common.empty');
  const pagination = {
    current: page?.page ?? 1,
    pageSize: page?.pageSize ?? 20,
    total: page?.total ?? 0,
    showSizeChanger: !isMobile,
    showTotal: (total: number) => t('common.total', { total }),
    onChange: onPage,
  };

  if (isMobile) {
    // UX.md: at phone width a table becomes a list of cards.
    return (
      <Flex vertical gap={8}>
        {page ? null : <Card size="small" loading />}
        {page && page.items.length === 0 ? empty : null}
        {(page?.items ?? []).map((person) => (
          <Card key={person.id} size="small" data-testid="person-card">
            <Flex justify="space-between" align="flex-start" gap={8}>
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong>{person.name}</Typography.Text>{' '}
                <Typography.Text type="secondary">{person.username}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">
                    {[person.departmentName, person.title].filter(Boolean).join(' · ') || dash}
                  </Typography.Text>
                </div>
                {person.phone ? <div>{person.phone}</div> : null}
                <div style={{ marginTop: 4 }}>
                  <RoleTags person={person} /> <StatusTags person={person} />
                </div>
              </div>
              {canEdit ? <RowActions person={person} onAction={onAction} compact /> : null}
            </Flex>
          </Card>
        ))}
        {page && page.total > 0 ? <Pagination {...pagination} simple style={{ alignSelf: 'center' }} /> : null}
      </Flex>
    );
  }

  const columns: TableColumnsType<TPerson> = [
    {
      title: t('people.name'),
      key: 'name',
      render: (_, p) => (
        <>
          <Typography.Text strong>{p.name}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{p.username}</Typography.Text>
          </div>
        </>
      ),
    },
    { title: t('people.employeeNo'), dataIndex: 'employeeNo', render: (v: string | null) => v ?? dash },
    { title: t('people.department'), dataIndex: 'departmentName', render: (v: string | null) => v ?? dash },
    { title: t('people.title'), dataIndex: 'title', render: (v: string | null) => v ?? dash },
    { title: t('people.roles'), key: 'roles', render: (_, p) => <RoleTags person={p} /> },
    { title: t('people.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? dash },
    { title: t('people.status'), key: 'status', render: (_, p) => <StatusTags person={p} /> },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 140,
      render: (_, p) => <RowActions person={p} onAction={onAction} compact={false} />,
    });
  }

  return (
    <Table<TPerson>
      rowKey="id"
      columns={columns}
      dataSource={page?.items}
      loading={loading}
      pagination={pagination}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: loading ? ' ' : empty }}
    />
  );
}
