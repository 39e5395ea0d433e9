import { useState } from 'react';
import { useParams } from 'react-router';
import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TTask } from '@opsdesk/contract';
import { useMe } from '../../../api/session.ts';
import { useTask } from '../../../api/tasks.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { PrintForm, PrintSection, PrintTable, type PrintField } from '../../../components/print/PrintForm.tsx';
import { PrintLayout } from '../../../components/print/PrintLayout.tsx';
import { COMPANY_TZ, formatDateTime } from '../../../lib/time.ts';

type Round = TTask['acceptanceRounds'][number];
type Entry = TTask['progressLog'][number];
type Milestone = TTask['milestones'][number];
type Delay = TTask['delays'][number];

/** One task's 任务跟踪表 on paper: its fields, milestones, progress, delays and every acceptance round. */
export default function TaskPrintPage() {
  const { t } = useTranslation();
  const me = useMe();
  const id = Number(useParams().id);
  const { data: task, error, refetch } = useTask(id);
  const [printedAt] = useState(() => dayjs().tz(COMPANY_TZ));
  const dash = '-';
  const sep = t('print.listSep');

  const meta: PrintField[] = task
    ? [
        { label: t('tasks.fields.name'), value: task.name, span: 2 },
        { label: t('tasks.fields.owner'), value: task.owner.name },
        { label: t('tasks.fields.department'), value: task.department?.name ?? dash },
        { label: t('tasks.fields.collaborators'), value: task.collaborators.map((c) => `${c.name}（${c.share}）`).join(sep) || dash, span: 2 },
        { label: t('tasks.fields.acceptor'), value: task.acceptor?.name ?? task.expectedAcceptor?.name ?? dash },
        { label: t('tasks.fields.major'), value: task.major ? t('common.yes') : t('common.no') },
        { label: t('tasks.print.start'), value: task.startDate },
        { label: t('tasks.print.due'), value: task.dueDate },
        { label: t('tasks.print.progress'), value: task.stage ? `${task.progress}%（${task.stage}）` : `${task.progress}%` },
        { label: t('tasks.print.status'), value: t(`tasks.status.${task.status}`) },
        { label: t('tasks.fields.deliverable'), value: task.deliverable, span: 2 },
        { label: t('tasks.fields.qualityStandard'), value: task.qualityStandard, span: 2 },
        { label: t('tasks.fields.acceptanceOpinion'), value: task.acceptanceOpinion ?? dash, span: 2 },
        { label: t('tasks.fields.remarks'), value: task.remarks ?? dash, span: 2 },
      ]
    : [];

  return (
    <PrintLayout title={task ? `${t('tasks.sheetTitle')} ${task.number}` : t('tasks.sheetTitle')} backTo={`/tasks/${id}`} ready={Boolean(task)}>
      {error ? (
        <LoadError error={error} onRetry={refetch} />
      ) : task ? (
        <PrintForm
          title={t('tasks.sheetTitle')}
          code={task.number}
          meta={meta}
          signatures={[{ label: t('tasks.fields.owner') }, { label: t('tasks.print.acceptorSign') }, { label: t('print.date') }]}
          footnote={t('print.footnote', { name: me.name, time: printedAt.format('YYYY-MM-DD HH:mm') })}
        >
          {task.description ? <PrintSection title={t('tasks.fields.description')}>{task.description}</PrintSection> : null}
          {task.major ? (
            <PrintSection title={t('tasks.print.riskSection')}>
              {t('tasks.fields.riskNote')}：{task.riskNote ?? dash}
              <br />
              {t('tasks.fields.mitigationPlan')}：{task.mitigationPlan ?? dash}
            </PrintSection>
          ) : null}
          {task.milestones.length > 0 ? (
            <PrintTable<Milestone>
              caption={t('tasks.fields.milestones')}
              rows={task.milestones}
              rowKey={(m) => m.id}
              numbered={t('print.seq')}
              columns={[
                { key: 'name', title: t('tasks.form.milestoneName'), render: (m) => m.name },
                { key: 'date', title: t('tasks.form.milestoneDate'), width: '20%', nowrap: true, render: (m) => m.date },
                { key: 'done', title: t('tasks.milestones.done'), width: '15%', align: 'center', render: (m) => (m.done ? '✓' : '') },
              ]}
            />
          ) : null}
          <PrintTable<Entry>
            caption={t('tasks.print.progressLog')}
            rows={task.progressLog}
            rowKey={(e) => e.id}
            emptyText={t('tasks.progress.empty')}
            columns={[
              { key: 'date', title: t('print.date'), width: '14%', nowrap: true, render: (e) => e.date },
              { key: 'progress', title: t('tasks.progress.percent'), width: '10%', align: 'center', render: (e) => `${e.progress}%` },
              { key: 'stage', title: t('tasks.fields.stage'), width: '22%', render: (e) => e.stage },
              { key: 'note', title: t('tasks.progress.note'), render: (e) => e.note ?? '' },
              { key: 'author', title: t('tasks.print.author'), width: '12%', render: (e) => e.author.name },
            ]}
          />
          {task.delays.length > 0 ? (
            <PrintTable<Delay>
              caption={t('tasks.print.delays')}
              rows={task.delays}
              rowKey={(d) => d.id}
              columns={[
                { key: 'at', title: t('print.date'), width: '14%', nowrap: true, render: (d) => formatDateTime(d.at).slice(0, 10) },
                { key: 'change', title: t('tasks.print.dueChange'), width: '26%', nowrap: true, render: (d) => `${d.oldDueDate} → ${d.newDueDate}` },
                { key: 'reason', title: t('tasks.dialogs.delay.reason'), render: (d) => d.reason },
                { key: 'author', title: t('tasks.print.author'), width: '12%', render: (d) => d.author.name },
              ]}
            />
          ) : null}
          {task.acceptanceRounds.length > 0 ? (
            <PrintTable<Round>
              caption={t('tasks.print.rounds')}
              rows={task.acceptanceRounds}
              rowKey={(r) => r.round}
              columns={[
                { key: 'round', title: t('tasks.print.round'), width: '8%', align: 'center', render: (r) => r.round },
                { key: 'submitted', title: t('tasks.print.submitted'), width: '18%', render: (r) => `${r.submittedBy.name} ${formatDateTime(r.submittedAt).slice(0, 10)}` },
                { key: 'deliverable', title: t('tasks.fields.deliverable'), width: '24%', render: (r) => [r.file?.fileName, r.link].filter(Boolean).join(' ') || dash },
                { key: 'decision', title: t('tasks.print.decision'), width: '12%', align: 'center', render: (r) => (r.decision ? t(`tasks.rounds.${r.decision}`) : t('tasks.status.awaiting_acceptance')) },
                { key: 'opinion', title: t('tasks.print.opinion'), render: (r) => (r.opinion ? `${r.opinion}${r.decidedBy ? `（${r.decidedBy.name}）` : ''}` : '') },
              ]}
            />
          ) : null}
        </PrintForm>
      ) : (
        <Skeleton active paragraph={{ rows: 12 }} />
      )}
    </PrintLayout>
  );
}
