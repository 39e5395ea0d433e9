import { Card, Empty, Flex, Space, Tag, Typography } from 'antd';
import { LinkOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TTask } from '@opsdesk/contract';
import { formatDateTime } from '../../../lib/time.ts';

const DECISION_COLOR = { accepted: 'success', rejected: 'error' } as const;

/** TSK-9: every submission and its decision, newest first — the loop stays on the record. */
export function AcceptanceRounds({ task }: { task: TTask }) {
  const { t } = useTranslation();
  const rounds = [...task.acceptanceRounds].reverse();
  if (rounds.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.rounds.empty')} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="acceptance-rounds">
      {task.approvalId ? (
        <Link to={`/approvals/${task.approvalId}`}>{t('tasks.rounds.openApproval')}</Link>
      ) : null}
      {rounds.map((round) => (
        <Card
          key={round.round}
          size="small"
          title={t('tasks.rounds.title', { round: round.round })}
          extra={
            round.decision ? (
              <Tag color={DECISION_COLOR[round.decision]}>{t(`tasks.rounds.${round.decision}`)}</Tag>
            ) : (
              <Tag color="gold">{t('tasks.status.awaiting_acceptance')}</Tag>
            )
          }
          data-testid="acceptance-round"
        >
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {t('tasks.rounds.submitted', { name: round.submittedBy.name, time: formatDateTime(round.submittedAt) })}
            </Typography.Text>
            <Flex wrap gap={12}>
              {round.file ? (
                <a href={`/api/files/${round.file.id}`} target="_blank" rel="noreferrer">
                  <PaperClipOutlined /> {round.file.fileName}
                </a>
              ) : null}
              {round.link ? (
                <a href={round.link} target="_blank" rel="noreferrer noopener">
                  <LinkOutlined /> {round.link}
                </a>
              ) : null}
            </Flex>
            {round.note ? <Typography.Text>“{round.note}”</Typography.Text> : null}
            {round.decision && round.decidedBy ? (
              <div style={{ marginTop: 4, paddingTop: 8, borderTop: '1px dashed #f0f0f0' }}>
                <Typography.Text strong>{round.decision === 'accepted' ? t('tasks.fields.acceptanceOpinion') : t('tasks.dialogs.reject.requirements')}：</Typography.Text>
                <Typography.Text>{round.opinion}</Typography.Text>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {round.decidedBy.name} · {round.decidedAt ? formatDateTime(round.decidedAt) : ''}
                  </Typography.Text>
                </div>
              </div>
            ) : null}
          </Space>
        </Card>
      ))}
    </Space>
  );
}
