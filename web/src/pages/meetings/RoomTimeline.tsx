import { companyToday } from '../../lib/time.ts';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { inCompany, minuteOfDay, timeRange, weekDates } from './when.ts';
import './meetings.css';

/** The working hours the timeline shows (UX.md room timeline: 08:00–20:00). */
export const DAY_START = 8 * 60;
export const DAY_END = 20 * 60;
const SPAN = DAY_END - DAY_START;
const HOURS = Array.from({ length: (DAY_END - DAY_START) / 60 }, (_, i) => DAY_START / 60 + i);

export interface TimelineRoom {
  id: number;
  name: string;
  capacity: number;
  location: string | null;
  equipment: readonly string[];
}

export interface TimelineBooking {
  id: number;
  roomId: number;
  start: string;
  end: string;
  /** The meeting's topic when the viewer may see it, else the server's "已预订". */
  title: string;
  organizer?: string | null;
  meetingId?: number | null;
  mine?: boolean;
}

export interface TimelineDay {
  date: string;
  working: boolean;
  /** 国庆节, 调休上班 … */
  name?: string | null;
}

interface Props {
  rooms: readonly TimelineRoom[];
  bookings: readonly TimelineBooking[];
  mode: 'day' | 'week';
  date: string;
  /** Working-day flags from the calendar, by date; shaded when not working. */
  days?: ReadonlyMap<string, TimelineDay>;
  /** An empty spot was clicked: plan a meeting there (time rounded down to the half hour). */
  onPickSlot?: (roomId: number, date: string, hhmm: string) => void;
  onOpenBooking?: (booking: TimelineBooking) => void;
  /** Week view: a day header was clicked. */
  onOpenDay?: (date: string) => void;
}

const pct = (minutes: number) => `${((minutes - DAY_START) / SPAN) * 100}%`;
const clamp = (m: number) => Math.min(DAY_END, Math.max(DAY_START, m));

/** Where a click on a track falls, as HH:mm rounded down to the half hour. */
function slotAt(event: MouseEvent<HTMLDivElement>): string {
  const box = event.currentTarget.getBoundingClientRect();
  const fraction = Math.min(0.999, Math.max(0, (event.clientX - box.left) / box.width));
  const minute = DAY_START + Math.floor((fraction * SPAN) / 30) * 30;
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function useNowMinute(): { date: string; minute: number } {
  const read = () => {
    const now = inCompany(new Date());
    return { date: now.format('YYYY-MM-DD'), minute: now.hour() * 60 + now.minute() };
  };
  const [now, setNow] = useState(read);
  useEffect(() => {
    const timer = setInterval(() => setNow(read()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function Block({ booking, date, compact, onOpen }: { booking: TimelineBooking; date: string; compact: boolean; onOpen?: Props['onOpenBooking'] }) {
  const from = clamp(minuteOfDay(booking.start, date));
  const to = clamp(minuteOfDay(booking.end, date));
  if (to <= from) return null;
  const when = timeRange(booking.start, booking.end, false);
  const tip = (
    <>
      <div>{booking.title}</div>
      <div>{when}</div>
      {booking.organizer ? <div>{booking.organizer}</div> : null}
    </>
  );
  return (
    <Tooltip title={tip}>
      <button
        type="button"
        className={`od-rt-block${booking.mine ? ' od-rt-block-mine' : ''}${compact ? ' od-rt-block-compact' : ''}`}
        style={{ left: pct(from), width: `calc(${pct(to)} - ${pct(from)})` }}
        onClick={(e) => {
          e.stopPropagation();
          onOpen?.(booking);
        }}
        aria-label={`${booking.title} ${when}`}
        data-testid="room-booking"
      >
        {compact ? null : (
          <>
            <span className="od-rt-block-title">{booking.title}</span>
            <span className="od-rt-block-time">{when}</span>
          </>
        )}
      </button>
    </Tooltip>
  );
}

function Track({
  date,
  roomId,
  bookings,
  compact,
  off,
  nowMinute,
  onPickSlot,
  onOpenBooking,
  label,
}: {
  date: string;
  roomId: number;
  bookings: readonly TimelineBooking[];
  compact: boolean;
  off: boolean;
  nowMinute: number | null;
  onPickSlot?: Props['onPickSlot'];
  onOpenBooking?: Props['onOpenBooking'];
  label: string;
}) {
  const mine = bookings.filter((b) => b.roomId === roomId && inCompany(b.start).format('YYYY-MM-DD') <= date && inCompany(b.end).format('YYYY-MM-DD') >= date);
  return (
    <div
      className={`od-rt-track${off ? ' od-rt-off' : ''}${onPickSlot ? ' od-rt-pickable' : ''}`}
      role="gridcell"
      aria-label={label}
      onClick={onPickSlot ? (e) => onPickSlot(roomId, date, slotAt(e)) : undefined}
    >
      {compact ? null : HOURS.slice(1).map((h) => <span key={h} className="od-rt-hourline" style={{ left: pct(h * 60) }} />)}
      {nowMinute !== null && nowMinute >= DAY_START && nowMinute <= DAY_END ? <span className="od-rt-now" style={{ left: pct(nowMinute) }} /> : null}
      {mine.map((b) => (
        <Block key={`${b.id}-${date}`} booking={b} date={date} compact={compact} onOpen={onOpenBooking} />
      ))}
    </div>
  );
}

function RoomCell({ room }: { room: TimelineRoom }) {
  const { t } = useTranslation();
  return (
    <div className="od-rt-room" role="rowheader">
      <Typography.Text strong ellipsis>
        {room.name}
      </Typography.Text>
      <Typography.Text type="secondary" className="od-rt-room-meta" ellipsis>
        {[t('meetings.rooms.seats', { count: room.capacity }), room.location].filter(Boolean).join(' · ')}
      </Typography.Text>
    </div>
  );
}

/**
 * 会议室占用: rooms as rows. Day view: 08:00–20:00 as columns with each booking as a block; week
 * view: the seven days as columns, each a small day-track. Clicking free space plans a meeting there.
 */
export function RoomTimeline({ rooms, bookings, mode, date, days, onPickSlot, onOpenBooking, onOpenDay }: Props) {
  const { t } = useTranslation();
  const now = useNowMinute();
  const today = companyToday();
  const weekdays = t('meetings.weekdaysShort').split(',');
  const scroller = useRef<HTMLDivElement>(null);
  // On a narrow screen the day scrolls sideways: bring the day's first booking into view.
  useEffect(() => {
    const box = scroller.current;
    const first = box?.querySelector<HTMLElement>('.od-rt-block');
    if (box && first && box.scrollWidth > box.clientWidth) box.scrollLeft = Math.max(0, first.offsetLeft - 24);
  }, [date, mode, bookings]);

  if (mode === 'day') {
    const off = days?.get(date)?.working === false;
    return (
      <div ref={scroller} className="od-rt od-rt-day" role="grid" aria-label={t('meetings.rooms.timeline')} data-testid="room-timeline">
        <div className="od-rt-row od-rt-head" role="row">
          <div className="od-rt-room od-rt-corner" role="columnheader">
            {t('meetings.rooms.room')}
          </div>
          <div className="od-rt-hours" role="columnheader">
            {HOURS.map((h) => (
              <span key={h} className="od-rt-hour" style={{ left: pct(h * 60) }}>
                {`${String(h).padStart(2, '0')}:00`}
              </span>
            ))}
          </div>
        </div>
        {rooms.map((room) => (
          <div className="od-rt-row" role="row" key={room.id} data-room={room.name}>
            <RoomCell room={room} />
            <Track
              date={date}
              roomId={room.id}
              bookings={bookings}
              compact={false}
              off={off}
              nowMinute={date === now.date ? now.minute : null}
              onPickSlot={onPickSlot}
              onOpenBooking={onOpenBooking}
              label={`${room.name} ${date}`}
            />
          </div>
        ))}
      </div>
    );
  }

  const dates = weekDates(date);
  return (
    <div className="od-rt od-rt-week" role="grid" aria-label={t('meetings.rooms.timeline')} data-testid="room-timeline">
      <div className="od-rt-row od-rt-head" role="row">
        <div className="od-rt-room od-rt-corner" role="columnheader">
          {t('meetings.rooms.room')}
        </div>
        {dates.map((d, i) => {
          const info = days?.get(d);
          const off = info?.working === false;
          return (
            <button
              type="button"
              key={d}
              role="columnheader"
              className={`od-rt-dayhead${off ? ' od-rt-dayhead-off' : ''}${d === today ? ' od-rt-dayhead-today' : ''}`}
              onClick={() => onOpenDay?.(d)}
            >
              <span>{weekdays[i]}</span> <span>{dayjs(d).format('MM-DD')}</span>
              {info?.name ? <span className="od-rt-dayname">{info.name}</span> : null}
            </button>
          );
        })}
      </div>
      {rooms.map((room) => (
        <div className="od-rt-row" role="row" key={room.id} data-room={room.name}>
          <RoomCell room={room} />
          {dates.map((d) => (
            <Track
              key={d}
              date={d}
              roomId={room.id}
              bookings={bookings}
              compact
              off={days?.get(d)?.working === false}
              nowMinute={d === now.date ? now.minute : null}
              onPickSlot={onPickSlot}
              onOpenBooking={onOpenBooking}
              label={`${room.name} ${d}`}
            />
          ))}
        </div>
      ))}
    </div>
  );
}
