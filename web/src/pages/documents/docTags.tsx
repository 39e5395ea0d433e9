import { Space, Tag, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import './documents.css';
import type { TArchiveStatus, TLoan, TLoanStatus, TSecrecy } from '@opsdesk/contract';

/** UX.md: 密级 秘密 is a red tag; 内部 needs no tag in a list (it is the default). */
export function SecrecyTag({ secrecy, showInternal = false }: { secrecy: TSecrecy; showInternal?: boolean }) {
  const { t } = useTranslation();
  if (secrecy === 'secret') {
    return (
      <Tag color="red" icon={<LockOutlined />} data-testid="secret-tag">
        {t('documents.secrecy.secret')}
      </Tag>
    );
  }
  return showInternal ? <Tag>{t('documents.secrecy.internal')}</Tag> : null;
}

export function ImportantTag({ important }: { important: boolean }) {
  const { t } = useTranslation();
  return important ? <Tag color="orange">{t('documents.importantTag')}</Tag> : null;
}

/** 已归档 green, 待归档 gold (UX.md: one colour per status). */
export function ArchiveStatusTag({ status }: { status: TArchiveStatus }) {
  const { t } = useTranslation();
  return <Tag color={status === 'archived' ? 'green' : 'gold'}>{t(`documents.status.${status}`)}</Tag>;
}

/** 作废: struck-through grey (UX.md). */
export function VoidTag() {
  const { t } = useTranslation();
  return (
    <Tag className="od-void" data-testid="void-tag">
      {t('documents.void')}
    </Tag>
  );
}

const LOAN_COLORS: Record<TLoanStatus, string | undefined> = {
  applied: 'blue',
  changes_requested: 'gold',
  approved: 'gold',
  rejected: 'default',
  lent: 'blue',
  returned: 'green',
  withdrawn: 'default',
};

/** A loan's state; an overdue loan is red, whatever else it is (UX.md: 延期/逾期 red). */
export function LoanStatusTag({ loan }: { loan: Pick<TLoan, 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={LOAN_COLORS[loan.status]}>{t(`documents.loan.status.${loan.status}`)}</Tag>
      {loan.overdue ? <Tag color="red">{t('documents.loan.overdue')}</Tag> : null}
    </Space>
  );
}

/** A document number in a fixed-width face; none recorded shows a dash. */
export function DocumentNumber({ number, void: isVoid = false, strong = false }: { number: string | null; void?: boolean; strong?: boolean }) {
  const { t } = useTranslation();
  if (!number) return <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>;
  return (
    <Typography.Text strong={strong} className={isVoid ? 'od-doc-number od-void' : 'od-doc-number'}>
      {number}
    </Typography.Text>
  );
}

export const versionText = (version: number) => `V${version}`;
