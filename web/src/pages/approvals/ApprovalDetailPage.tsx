import { Alert, Button, Card, Descriptions, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useApproval } from '../../api/approvals.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { formatDateTime } from '../../lib/time.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { ApprovalActions } from './ApprovalActions.tsx';
import { ApprovalHistory, ApprovalSteps } from './ApprovalChain.tsx';
import { ApprovalStatusTag } from './ApprovalStatusTag.tsx';
import { SUBJECT_SUMMARIES } from './subjectSummaries.tsx';

function factText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

export default function ApprovalDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const id = Number(useParams().id);
  const query = useApproval(id);
  const detail = query.data;
  useDocumentTitle(detail?.title ?? t('approvals.detailTitle'));

  if (query.isError) return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  if (!detail) return <Skeleton active paragraph={{ rows: 8 }} />;

  const facts = Object.entries(detail.facts);
  const Summary = SUBJECT_SUMMARIES[detail.flow];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('approvals.back')} onClick={() => void navigate('/approvals')} />
            <span>{detail.title}</span>
            <ApprovalStatusTag status={detail.status} />
          </Space>
        }
        extra={detail.subjectLink && !isMobile ? <Link to={detail.subjectLink}>{t('approvals.openSubject')}</Link> : null}
      >
        {detail.stuck ? <Alert type="error" showIcon title={t('approvals.stuck')} style={{ marginBottom: 16 }} /> : null}
        <Descriptions column={{ xs: 1, sm: 2, md: 3 }} size="small">
          <Descriptions.Item label={t('approvals.columns.flow')}>{detail.flowLabel}</Descriptions.Item>
          <Descriptions.Item label={t('approvals.requester')}>{detail.requester.name}</Descriptions.Item>
          <Descriptions.Item label={t('approvals.createdAt')}>{formatDateTime(detail.createdAt)}</Descriptions.Item>
          {detail.watchers.length > 0 ? (
            <Descriptions.Item label={t('approvals.watchers')}>{detail.watchers.map((p) => p.name).join('、')}</Descriptions.Item>
          ) : null}
          {detail.subjectLink && isMobile ? (
            <Descriptions.Item label={t('approvals.subject')}>
              <Link to={detail.subjectLink}>{t('approvals.openSubject')}</Link>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {Summary ? (
          <Summary entityId={detail.subject.entityId} />
        ) : facts.length > 0 ? (
          <Descriptions title={t('approvals.facts')} bordered size="small" column={1} style={{ marginTop: 16 }}>
            {facts.map(([key, value]) => (
              <Descriptions.Item key={key} label={key}>
                {factText(value)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        ) : null}
      </Card>
      <Card title={t('approvals.chain')}>
        <ApprovalSteps detail={detail} vertical={isMobile} />
      </Card>
      <Card title={t('approvals.history')}>
        {detail.history.length > 0 ? <ApprovalHistory detail={detail} /> : <Typography.Text type="secondary">—</Typography.Text>}
      </Card>
      <ApprovalActions detail={detail} onConflict={() => void query.refetch()} />
    </Space>
  );
}
