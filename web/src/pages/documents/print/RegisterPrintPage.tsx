import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useDocumentCategories, useDocumentsForPrint, useLoanRecords } from '../../../api/documents.ts';
import { useMe } from '../../../api/session.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import type { PrintField } from '../../../components/print/PrintForm.tsx';
import { PrintLayout } from '../../../components/print/PrintLayout.tsx';
import { COMPANY_TZ } from '../../../lib/time.ts';
import { DOCUMENT_FILTER_KEYS, filterSearch, toDocumentFilters, type DocumentFilterValues } from '../documentQuery.ts';
import { isArchivist } from '../roles.ts';
import { RegisterForm } from './RegisterForm.tsx';

/** 文档归档登记表 on paper: the document list with the same filters as the screen it came from. */
export default function RegisterPrintPage() {
  const { t } = useTranslation();
  const me = useMe();
  const archivist = isArchivist(me);
  const [params] = useSearchParams();
  const values: DocumentFilterValues = {};
  for (const key of DOCUMENT_FILTER_KEYS) values[key] = params.get(key) ?? undefined;
  const filters = toDocumentFilters(values, archivist);
  const docs = useDocumentsForPrint(filters);
  const records = useLoanRecords(archivist ? 'all' : 'mine', t('documents.print.notReturned'));
  const categories = useDocumentCategories();
  const [printedAt] = useState(() => dayjs().tz(COMPANY_TZ));
  const all = t('common.all');

  const category = filters.categoryId ? (categories.data?.find((c) => c.id === filters.categoryId)?.path ?? String(filters.categoryId)) : all;
  const range = filters.from || filters.to ? `${filters.from ?? ''} ~ ${filters.to ?? ''}` : all;
  const meta: PrintField[] = [
    { label: t('documents.fields.category'), value: category },
    { label: t('documents.fields.secrecy'), value: filters.secrecy ? t(`documents.secrecy.${filters.secrecy}`) : all },
    { label: t('documents.fields.archiveStatus'), value: filters.archiveStatus ? t(`documents.status.${filters.archiveStatus}`) : all },
    { label: t('print.keyword'), value: filters.q ?? t('common.none') },
    { label: t('documents.fields.createdOn'), value: range },
    { label: t('documents.print.count'), value: docs.data ? t('documents.print.countValue', { count: docs.data.total }) : '' },
  ];
  const ready = Boolean(docs.data && records.data);
  const error = docs.error ?? records.error;

  return (
    <PrintLayout
      title={t('documents.print.registerTitle')}
      backTo={`/documents${filterSearch(values)}`}
      ready={ready}
      notice={
        docs.data?.truncated
          ? t('documents.print.truncated', { shown: docs.data.items.length, total: docs.data.total })
          : archivist
            ? undefined
            : t('documents.print.ownLoansOnly')
      }
    >
      {error ? (
        <LoadError error={error} onRetry={() => Promise.all([docs.refetch(), records.refetch()])} />
      ) : docs.data && records.data ? (
        <RegisterForm
          title={t('documents.print.registerTitle')}
          items={docs.data.items}
          loanRecords={records.data}
          meta={meta}
          emptyText={t('documents.list.emptyFiltered')}
          footnote={t('print.footnote', { name: me.name, time: printedAt.format('YYYY-MM-DD HH:mm') })}
        />
      ) : (
        <Skeleton active paragraph={{ rows: 12 }} />
      )}
    </PrintLayout>
  );
}
