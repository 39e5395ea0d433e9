import { Descriptions, Space } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLoan } from '../../api/documents.ts';
import { DocumentNumber, ImportantTag, SecrecyTag, versionText } from './docTags.tsx';

/**
 * 《文档借阅申请表》 as the approver reads it in 审批中心 (DOC-5): what is borrowed, by whom, why
 * and for how long — instead of the flow's raw facts. Renders nothing if the loan cannot be read.
 */
export function LoanApprovalSummary({ entityId }: { entityId: string }) {
  const { t } = useTranslation();
  const { data: loan } = useLoan(Number(entityId));
  if (!loan) return null;
  return (
    <Descriptions title={t('documents.loan.applyTitle')} bordered size="small" column={1} style={{ marginTop: 16 }} data-testid="loan-approval-summary">
      <Descriptions.Item label={t('documents.loan.document')}>
        <Space size={4} wrap>
          <Link to={`/documents/loans/${loan.id}`}>{loan.document.name}</Link>
          <SecrecyTag secrecy={loan.document.secrecy} />
          <ImportantTag important={loan.document.important} />
        </Space>
        <div>
          {loan.document.number ? <DocumentNumber number={loan.document.number} /> : versionText(loan.document.version)}
        </div>
      </Descriptions.Item>
      <Descriptions.Item label={t('documents.loan.borrower')}>
        {loan.borrower.departmentName ? t('common.withNote', { text: loan.borrower.name, note: loan.borrower.departmentName }) : loan.borrower.name}
      </Descriptions.Item>
      <Descriptions.Item label={t('documents.loan.purpose')}>{loan.purpose}</Descriptions.Item>
      <Descriptions.Item label={t('documents.loan.period')}>
        {loan.from} ~ {loan.to}
      </Descriptions.Item>
      <Descriptions.Item label={t('documents.loan.medium')}>
        {t(`documents.loan.media.${loan.medium}`)}
        {loan.medium === 'electronic' && loan.allowDownload ? `（${t('documents.loan.allowDownload')}）` : ''}
      </Descriptions.Item>
    </Descriptions>
  );
}
