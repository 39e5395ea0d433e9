import { useState } from 'react';
import { Alert, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TImportJob, TImportRowError } from '@opsdesk/contract';
import { useImportErrors } from '../../api/imports.ts';

const ERROR_PAGE_SIZE = 10;
type PreviewRow = TImportJob['preview'][number];

/** The checked file: a plain verdict, every row error (paged from the server), and the first rows as read. */
export function ImportReview({ job, rows, commitError }: { job: TImportJob; rows: number; commitError: string | null }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const hasErrors = job.errorCount > 0;
  const errors = useImportErrors(job.id, page, ERROR_PAGE_SIZE, hasErrors);
  // The first page comes with the job itself; later pages from /errors.
  const errorItems = errors.data?.items ?? job.errors.slice(0, ERROR_PAGE_SIZE);
  const badRows = new Set(job.errors.map((e) => e.row));

  const errorColumns: TableColumnsType<TImportRowError> = [
    { title: t('io.errorRow'), dataIndex: 'row', width: 90, render: (row: number) => t('io.rowNo', { row }) },
    { title: t('io.errorColumn'), dataIndex: 'column', width: 120, render: (c: string | null) => c ?? t('io.wholeRow') },
    { title: t('io.errorMessage'), dataIndex: 'message' },
  ];
  const previewColumns: TableColumnsType<PreviewRow> = [
    { title: t('io.errorRow'), dataIndex: 'row', width: 70, fixed: 'left' },
    ...job.columns.map((column) => ({
      title: column,
      key: column,
      render: (_: unknown, r: PreviewRow) => r.values[column] ?? '',
    })),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {t('io.fileSummary', { name: job.fileName, rows })}
        {hasErrors ? (
          <Tag color="red" style={{ marginInlineStart: 8 }}>
            {t('io.errorCount', { count: job.errorCount })}
          </Tag>
        ) : null}
      </Typography.Text>
      {rows === 0 ? (
        <Alert type="warning" showIcon title={t('io.noRows')} />
      ) : hasErrors ? (
        <Alert type="error" showIcon title={t('io.hasErrorsTitle', { count: job.errorCount })} description={t('io.hasErrorsHint')} />
      ) : (
        <Alert type="success" showIcon title={t('io.checkedOk', { count: rows })} description={t('io.checkedOkHint')} />
      )}
      {commitError ? <Alert type="error" showIcon title={commitError} /> : null}
      {hasErrors ? (
        <Table<TImportRowError>
          size="small"
          rowKey={(e) => `${e.row}-${e.column ?? ''}-${e.message}`}
          columns={errorColumns}
          dataSource={errorItems}
          loading={errors.isFetching}
          scroll={{ x: 'max-content' }}
          data-testid="import-errors"
          title={() => <Typography.Text strong>{t('io.errorsTitle')}</Typography.Text>}
          pagination={{
            current: page,
            pageSize: ERROR_PAGE_SIZE,
            total: errors.data?.total ?? job.errorCount,
            onChange: setPage,
            showTotal: (total) => t('common.total', { total }),
            hideOnSinglePage: true,
            size: 'small',
          }}
        />
      ) : null}
      {job.preview.length > 0 ? (
        <Table<PreviewRow>
          size="small"
          rowKey="row"
          columns={previewColumns}
          dataSource={job.preview}
          pagination={false}
          scroll={{ x: 'max-content', y: 280 }}
          rowClassName={(r) => (badRows.has(r.row) ? 'od-import-bad-row' : '')}
          title={() => <Typography.Text strong>{t('io.previewTitle', { count: job.preview.length })}</Typography.Text>}
          data-testid="import-preview"
        />
      ) : null}
    </Space>
  );
}
