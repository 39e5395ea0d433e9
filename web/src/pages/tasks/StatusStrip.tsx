import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, type TTaskCounts, type TTaskStatus } from '@opsdesk/contract';
import { AT_RISK_COLOR, STATUS_COLOR } from './taskStatus.tsx';

interface Props {
  counts: TTaskCounts | undefined;
  selected: TTaskStatus[];
  atRisk: boolean;
  onChange: (next: { status: TTaskStatus[]; atRisk: boolean }) => void;
}

/** The scope's totals per status as one-tap filters (全部 · 未开始 · 进行中 · 待验收 · 已完成 · 延期 · 有延期风险). */
export function StatusStrip({ counts, selected, atRisk, onChange }: Props) {
  const { t } = useTranslation();
  const n = (value: number | undefined) => (value === undefined ? '' : ` ${value}`);
  return (
    <Flex wrap gap={6} style={{ marginBottom: 12 }} data-testid="status-strip">
      <Tag.CheckableTag checked={selected.length === 0 && !atRisk} onChange={() => onChange({ status: [], atRisk: false })}>
        {t('common.all')}
        {n(counts?.total)}
      </Tag.CheckableTag>
      {TASK_STATUSES.map((status) => (
        <Tag.CheckableTag
          key={status}
          checked={selected.includes(status)}
          onChange={(on) => onChange({ status: on ? [...selected, status] : selected.filter((s) => s !== status), atRisk })}
        >
          <span className="od-status-dot" style={{ background: STATUS_COLOR[status] }} />
          {t(`tasks.status.${status}`)}
          {n(counts?.[status])}
        </Tag.CheckableTag>
      ))}
      <Tag.CheckableTag checked={atRisk} onChange={(on) => onChange({ status: selected, atRisk: on })}>
        <span className="od-status-dot" style={{ background: AT_RISK_COLOR }} />
        {t('tasks.markers.atRisk')}
        {n(counts?.atRisk)}
      </Tag.CheckableTag>
    </Flex>
  );
}
