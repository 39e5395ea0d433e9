import { Card, Empty, Flex, Select, Space, Switch, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOAN_STATUSES, type TLoanListQuery, type TLoanStatus } from '@opsdesk/contract';
import { useLoans } from '../../api/documents.ts';
import { useMe } from '../../api/session.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useUrlState } from '../../lib/useUrlState.ts';
import { LoanTable } from './LoanTable.tsx';
import { isArchivist } from './roles.ts';

const KEYS = ['tab', 'status', 'overdue'] as const;
type Tab = 'mine' | 'desk' | 'overdue';
const isStatus = (v: string | undefined): v is TLoanStatus => (LOAN_STATUSES as readonly string[]).includes(v ?? '');

/**
 * 借阅 (DOC-5): my applications and loans; for the archivist also the desk — approved loans to
 * register, loans out, returns — and 逾期催收, the overdue ones (chased automatically, listed here).
 */
export default function LoansPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('documents.loan.title'));
  const me = useMe();
  const archivist = isArchivist(me);
  const isMobile = useIsMobile();
  const { values, update, page, pageSize } = useUrlState(KEYS);
  const tab: Tab = archivist && (values.tab === 'desk' || values.tab === 'overdue') ? values.tab : 'mine';
  const status = isStatus(values.status) ? values.status : undefined;
  const overdue = tab === 'overdue' || values.overdue === 'true';

  const query: TLoanListQuery = {
    scope: tab === 'mine' ? 'mine' : 'all',
    status: tab === 'overdue' ? undefined : status,
    overdue: overdue ? 'true' : undefined,
    page,
    pageSize,
  };
  const list = useLoans(query);
  const pagination = {
    current: page,
    pageSize,
    total: list.data?.total ?? 0,
    showSizeChanger: !isMobile,
    showTotal: (total: number) => t('common.total', { total }),
    onChange: (p: number, size: number) => update({ page: String(p), pageSize: String(size) }),
  };
  const emptyText = tab === 'overdue' ? t('documents.loan.emptyOverdue') : tab === 'desk' ? t('documents.loan.emptyDesk') : t('documents.loan.emptyMine');
  const empty = (
    <Empty description={emptyText}>
      {tab === 'mine' && !status && !overdue ? <Typography.Text type="secondary">{t('documents.loan.emptyMineHint')}</Typography.Text> : null}
    </Empty>
  );

  return (
    <Card title={t('documents.loan.title')}>
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key === 'mine' ? undefined : key, status: undefined, overdue: undefined })}
        items={[
          { key: 'mine', label: t('documents.loan.tabs.mine') },
          ...(archivist
            ? [
                { key: 'desk', label: t('documents.loan.tabs.desk') },
                { key: 'overdue', label: t('documents.loan.tabs.overdue') },
              ]
            : []),
        ]}
      />
      {tab === 'overdue' ? null : (
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Select<TLoanStatus>
            aria-label={t('documents.loan.filterStatus')}
            value={status}
            onChange={(s) => update({ status: s })}
            allowClear
            placeholder={t('common.filterAll', { field: t('documents.loan.filterStatus') })}
            options={LOAN_STATUSES.map((s) => ({ value: s, label: t(`documents.loan.status.${s}`) }))}
            style={{ width: isMobile ? '100%' : 180 }}
          />
          <Space size={6}>
            <Switch id="loan-only-overdue" size="small" checked={overdue} onChange={(on) => update({ overdue: on ? 'true' : undefined })} />
            <label htmlFor="loan-only-overdue">{t('documents.loan.onlyOverdue')}</label>
          </Space>
        </Flex>
      )}
      {list.error ? <LoadError error={list.error} onRetry={() => list.refetch()} style={{ marginBottom: 16 }} /> : null}
      <LoanTable
        loans={list.data?.items}
        loading={list.isFetching}
        isMobile={isMobile}
        empty={empty}
        showBorrower={tab !== 'mine'}
        pagination={pagination}
      />
      {tab === 'mine' ? null : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          {t('documents.loan.electronicEnds')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
