import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useArchiveList, useLoanRecords } from '../../../api/documents.ts';
import { useMe } from '../../../api/session.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { PrintLayout } from '../../../components/print/PrintLayout.tsx';
import { COMPANY_TZ } from '../../../lib/time.ts';
import { RegisterForm } from './RegisterForm.tsx';

/** DOC-6 《文档归档清单》 of a quarter on paper, in the register's columns. */
export default function ArchiveListPrintPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params] = useSearchParams();
  const quarter = /^\d{4}-Q[1-4]$/.test(params.get('quarter') ?? '') ? (params.get('quarter') as string) : '';
  const list = useArchiveList(quarter);
  const records = useLoanRecords('all', t('documents.print.notReturned'));
  const [printedAt] = useState(() => dayjs().tz(COMPANY_TZ));
  const error = list.error ?? records.error;

  return (
    <PrintLayout
      title={`${t('documents.archive.quarterlyTitle')} ${quarter}`}
      backTo={`/documents/archive?tab=quarterly&quarter=${quarter}`}
      ready={Boolean(list.data && records.data)}
    >
      {error ? (
        <LoadError error={error} onRetry={() => Promise.all([list.refetch(), records.refetch()])} />
      ) : list.data && records.data ? (
        <RegisterForm
          title={t('documents.archive.quarterlyTitle')}
          items={list.data.items}
          loanRecords={records.data}
          meta={[
            { label: t('documents.archive.quarter'), value: quarter },
            { label: t('documents.print.periodLabel'), value: t('documents.print.periodValue', { from: list.data.from, to: list.data.to }) },
            { label: t('documents.print.count'), value: t('documents.print.countValue', { count: list.data.items.length }) },
          ]}
          emptyText={t('documents.archive.quarterEmpty')}
          footnote={t('print.footnote', { name: me.name, time: printedAt.format('YYYY-MM-DD HH:mm') })}
        />
      ) : (
        <Skeleton active paragraph={{ rows: 12 }} />
      )}
    </PrintLayout>
  );
}
