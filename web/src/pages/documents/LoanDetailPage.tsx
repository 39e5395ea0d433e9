import { Alert, Button, Card, Descriptions, Flex, Result, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { useLoan } from '../../api/documents.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { formatDateTime } from '../../lib/time.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { DocumentNumber, ImportantTag, LoanStatusTag, SecrecyTag, versionText } from './docTags.tsx';
import { LoanActions } from './LoanActions.tsx';
import { LoanDue } from './LoanDue.tsx';

/** One 《文档借阅申请表》 with its registration and return: the approval's subject page (DOC-5). */
export default function LoanDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const id = Number(useParams().id);
  const query = useLoan(id);
  const loan = query.data;
  useDocumentTitle(t('documents.loan.applyTitle'));

  if (query.error) {
    return isApiError(query.error) && query.error.status === 404 ? (
      <Result status="404" title={t('documents.detail.notFound')} extra={<Button onClick={() => void navigate('/documents/loans')}>{t('common.back')}</Button>} />
    ) : (
      <LoadError error={query.error} onRetry={() => query.refetch()} />
    );
  }
  if (!loan) return <Skeleton active paragraph={{ rows: 10 }} />;
  const dash = t('common.empty');

  return (
    <Card
      data-testid="loan-detail"
      title={
        <Flex align="center" gap={8} wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => void navigate(-1)} />
          <span>{t('documents.loan.applyTitle')}</span>
          <LoanStatusTag loan={loan} />
        </Flex>
      }
      extra={isMobile ? null : <LoanActions loan={loan} showPrint />}
    >
      {isMobile ? (
        <div style={{ marginBottom: 12 }}>
          <LoanActions loan={loan} />
        </div>
      ) : null}
      {loan.overdue ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('documents.loan.overdueAlert', { date: loan.dueDate ?? '' })} /> : null}
      {loan.status === 'approved' && loan.permissions.canRegister ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('documents.loan.registerHint')} />
      ) : null}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('documents.loan.document')} span="filled">
          <Space size={4} wrap>
            <Link to={`/documents/${loan.document.id}`}>{loan.document.name}</Link>
            <SecrecyTag secrecy={loan.document.secrecy} />
            <ImportantTag important={loan.document.important} />
          </Space>
          <div>
            {loan.document.number ? <DocumentNumber number={loan.document.number} /> : versionText(loan.document.version)}
          </div>
        </Descriptions.Item>
        <Descriptions.Item label={t('documents.loan.borrower')}>
          {loan.borrower.name}
          {loan.borrower.departmentName ? <Typography.Text type="secondary">（{loan.borrower.departmentName}）</Typography.Text> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('documents.print.appliedOn')}>{formatDateTime(loan.createdAt).slice(0, 10)}</Descriptions.Item>
        <Descriptions.Item label={t('documents.loan.purpose')} span="filled">
          {loan.purpose}
        </Descriptions.Item>
        <Descriptions.Item label={t('documents.loan.period')}>
          {loan.from} ~ {loan.to}
        </Descriptions.Item>
        <Descriptions.Item label={t('documents.loan.medium')}>
          {t(`documents.loan.media.${loan.medium}`)}
          {loan.medium === 'electronic' && loan.allowDownload ? `（${t('documents.loan.allowDownload')}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('documents.loan.approval')}>
          {loan.approvalId ? <Link to={`/approvals/${loan.approvalId}`}>{t('documents.loan.openApproval')}</Link> : dash}
        </Descriptions.Item>
        <Descriptions.Item label={t('documents.loan.dueDate')}>
          <LoanDue loan={loan} />
        </Descriptions.Item>
        <Descriptions.Item label={t('documents.loan.registeredAt')}>
          {loan.registeredAt ? `${formatDateTime(loan.registeredAt)} · ${loan.registeredBy?.name ?? ''}` : dash}
        </Descriptions.Item>
        <Descriptions.Item label={t('documents.loan.returnedAt')}>
          {loan.returnedAt ? `${formatDateTime(loan.returnedAt)}${loan.returnedTo ? ` · ${loan.returnedTo.name}` : ''}` : dash}
        </Descriptions.Item>
        {loan.note ? (
          <Descriptions.Item label={t('documents.fields.note')} span="filled">
            {loan.note}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {loan.medium === 'electronic' && loan.status === 'lent' ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('documents.loan.electronicEnds')}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
