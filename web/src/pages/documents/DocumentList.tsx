import type { ReactNode } from 'react';
import { Card, Flex, Pagination, Space, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import { FileOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TDocumentPage, TDocumentSummary } from '@opsdesk/contract';
import { ArchiveStatusTag, DocumentNumber, ImportantTag, LoanStatusTag, SecrecyTag, VoidTag, versionText } from './docTags.tsx';

interface Props {
  page: TDocumentPage | undefined;
  loading: boolean;
  isMobile: boolean;
  empty: ReactNode;
  sort?: { field: string; order: 'asc' | 'desc' };
  onOpen: (doc: TDocumentSummary) => void;
  onPage: (page: number, pageSize: number) => void;
  onSort: (field: string | undefined, order: 'asc' | 'desc' | undefined) => void;
}

/** DOC-3: where it is kept: the archive path of the file and/or the 档案柜. */
export function Storage({ doc }: { doc: Pick<TDocumentSummary, 'archivePath' | 'paperLocation' | 'serverPath' | 'file'> }) {
  const { t } = useTranslation();
  const lines = [
    doc.file || doc.archivePath ? (
      <span key="e">
        <FileOutlined /> {doc.serverPath ?? doc.archivePath}
      </span>
    ) : null,
    doc.paperLocation ? (
      <span key="p">
        <InboxOutlined /> {doc.paperLocation}
      </span>
    ) : null,
  ].filter(Boolean);
  return lines.length ? (
    <Flex vertical gap={2}>
      {lines}
    </Flex>
  ) : (
    <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
  );
}

function NameCell({ doc }: { doc: TDocumentSummary }) {
  return (
    <Space size={4} wrap>
      <Typography.Link className={doc.void ? 'od-void' : undefined}>{doc.name}</Typography.Link>
      <SecrecyTag secrecy={doc.secrecy} />
      <ImportantTag important={doc.important} />
      {doc.void ? <VoidTag /> : null}
    </Space>
  );
}

export function DocumentList({ page, loading, isMobile, empty, sort, onOpen, onPage, onSort }: Props) {
  const { t } = useTranslation();
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
        {(page?.items ?? []).map((doc) => (
          <Card key={doc.id} size="small" hoverable onClick={() => onOpen(doc)} data-testid="document-card">
            <NameCell doc={doc} />
            <div>
              <DocumentNumber number={doc.number} void={doc.void} />
            </div>
            <Typography.Text type="secondary">
              {[doc.category.path, versionText(doc.version), doc.creator.name, doc.createdOn].join(' · ')}
            </Typography.Text>
            <Flex gap={4} wrap style={{ marginTop: 4 }}>
              <ArchiveStatusTag status={doc.archiveStatus} />
              {doc.myLoan ? <LoanStatusTag loan={{ status: doc.myLoan.status, overdue: false }} /> : null}
            </Flex>
          </Card>
        ))}
        {page && page.total > 0 ? <Pagination {...pagination} simple style={{ alignSelf: 'center' }} /> : null}
      </Flex>
    );
  }

  const sortOrder = (field: string) => (sort?.field === field ? (sort.order === 'asc' ? 'ascend' : 'descend') : null);
  const columns: TableColumnsType<TDocumentSummary> = [
    {
      // DingTalk-style: the name (with its tags) and the number under it, one column.
      title: `${t('documents.fields.name')} / ${t('documents.fields.number')}`,
      key: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (_, d) => (
        <Flex vertical gap={2}>
          <NameCell doc={d} />
          <DocumentNumber number={d.number} void={d.void} />
        </Flex>
      ),
    },
    { title: t('documents.fields.categoryLevels'), key: 'category', width: 150, render: (_, d) => d.category.path },
    { title: t('documents.fields.version'), key: 'version', width: 72, align: 'center', render: (_, d) => versionText(d.version) },
    { title: t('documents.fields.creator'), key: 'creator', width: 90, render: (_, d) => d.creator.name },
    { title: t('documents.fields.createdOn'), key: 'createdOn', width: 120, sorter: true, sortOrder: sortOrder('createdOn'), render: (_, d) => d.createdOn },
    { title: t('documents.fields.storage'), key: 'storage', width: 220, render: (_, d) => <Storage doc={d} /> },
    {
      title: t('documents.fields.archiveStatus'),
      key: 'status',
      width: 110,
      render: (_, d) => (
        <Space size={4} wrap>
          <ArchiveStatusTag status={d.archiveStatus} />
          {d.myLoan ? <LoanStatusTag loan={{ status: d.myLoan.status, overdue: false }} /> : null}
        </Space>
      ),
    },
  ];

  const onChange: TableProps<TDocumentSummary>['onChange'] = (_p, _f, sorter, extra) => {
    if (extra.action !== 'sort' || Array.isArray(sorter)) return;
    onSort(sorter.order ? String(sorter.columnKey) : undefined, sorter.order === 'ascend' ? 'asc' : sorter.order === 'descend' ? 'desc' : undefined);
  };

  return (
    <Table<TDocumentSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={page?.items}
      loading={loading}
      pagination={pagination}
      onChange={onChange}
      onRow={(d) => ({ onClick: () => onOpen(d), style: { cursor: 'pointer' } })}
      scroll={{ x: 1000 }}
      locale={{ emptyText: loading && !page ? ' ' : empty }}
    />
  );
}
