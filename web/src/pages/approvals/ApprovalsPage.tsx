import { Badge, Card, Empty, List, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { APPROVAL_BOXES, type TApprovalBox, type TApprovalSummary } from '@opsdesk/contract';
import { useApprovalCounts, useApprovals } from '../../api/approvals.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { formatDateTime } from '../../lib/time.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useUrlState } from '../../lib/useUrlState.ts';
import { ApprovalStatusTag } from './ApprovalStatusTag.tsx';

const KEYS = ['box'] as const;
const isBox = (v: unknown): v is TApprovalBox => (APPROVAL_BOXES as readonly unknown[]).includes(v);

/** 审批中心: the four boxes as tabs with their counts; box and page live in the URL. */
export default function ApprovalsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('approvals.title'));
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const { values, update, page, pageSize } = useUrlState(KEYS);
  const box: TApprovalBox = isBox(values.box) ? values.box : 'waiting';
  const counts = useApprovalCounts();
  const list = useApprovals({ box, page, pageSize });
  const open = (row: TApprovalSummary) => void navigate(`/approvals/${row.id}`);
  const emptyText = <Empty description={box === 'waiting' ? t('approvals.emptyWaiting') : t('approvals.empty')} />;
  const pagination = {
    current: page,
    pageSize,
    total: list.data?.total ?? 0,
    showSizeChanger: !isMobile,
    showTotal: (total: number) => t('notify.total', { total }),
    onChange: (p: number, size: number) => update({ page: String(p), pageSize: String(size) }),
  };

  const columns: ColumnsType<TApprovalSummary> = [
    { key: 'title', title: t('approvals.columns.title'), render: (_, r) => <Typography.Link>{r.title}</Typography.Link> },
    { key: 'flow', title: t('approvals.columns.flow'), dataIndex: 'flowLabel', width: 140 },
    { key: 'requester', title: t('approvals.columns.requester'), render: (_, r) => r.requester.name, width: 110 },
    { key: 'step', title: t('approvals.columns.step'), render: (_, r) => r.currentStep?.label ?? '—', width: 160 },
    { key: 'decider', title: t('approvals.columns.decider'), render: (_, r) => r.currentStep?.decider?.name ?? '—', width: 120 },
    { key: 'status', title: t('approvals.columns.status'), render: (_, r) => <ApprovalStatusTag status={r.status} />, width: 100 },
    { key: 'updatedAt', title: t('approvals.columns.updatedAt'), render: (_, r) => formatDateTime(r.updatedAt), width: 170 },
  ];

  return (
    <Card title={t('approvals.title')}>
      <Tabs
        activeKey={box}
        onChange={(key) => update({ box: key === 'waiting' ? undefined : key })}
        items={APPROVAL_BOXES.map((key) => ({
          key,
          label: (
            <Space size={4}>
              {t(`approvals.boxes.${key}`)}
              <Badge count={counts.data?.[key] ?? 0} showZero={false} color={key === 'waiting' ? undefined : '#bfbfbf'} />
            </Space>
          ),
        }))}
      />
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : isMobile ? (
        // UX: at phone width the table becomes a card list.
        <List
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText }}
          pagination={{ ...pagination, simple: true }}
          renderItem={(r) => (
            <List.Item onClick={() => open(r)} style={{ cursor: 'pointer' }} extra={<ApprovalStatusTag status={r.status} />}>
              <List.Item.Meta
                title={r.title}
                description={`${r.flowLabel} · ${r.requester.name}${r.currentStep ? ` · ${r.currentStep.label}` : ''} · ${formatDateTime(r.updatedAt)}`}
              />
            </List.Item>
          )}
        />
      ) : (
        <Table
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText }}
          pagination={pagination}
          onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' } })}
          scroll={{ x: 900 }}
        />
      )}
    </Card>
  );
}
