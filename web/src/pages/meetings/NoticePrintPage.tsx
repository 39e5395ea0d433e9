import { useState } from 'react';
import { useParams } from 'react-router';
import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TAgendaItem, TMaterial } from '@opsdesk/contract';
import { useMeeting } from '../../api/meetings.ts';
import { useMe } from '../../api/session.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PrintForm, PrintSection, PrintTable, type PrintColumn, type PrintField } from '../../components/print/PrintForm.tsx';
import { PrintLayout } from '../../components/print/PrintLayout.tsx';
import { COMPANY_TZ } from '../../lib/time.ts';
import { contactText, participantNames, placeText } from './meetingText.ts';
import { timeRange } from './when.ts';

/** 会议通知表 on paper (MTG-3): the template's fields in its order, the agenda with durations and goals. */
export default function NoticePrintPage() {
  const { t } = useTranslation();
  const me = useMe();
  const id = Number(useParams().id);
  const { data: m, error, refetch } = useMeeting(id);
  const [printedAt] = useState(() => dayjs().tz(COMPANY_TZ));
  const title = t('meetings.print.noticeTitle');

  const invited = m?.participants.filter((p) => p.kind === 'invited') ?? [];
  const meta: PrintField[] = m
    ? [
        { label: t('meetings.print.topic'), value: m.topic, span: 2 },
        { label: t('meetings.print.goal'), value: m.goal, span: 2 },
        { label: t('meetings.print.time'), value: timeRange(m.startsAt, m.endsAt) },
        { label: t('meetings.print.place'), value: placeText(m, true) },
        { label: t('meetings.print.host'), value: m.host.name },
        { label: t('meetings.print.minuteTaker'), value: m.minuteTaker.name },
        { label: t('meetings.print.participants'), value: participantNames(invited, t), span: 2 },
        { label: t('meetings.print.contact'), value: contactText(m), span: 2 },
      ]
    : [];
  const agendaColumns: PrintColumn<TAgendaItem>[] = [
    { key: 'title', title: t('meetings.form.agendaTitle'), width: '34%', render: (a) => a.title },
    { key: 'minutes', title: t('meetings.form.agendaDuration'), width: '12%', align: 'center', nowrap: true, render: (a) => a.durationMinutes },
    { key: 'goal', title: t('meetings.form.agendaGoal'), render: (a) => a.goal ?? '' },
    { key: 'presenter', title: t('meetings.form.agendaPresenter'), width: '12%', render: (a) => a.presenter?.name ?? '' },
  ];
  const materialColumns: PrintColumn<TMaterial>[] = [
    { key: 'title', title: t('meetings.form.materialTitle'), render: (x) => x.title },
    { key: 'owner', title: t('meetings.form.materialOwner'), width: '20%', render: (x) => x.owner.name },
  ];

  return (
    <PrintLayout title={m ? `${title} ${m.topic}` : title} backTo={`/meetings/${id}`} ready={Boolean(m)}>
      {error ? (
        <LoadError error={error} onRetry={refetch} />
      ) : m ? (
        <PrintForm
          title={title}
          meta={meta}
          signatures={[{ label: t('meetings.detail.organizer'), value: m.organizer.name }, { label: t('print.date'), value: (m.notice.sentAt ? dayjs(m.notice.sentAt).tz(COMPANY_TZ) : printedAt).format('YYYY-MM-DD') }]}
          footnote={t('print.footnote', { name: me.name, time: printedAt.format('YYYY-MM-DD HH:mm') })}
        >
          <PrintTable<TAgendaItem>
            caption={t('common.withNote', { text: t('meetings.print.agenda'), note: t('meetings.detail.agendaTotal', { count: m.agenda.length, minutes: m.agendaMinutes }) })}
            columns={agendaColumns}
            rows={m.agenda}
            rowKey={(a) => a.id}
            numbered={t('print.seq')}
          />
          {m.agendaReason ? <PrintSection title={t('meetings.form.agendaReason')}>{m.agendaReason}</PrintSection> : null}
          <PrintTable<TMaterial>
            caption={t('meetings.print.materials')}
            columns={materialColumns}
            rows={m.materials}
            rowKey={(x) => x.id}
            numbered={t('print.seq')}
            emptyText={t('meetings.print.none')}
          />
          {m.remarks ? <PrintSection title={t('meetings.detail.remarks')}>{m.remarks}</PrintSection> : null}
        </PrintForm>
      ) : (
        <Skeleton active paragraph={{ rows: 12 }} />
      )}
    </PrintLayout>
  );
}
