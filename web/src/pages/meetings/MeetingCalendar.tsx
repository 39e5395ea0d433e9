import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { DATE_FORMAT, companyToday } from '../../lib/time.ts';
import { addDays, inCompany, minuteOfDay, mondayOf, timeRange, weekDates } from './when.ts';
import type { TimelineDay } from './RoomTimeline.tsx';
import './meetings.css';

export interface CalendarMeeting {
  id: number;
  topic: string;
  start: string;
  end: string;
  place: string | null;
  /** Colour class: cancelled meetings are struck through, ones the viewer hosts stand out. */
  tone: 'default' | 'host' | 'cancelled' | 'done';
}

interface Props {
  meetings: readonly CalendarMeeting[];
  mode: 'week' | 'month';
  date: string;
  days?: ReadonlyMap<string, TimelineDay>;
  onOpen: (id: number) => void;
  /** Week view: an empty hour was clicked. */
  onPickSlot?: (date: string, hhmm: string) => void;
  onOpenDay?: (date: string) => void;
}

const HOUR_PX = 48;

const dateOf = (iso: string) => inCompany(iso).format(DATE_FORMAT);

function Chip({ m, onOpen }: { m: CalendarMeeting; onOpen: (id: number) => void }) {
  return (
    <Tooltip title={`${m.topic} · ${timeRange(m.start, m.end, false)}${m.place ? ` · ${m.place}` : ''}`}>
      <button type="button" className={`od-mc-chip od-mc-${m.tone}`} onClick={() => onOpen(m.id)} data-testid="calendar-meeting">
        <span className="od-mc-chip-time">{inCompany(m.start).format('HH:mm')}</span> {m.topic}
      </button>
    </Tooltip>
  );
}

/** 我的会议 as a week (hours down, days across — the DingTalk calendar) or a month grid. */
export function MeetingCalendar({ meetings, mode, date, days, onOpen, onPickSlot, onOpenDay }: Props) {
  const { t } = useTranslation();
  const today = companyToday();
  const weekdays = t('meetings.weekdaysShort').split(',');

  if (mode === 'month') {
    const first = dayjs(date).startOf('month').format(DATE_FORMAT);
    const start = mondayOf(first);
    const cells = Array.from({ length: 42 }, (_, i) => addDays(start, i));
    const month = first.slice(0, 7);
    return (
      <div className="od-mc-month" role="grid" aria-label={t('meetings.home.calendar')} data-testid="meeting-calendar">
        <div className="od-mc-month-row od-mc-head" role="row">
          {weekdays.map((w, i) => (
            <div key={w} role="columnheader" className={i >= 5 ? 'od-mc-weekend' : undefined}>
              {w}
            </div>
          ))}
        </div>
        {[0, 1, 2, 3, 4, 5].map((week) => (
          <div className="od-mc-month-row" role="row" key={week}>
            {cells.slice(week * 7, week * 7 + 7).map((d) => {
              const list = meetings.filter((m) => dateOf(m.start) === d).sort((a, b) => a.start.localeCompare(b.start));
              const info = days?.get(d);
              const cls = [
                'od-mc-cell',
                d.slice(0, 7) === month ? '' : 'od-mc-outside',
                info?.working === false ? 'od-mc-off' : '',
                d === today ? 'od-mc-today' : '',
              ]
                .filter(Boolean)
                .join(' ');
              return (
                <div key={d} className={cls} role="gridcell" aria-label={d}>
                  <button type="button" className="od-mc-daynum" onClick={() => onOpenDay?.(d)}>
                    {Number(d.slice(8))}
                    {info?.name ? <span className="od-mc-dayname">{info.name}</span> : null}
                  </button>
                  {list.slice(0, 3).map((m) => (
                    <Chip key={m.id} m={m} onOpen={onOpen} />
                  ))}
                  {list.length > 3 ? (
                    <button type="button" className="od-mc-more" onClick={() => onOpenDay?.(d)}>
                      {t('meetings.home.moreCount', { count: list.length - 3 })}
                    </button>
                  ) : null}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    );
  }

  const dates = weekDates(date);
  // 08:00–20:00, widened when a meeting of this week starts earlier or ends later.
  let from = 8;
  let to = 20;
  for (const m of meetings) {
    const d = dateOf(m.start);
    if (!dates.includes(d)) continue;
    from = Math.min(from, Math.floor(minuteOfDay(m.start, d) / 60));
    to = Math.max(to, Math.ceil(minuteOfDay(m.end, d) / 60));
  }
  const hours = Array.from({ length: to - from }, (_, i) => from + i);
  const top = (minute: number) => ((minute - from * 60) / 60) * HOUR_PX;

  return (
    <div className="od-mc-week" role="grid" aria-label={t('meetings.home.calendar')} data-testid="meeting-calendar">
      <div className="od-mc-week-row od-mc-head" role="row">
        <div />
        {dates.map((d, i) => {
          const info = days?.get(d);
          return (
            <button
              type="button"
              key={d}
              role="columnheader"
              className={`od-mc-weekhead${info?.working === false ? ' od-mc-weekend' : ''}${d === today ? ' od-mc-today-head' : ''}`}
              onClick={() => onOpenDay?.(d)}
            >
              <span>{weekdays[i]}</span>
              <span className="od-mc-weekdate">{Number(d.slice(8))}</span>
              {info?.name ? <span className="od-mc-dayname">{info.name}</span> : null}
            </button>
          );
        })}
      </div>
      <div className="od-mc-week-row od-mc-body" role="row">
        <div className="od-mc-gutter" style={{ height: hours.length * HOUR_PX }}>
          {hours.map((h) => (
            <span key={h} style={{ top: top(h * 60) }}>{`${String(h).padStart(2, '0')}:00`}</span>
          ))}
        </div>
        {dates.map((d) => {
          const list = meetings.filter((m) => dateOf(m.start) === d);
          const off = days?.get(d)?.working === false;
          return (
            <div
              key={d}
              role="gridcell"
              aria-label={d}
              className={`od-mc-daycol${off ? ' od-mc-off' : ''}${onPickSlot ? ' od-mc-pickable' : ''}`}
              style={{ height: hours.length * HOUR_PX }}
              onClick={
                onPickSlot
                  ? (e) => {
                      const y = e.clientY - e.currentTarget.getBoundingClientRect().top;
                      const minute = from * 60 + Math.floor(((y / HOUR_PX) * 60) / 30) * 30;
                      onPickSlot(d, `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`);
                    }
                  : undefined
              }
            >
              {hours.map((h) => (
                <span key={h} className="od-mc-hourline" style={{ top: top(h * 60) }} />
              ))}
              {list.map((m) => {
                const s = minuteOfDay(m.start, d);
                const e = Math.max(s + 20, minuteOfDay(m.end, d));
                return (
                  <button
                    type="button"
                    key={m.id}
                    className={`od-mc-event od-mc-${m.tone}`}
                    style={{ top: top(s), height: top(e) - top(s) - 2 }}
                    onClick={(ev) => {
                      ev.stopPropagation();
                      onOpen(m.id);
                    }}
                    data-testid="calendar-meeting"
                  >
                    <span className="od-mc-event-title">{m.topic}</span>
                    <span className="od-mc-event-meta">{timeRange(m.start, m.end, false)}</span>
                    {m.place ? <span className="od-mc-event-meta">{m.place}</span> : null}
                  </button>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
