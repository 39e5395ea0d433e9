import { LoadError } from '../../../components/LoadError.tsx';
import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Space, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TPeopleQuery, TPerson } from '@opsdesk/contract';
import { usePeople } from '../../../api/org.ts';
import { useMe } from '../../../api/session.ts';
import { useUrlState } from '../../../lib/useUrlState.ts';
import { useIsMobile } from '../../../lib/useIsMobile.ts';
import { PEOPLE_FILTER_KEYS, PeopleFilters } from './PeopleFilters.tsx';
import { PeopleList } from './PeopleList.tsx';
import { PeopleToolbar } from './PeopleToolbar.tsx';
import { toPeopleFilters } from './peopleQuery.ts';
import { PersonDrawer, type PersonTarget } from './PersonDrawer.tsx';
import { PasswordOnceModal, type OncePassword } from './PasswordOnceModal.tsx';
import { usePersonActions } from './usePersonActions.tsx';
import { useDocumentTitle } from '../../../lib/useDocumentTitle.ts';

export default function PeoplePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('people.pageTitle'));
  const me = useMe();
  const canEdit = me.roles.includes('admin');
  const isMobile = useIsMobile();
  const { values, update, clear, page, pageSize } = useUrlState(PEOPLE_FILTER_KEYS);
  const [target, setTarget] = useState<PersonTarget | null>(null);
  const [oncePassword, setOncePassword] = useState<OncePassword | null>(null);

  const filters = toPeopleFilters(values);
  const scope = filters.scope;
  const query: TPeopleQuery = { ...filters, page, pageSize };
  const noDepartment = scope === 'department' && me.departmentId === null;
  const { data, isFetching, error, refetch } = usePeople(query, !noDepartment);

  const runAction = usePersonActions({
    onEdit: (person: TPerson) => setTarget({ mode: 'edit', person }),
    onPassword: (result) => setOncePassword({ kind: 'reset', result }),
  });

  const filtered = Boolean(values.q || values.departmentId || values.role || values.active);
  const createHere = () => setTarget({ mode: 'create', departmentId: Number(values.departmentId) || undefined });
  const empty = noDepartment ? (
    <Empty description={t('people.emptyDepartment')} />
  ) : filtered ? (
    <Empty description={t('people.emptyFiltered')}>
      <Typography.Text type="secondary">{t('people.emptyFilteredHint')}</Typography.Text>
    </Empty>
  ) : (
    <Empty description={t('people.empty')}>
      {canEdit ? (
        <Space orientation="vertical">
          <Typography.Text type="secondary">{t('people.emptyHint')}</Typography.Text>
          <Button type="primary" icon={<PlusOutlined />} onClick={createHere}>
            {t('people.create')}
          </Button>
        </Space>
      ) : null}
    </Empty>
  );

  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('people.pageTitle')}
        </Typography.Title>
        <PeopleToolbar values={values} canEdit={canEdit} onCreate={createHere} />
      </Flex>
      <Tabs
        activeKey={scope}
        onChange={(key) => update({ scope: key === 'all' ? undefined : key })}
        items={[
          { key: 'all', label: t('people.scopeAll') },
          { key: 'department', label: t('people.scopeDepartment') },
        ]}
      />
      {canEdit ? null : <Alert type="info" showIcon title={t('people.readonly')} style={{ marginBottom: 16 }} />}
      <PeopleFilters
        values={values}
        onChange={update}
        onReset={() => clear(scope === 'all' ? {} : { scope })}
        isMobile={isMobile}
      />
      {error ? (
        <LoadError error={error} onRetry={refetch} style={{ marginBottom: 16 }} />
      ) : null}
      <PeopleList
        page={noDepartment ? { items: [], total: 0, page: 1, pageSize } : data}
        loading={isFetching}
        canEdit={canEdit}
        isMobile={isMobile}
        empty={empty}
        onAction={runAction}
        onPage={(next, size) => update({ page: String(next), pageSize: String(size) })}
      />
      {canEdit ? (
        <>
          <PersonDrawer
            target={target}
            onClose={() => setTarget(null)}
            onCreated={(result) => {
              setTarget(null);
              setOncePassword({ kind: 'created', result });
            }}
          />
          <PasswordOnceModal value={oncePassword} onClose={() => setOncePassword(null)} />
        </>
      ) : null}
    </Card>
  );
}
