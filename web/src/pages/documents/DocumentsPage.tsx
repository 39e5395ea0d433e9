import { useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Space, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TDocumentListQuery } from '@opsdesk/contract';
import { useDocumentCategories, useDocuments, useDocumentStats } from '../../api/documents.ts';
import { useMe } from '../../api/session.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useUrlState } from '../../lib/useUrlState.ts';
import { CategoryTree } from './CategoryTree.tsx';
import { DocumentFilters } from './DocumentFilters.tsx';
import { DocumentFormDrawer } from './DocumentFormDrawer.tsx';
import { DocumentList } from './DocumentList.tsx';
import { DocumentStats } from './DocumentStats.tsx';
import { DocumentsToolbar } from './DocumentsToolbar.tsx';
import { DOCUMENT_FILTER_KEYS, filterSearch, toDocumentFilters } from './documentQuery.ts';
import { isArchivist } from './roles.ts';

type Scope = 'all' | 'mine' | 'void';

/** 文档归档: category tree, filters and search, current versions (作废 apart for the archivist). */
export default function DocumentsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('documents.title'));
  const me = useMe();
  const archivist = isArchivist(me);
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { values, update, clear, page, pageSize } = useUrlState(DOCUMENT_FILTER_KEYS);
  const [creating, setCreating] = useState(false);

  const filters = toDocumentFilters(values, archivist);
  const query: TDocumentListQuery = { ...filters, page, pageSize };
  const list = useDocuments(query);
  const stats = useDocumentStats();
  const categories = useDocumentCategories();
  const counts = useMemo(() => new Map((stats.data?.byCategory ?? []).map((c) => [c.categoryId, c.count])), [stats.data]);

  const scope: Scope = values.void === 'only' && archivist ? 'void' : values.creatorId === String(me.id) ? 'mine' : 'all';
  const setScope = (next: Scope) =>
    update({
      creatorId: next === 'mine' ? String(me.id) : scope === 'mine' ? undefined : values.creatorId,
      void: next === 'void' ? 'only' : scope === 'void' ? undefined : values.void,
    });

  const filtered = Boolean(values.q || values.categoryId || values.secrecy || values.archiveStatus || values.important || values.creatorId || values.from || values.to);
  const empty = filtered ? (
    <Empty description={t('documents.list.emptyFiltered')}>
      <Typography.Text type="secondary">{t('documents.list.emptyFilteredHint')}</Typography.Text>
    </Empty>
  ) : (
    <Empty description={stats.data?.total ? t('documents.list.emptyReader') : t('documents.list.empty')}>
      <Space orientation="vertical">
        <Typography.Text type="secondary">{t('documents.list.emptyHint')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('documents.list.create')}
        </Button>
      </Space>
    </Empty>
  );

  const main = (
    <>
      <DocumentFilters
        values={values}
        onChange={update}
        onReset={() => clear(scope === 'void' ? { void: 'only' } : {})}
        isMobile={isMobile}
        canSeeVoid={archivist && scope !== 'void'}
        categories={categories.data}
      />
      {scope === 'void' ? <Alert type="warning" showIcon title={t('documents.list.voidHint')} style={{ marginBottom: 16 }} /> : null}
      {list.error ? <LoadError error={list.error} onRetry={() => list.refetch()} style={{ marginBottom: 16 }} /> : null}
      <DocumentList
        page={list.data}
        loading={list.isFetching}
        isMobile={isMobile}
        empty={empty}
        sort={filters.sort ? { field: filters.sort, order: filters.order ?? 'desc' } : undefined}
        onOpen={(doc) => void navigate(`/documents/${doc.id}`)}
        onPage={(next, size) => update({ page: String(next), pageSize: String(size) })}
        onSort={(field, order) => update({ sort: field, order })}
      />
    </>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <DocumentStats stats={stats.data} archivist={archivist} />
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('documents.title')}
          </Typography.Title>
          <DocumentsToolbar
            filters={filters}
            search={filterSearch(values)}
            canImport={archivist}
            onCreate={() => setCreating(true)}
            isMobile={isMobile}
          />
        </Flex>
        <Tabs
          activeKey={scope}
          onChange={(key) => setScope(key as Scope)}
          items={[
            { key: 'all', label: t('common.all') },
            { key: 'mine', label: t('documents.list.mine') },
            ...(archivist ? [{ key: 'void', label: t('documents.list.voidTab') }] : []),
          ]}
        />
        {isMobile ? (
          main
        ) : (
          <div className="od-doc-layout">
            <CategoryTree
              categories={categories.data}
              counts={counts}
              value={Number(values.categoryId) || undefined}
              onChange={(id) => update({ categoryId: id ? String(id) : undefined })}
            />
            <div className="od-doc-main">{main}</div>
          </div>
        )}
      </Card>
      {creating ? (
        <DocumentFormDrawer
          mode={{ kind: 'create', categoryId: Number(values.categoryId) || undefined }}
          onClose={() => setCreating(false)}
          onDone={(doc) => {
            setCreating(false);
            void navigate(`/documents/${doc.id}`);
          }}
        />
      ) : null}
    </Space>
  );
}
