import { useState } from 'react';
import { useParams } from 'react-router';
import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TFollowUp, TResolution } from '@opsdesk/contract';
import { useMeeting, useMinutes } from '../../api/meetings.ts';
import { useMe } from '../../api/session.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PrintForm, PrintSection, PrintTable, type PrintColumn, type PrintField } from '../../components/print/PrintForm.tsx';
import { PrintLayout } from '../../components/print/PrintLayout.tsx';
import { COMPANY_TZ } from '../../lib/time.ts';
import { participantNames, placeText } from './meetingText.ts';
import { timeRange } from './when.ts';
import './meetings.css';

/** 会议纪要表 on paper (MTG-9): basic info, each item's discussion/disputes/decision, resolutions, follow-ups. */
export default function MinutesPrintPage() {
  const { t } = useTranslation();
  const me = useMe();
  const id = Number(useParams().id);
  const meeting = useMeeting(id);
  const minutes = useMinutes(id);
  const [printedAt] = useState(() => dayjs().tz(COMPANY_TZ));
  const m = meeting.data;
  const x = minutes.data;
  const title = t('meetings.print.minutesTitle');
  const sep = t('print.listSep');

  const attended = m?.participants.filter((p) => p.attendance === 'present' || p.attendance === 'late') ?? [];
  const absent = x?.absent.map((a) => (a.onLeave ? `${a.person.name}${t('meetings.minutes.onLeaveMark')}` : a.person.name)).join(sep);
  const meta: PrintField[] =
    m && x
      ? [
          { label: t('meetings.print.meetingName'), value: m.topic, span: 2 },
          { label: t('meetings.print.date'), value: timeRange(m.startsAt, m.endsAt) },
          { label: t('meetings.print.place'), value: placeText(m) },
          { label: t('meetings.print.host'), value: m.host.name },
          { label: t('meetings.print.minuteTaker'), value: m.minuteTaker.name },
          { label: t('meetings.print.participants'), value: participantNames(attended.length ? attended : m.participants, t), span: 2 },
          { label: t('meetings.print.absent'), value: absent || t('meetings.print.none'), span: 2 },
        ]
      : [];
  const resolutionColumns: PrintColumn<TResolution>[] = [
    { key: 'content', title: t('meetings.print.contentCol'), render: (r) => (r.departmentName ? `${r.departmentName}：${r.content}` : r.content) },
    { key: 'owner', title: t('meetings.print.ownerCol'), width: '11%', nowrap: true, render: (r) => r.owner.name },
    { key: 'due', title: t('meetings.print.dueCol'), width: '14%', nowrap: true, render: (r) => r.dueDate },
    { key: 'deliverable', title: t('meetings.print.deliverableCol'), width: '28%', render: (r) => r.deliverable },
  ];
  const followColumns: PrintColumn<TFollowUp>[] = [
    { key: 'text', title: t('meetings.print.followText'), render: (f) => f.text },
    { key: 'owner', title: t('meetings.print.followOwner'), width: '14%', render: (f) => f.owner?.name ?? '' },
    { key: 'due', title: t('meetings.print.followDue'), width: '14%', nowrap: true, render: (f) => f.dueDate ?? '' },
  ];
  const error = meeting.error ?? minutes.error;

  return (
    <PrintLayout title={m ? `${title} ${m.topic}` : title} backTo={`/meetings/${id}?tab=minutes`} ready={Boolean(m && x)}>
      {error ? (
        <LoadError error={error} onRetry={() => Promise.all([meeting.refetch(), minutes.refetch()])} />
      ) : m && x ? (
        <PrintForm
          title={title}
          meta={meta}
          signatures={[{ label: t('meetings.print.signHost') }, { label: t('meetings.print.signTaker') }, { label: t('print.date') }]}
          footnote={t('print.footnote', { name: me.name, time: printedAt.format('YYYY-MM-DD HH:mm') })}
        >
          <PrintSection title={t('meetings.print.discussion')}>
            {x.items.map((item, i) => (
              <div key={item.agendaItemId} className="od-mtg-print-item">
                <strong>{t('meetings.print.itemHead', { index: i + 1, title: item.title })}</strong>
                {item.keyPoints ? <div>{`${t('meetings.print.keyPoints')}${item.keyPoints}`}</div> : null}
                {item.disputes ? <div>{`${t('meetings.print.disputes')}${item.disputes}`}</div> : null}
                {item.decision ? <div>{`${t('meetings.print.decision')}${item.decision}`}</div> : null}
                {item.carryOver && item.nextDate ? <div>{t('meetings.print.carryOver', { date: item.nextDate })}</div> : null}
              </div>
            ))}
            {x.discussion ? <div className="od-mtg-print-item">{x.discussion}</div> : null}
          </PrintSection>
          <PrintTable<TResolution>
            caption={t('meetings.print.resolutions')}
            columns={resolutionColumns}
            rows={x.resolutions}
            rowKey={(r) => r.id}
            numbered={t('print.seq')}
            emptyText={t('meetings.print.none')}
          />
          <PrintTable<TFollowUp>
            caption={t('meetings.print.followUps')}
            columns={followColumns}
            rows={x.followUps}
            rowKey={(_, i) => i}
            numbered={t('print.seq')}
            emptyText={t('meetings.print.none')}
          />
        </PrintForm>
      ) : (
        <Skeleton active paragraph={{ rows: 14 }} />
      )}
    </PrintLayout>
  );
}
