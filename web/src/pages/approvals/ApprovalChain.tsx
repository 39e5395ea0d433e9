import { Space, Steps, Timeline, Typography } from 'antd';
import type { StepsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TApprovalDetail, TApprovalEvent, TApprovalNote, TApprovalStepStatus } from '@opsdesk/contract';
import { formatDateTime } from '../../lib/time.ts';

const STEP_STATE: Record<TApprovalStepStatus, NonNullable<StepsProps['status']>> = {
  waiting: 'wait',
  open: 'process',
  approved: 'finish',
  rejected: 'error',
  returned: 'error',
  cancelled: 'wait',
};

function useNoteText() {
  const { t } = useTranslation();
  return (note: TApprovalNote) =>
    t('approvals.skipNote', {
      level: t(`approvals.levels.${note.level}`),
      person: note.person ? `（${note.person.name}）` : '',
      reason: t(`approvals.skip.${note.reason}`),
    });
}

/** UX: the chain as steps — who, when, opinion — with the escalation notes of each step. */
export function ApprovalSteps({ detail, vertical }: { detail: TApprovalDetail; vertical: boolean }) {
  const { t } = useTranslation();
  const noteText = useNoteText();
  const steps = detail.steps.filter((s) => s.round === detail.round).sort((a, b) => a.position - b.position);
  const notesOf = (stepId: number) => detail.history.filter((e) => e.stepId === stepId).flatMap((e) => e.notes);
  return (
    <Steps
      orientation={vertical ? 'vertical' : 'horizontal'}
      size="small"
      items={steps.map((step) => {
        const who = step.decidedBy ?? step.decider;
        const notes = notesOf(step.id);
        return {
          title: step.label,
          status: STEP_STATE[step.status],
          subTitle: t(`approvals.stepStatus.${step.status}`),
          content: (
            <Space orientation="vertical" size={0}>
              {who ? <Typography.Text>{who.name}</Typography.Text> : null}
              {step.decidedAt ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(step.decidedAt)}</Typography.Text>
              ) : null}
              {step.opinion ? <Typography.Text type="secondary">“{step.opinion}”</Typography.Text> : null}
              {notes.map((note, i) => (
                <Typography.Text key={i} type="warning" style={{ fontSize: 12 }}>
                  {noteText(note)}
                </Typography.Text>
              ))}
            </Space>
          ),
        };
      })}
    />
  );
}

const EVENT_COLOR: Partial<Record<TApprovalEvent['action'], string>> = {
  approve: 'green',
  reject: 'red',
  return: 'orange',
  stuck: 'red',
  escalate: 'gray',
};

/** Everything that happened, oldest first. */
export function ApprovalHistory({ detail }: { detail: TApprovalDetail }) {
  const { t } = useTranslation();
  const noteText = useNoteText();
  return (
    <Timeline
      items={detail.history.map((e) => ({
        key: e.id,
        color: EVENT_COLOR[e.action] ?? 'blue',
        content: (
          <Space orientation="vertical" size={0}>
            <Typography.Text>
              <Typography.Text strong>{e.actor?.name ?? t('approvals.system')}</Typography.Text> {t(`approvals.actions.${e.action}`)}
              {e.targets.length > 0 ? ` → ${e.targets.map((p) => p.name).join('、')}` : ''}
            </Typography.Text>
            {e.opinion ? <Typography.Text type="secondary">“{e.opinion}”</Typography.Text> : null}
            {e.notes.map((note, i) => (
              <Typography.Text key={i} type="warning" style={{ fontSize: 12 }}>
                {noteText(note)}
              </Typography.Text>
            ))}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(e.at)}
              {detail.round > 1 ? ` · ${t('approvals.round', { round: e.round })}` : ''}
            </Typography.Text>
          </Space>
        ),
      }))}
    />
  );
}
