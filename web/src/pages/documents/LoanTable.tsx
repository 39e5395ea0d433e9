import type { ReactNode } from 'react';
import { Card, Flex, Pagination, Space, Table, Typography, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TLoan } from '@opsdesk/contract';
import { DocumentNumber, LoanStatusTag, SecrecyTag } from './docTags.tsx';
import { LoanActions } from './LoanActions.tsx';
import { LoanDue } from './LoanDue.tsx';

interface Props {
  loans: TLoan[] | undefined;
  loading?: boolean;
  isMobile: boolean;
  empty: ReactNode;
  /** Inside a document's page the document column is left out. */
  showDocument?: boolean;
  showBorrower?: boolean;
  pagination?: TablePaginationConfig | false;
}

function DocumentCell({ loan }: { loan: TLoan }) {
  return (
    <Flex vertical>
      <Space size={4} wrap>
        <Typography.Link>{loan.document.name}</Typography.Link>
        <SecrecyTag secrecy={loan.document.secrecy} />
      </Space>
      <DocumentNumber number={loan.document.number} />
    </Flex>
  );
}

/** Loans as a table (desktop) or cards (phone); overdue rows are red; a row opens the loan. */
export function LoanTable({ loans, loading = false, isMobile, empty, showDocument = true, showBorrower = true, pagination = false }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = (loan: TLoan) => void navigate(`/documents/loans/${loan.id}`);

  if (isMobile) {
    return (
      <Flex vertical gap={8}>
        {loans ? null : <Card size="small" loading />}
        {loans && loans.length === 0 ? empty : null}
        {(loans ?? []).map((loan) => (
          <Card key={loan.id} size="small" hoverable onClick={() => open(loan)} data-testid="loan-card" style={loan.overdue ? { borderColor: '#ff4d4f' } : undefined}>
            <Flex justify="space-between" gap={8} align="flex-start">
              <div style={{ minWidth: 0 }}>
                {showDocument ? <DocumentCell loan={loan} /> : null}
                <div>
                  <Typography.Text type="secondary">
                    {showBorrower ? `${loan.borrower.name} · ` : ''}
                    {loan.from} ~ {loan.to} · {t(`documents.loan.media.${loan.medium}`)}
                  </Typography.Text>
                </div>
                {loan.dueDate ? (
                  <div>
                    {t('documents.loan.dueDate')}：<LoanDue loan={loan} />
                  </div>
                ) : null}
              </div>
              <LoanStatusTag loan={loan} />
            </Flex>
            <LoanActions loan={loan} size="small" />
          </Card>
        ))}
        {pagination && loans && (pagination.total ?? 0) > 0 ? <Pagination {...pagination} simple style={{ alignSelf: 'center' }} /> : null}
      </Flex>
    );
  }

  const columns: TableColumnsType<TLoan> = [
    ...(showDocument ? [{ title: t('documents.loan.document'), key: 'document', width: 280, render: (_: unknown, l: TLoan) => <DocumentCell loan={l} /> }] : []),
    ...(showBorrower
      ? [
          {
            title: t('documents.loan.borrower'),
            key: 'borrower',
            width: 120,
            render: (_: unknown, l: TLoan) => (
              <Flex vertical>
                {l.borrower.name}
                {l.borrower.departmentName ? <Typography.Text type="secondary">{l.borrower.departmentName}</Typography.Text> : null}
              </Flex>
            ),
          },
        ]
      : []),
    { title: t('documents.loan.purpose'), key: 'purpose', width: 220, ellipsis: { showTitle: true }, render: (_, l) => l.purpose },
    { title: t('documents.loan.period'), key: 'period', width: 200, render: (_, l) => `${l.from} ~ ${l.to}` },
    { title: t('documents.loan.medium'), key: 'medium', width: 90, render: (_, l) => t(`documents.loan.media.${l.medium}`) },
    { title: t('documents.loan.dueDate'), key: 'due', width: 200, render: (_, l) => <LoanDue loan={l} /> },
    { title: t('documents.loan.returnedAt'), key: 'returned', width: 110, render: (_, l) => (l.returnedAt ? l.returnedAt.slice(0, 10) : t('common.empty')) },
    { title: t('documents.loan.filterStatus'), key: 'status', width: 130, render: (_, l) => <LoanStatusTag loan={l} /> },
    { title: t('common.actions'), key: 'actions', width: 150, fixed: 'right', render: (_, l) => <LoanActions loan={l} size="small" /> },
  ];

  return (
    <Table<TLoan>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={loans}
      loading={loading}
      pagination={pagination}
      onRow={(l) => ({ onClick: () => open(l), style: { cursor: 'pointer' } })}
      rowClassName={(l) => (l.overdue ? 'od-loan-overdue' : '')}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: empty }}
    />
  );
}
