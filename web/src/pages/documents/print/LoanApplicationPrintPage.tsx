import { useState } from 'react';
import { useParams } from 'react-router';
import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TLoan } from '@opsdesk/contract';
import { useLoan } from '../../../api/documents.ts';
import { useMe } from '../../../api/session.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { PrintForm, PrintSection, type PrintField } from '../../../components/print/PrintForm.tsx';
import { PrintLayout } from '../../../components/print/PrintLayout.tsx';
import { COMPANY_TZ, formatDate, formatDateTime } from '../../../lib/time.ts';
import { versionText } from '../docTags.tsx';

/** An approval step's decision as written on the paper form: opinion, who, when. */
function decision(loan: TLoan, key: string): string {
  const step = loan.decisions.filter((d) => d.key === key).at(-1);
  if (!step) return '';
  return [step.opinion, `${step.by?.name ?? ''} ${formatDateTime(step.at)}`].filter(Boolean).join('　');
}

function ApplicationForm({ loan, printedBy, printedAt }: { loan: TLoan; printedBy: string; printedAt: string }) {
  const { t } = useTranslation();
  const secret = loan.document.secrecy === 'secret';
  const meta: PrintField[] = [
    { label: t('documents.print.applicant'), value: loan.borrower.name },
    { label: t('documents.print.department'), value: loan.borrower.departmentName ?? '' },
    { label: t('documents.print.documentNumber'), value: `${loan.document.number ?? '-'}`, span: 2 },
    { label: t('documents.print.documentName'), value: `${loan.document.name}（${versionText(loan.document.version)}）`, span: 2 },
    { label: t('documents.print.secrecy'), value: t(`documents.secrecy.${loan.document.secrecy}`) },
    { label: t('documents.print.important'), value: t(loan.document.important ? 'common.yes' : 'common.no') },
    { label: t('documents.print.period'), value: t('documents.print.periodValue', { from: loan.from, to: loan.to }) },
    {
      label: t('documents.print.medium'),
      value: `${t(`documents.loan.media.${loan.medium}`)}${loan.medium === 'electronic' && loan.allowDownload ? `（${t('documents.loan.allowDownload')}）` : ''}`,
    },
    { label: t('documents.print.appliedOn'), value: formatDate(loan.createdAt) },
    { label: t('documents.loan.filterStatus'), value: t(`documents.loan.status.${loan.status}`) },
  ];
  return (
    <PrintForm
      title={t('documents.print.applicationTitle')}
      code={t('documents.print.applicationNo', { id: loan.id })}
      meta={meta}
      signatures={[{ label: t('documents.print.borrowerSign') }, { label: t('documents.print.archivistSign') }, { label: t('print.date') }]}
      footnote={
        <>
          <div>{t('documents.print.note')}</div>
          <div>{t('print.footnote', { name: printedBy, time: printedAt })}</div>
        </>
      }
    >
      <PrintSection title={t('documents.print.purpose')}>{loan.purpose}</PrintSection>
      <PrintSection title={t('documents.print.headOpinion')}>{decision(loan, 'head') || t('documents.print.signDate')}</PrintSection>
      {secret ? <PrintSection title={t('documents.print.leaderOpinion')}>{decision(loan, 'leader') || t('documents.print.signDate')}</PrintSection> : null}
      <PrintSection title={t('documents.print.register')}>
        {[
          t('documents.print.registerLine', {
            due: loan.dueDate ?? '　　　　',
            by: loan.registeredBy?.name ?? '　　　　',
            at: loan.registeredAt ? formatDate(loan.registeredAt) : '　　　　',
          }),
          t('documents.print.returnLine', {
            at: loan.returnedAt ? formatDate(loan.returnedAt) : '　　　　',
            by: loan.returnedTo?.name ?? '　　　　',
          }),
        ].join('\n')}
      </PrintSection>
    </PrintForm>
  );
}

/** 《文档借阅申请表》 on paper (DOC-5): the application, the approvers' opinions and the loan's registration. */
export default function LoanApplicationPrintPage() {
  const { t } = useTranslation();
  const me = useMe();
  const id = Number(useParams().id);
  const loan = useLoan(id);
  const [printedAt] = useState(() => dayjs().tz(COMPANY_TZ).format('YYYY-MM-DD HH:mm'));

  return (
    <PrintLayout title={t('documents.print.applicationTitle')} backTo={`/documents/loans/${id}`} ready={Boolean(loan.data)}>
      {loan.error ? (
        <LoadError error={loan.error} onRetry={() => loan.refetch()} />
      ) : loan.data ? (
        <ApplicationForm loan={loan.data} printedBy={me.name} printedAt={printedAt} />
      ) : (
        <Skeleton active paragraph={{ rows: 12 }} />
      )}
    </PrintLayout>
  );
}
