import { companyToday } from '../../lib/time.ts';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TLoan } from '@opsdesk/contract';
import { useWorkingDays } from './useWorkingDays.ts';

/**
 * UX.md: a deadline shows its date and the working-day distance, "2026-10-13（还剩3个工作日）",
 * red when overdue. Overdue is the server's word (its clock decides), not this browser's.
 */
export function LoanDue({ loan }: { loan: Pick<TLoan, 'dueDate' | 'overdue' | 'status'> }) {
  const { t } = useTranslation();
  const today = companyToday();
  const days = useWorkingDays(today, 2);
  if (!loan.dueDate) return <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>;
  if (loan.overdue) return <Typography.Text type="danger">{t('documents.loan.dueOverdue', { date: loan.dueDate })}</Typography.Text>;
  if (loan.status !== 'lent') return <span>{loan.dueDate}</span>;
  if (loan.dueDate === today) return <Typography.Text type="warning">{t('documents.loan.dueToday', { date: loan.dueDate })}</Typography.Text>;
  const left = loan.dueDate > today ? days.between(today, loan.dueDate) : null;
  return <span>{left === null ? loan.dueDate : t('documents.loan.dueIn', { date: loan.dueDate, days: left })}</span>;
}
