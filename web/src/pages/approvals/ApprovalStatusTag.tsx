import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TApprovalStatus } from '@opsdesk/contract';

/** UX: one colour per status — in review blue, returned gold, approved green, rejected red. */
const COLOR: Record<TApprovalStatus, string> = { pending: 'processing', returned: 'warning', approved: 'success', rejected: 'error' };

export function ApprovalStatusTag({ status }: { status: TApprovalStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOR[status]}>{t(`approvals.status.${status}`)}</Tag>;
}
