import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TCalendarDay } from '@opsdesk/contract';
import { badgeOf, isCompany, KIND_LABEL, weekdayKey, type Badge } from './dayKind.ts';
import './calendar.css';

interface Props {
  days: readonly TCalendarDay[];
  today: string;
  /** Admins get a clickable grid; everyone else reads it. */
  onPick?: (day: TCalendarDay) => void;
}

function CornerBadge({ badge, company }: { badge: Badge; company: boolean }) {
  const { t } = useTranslation();
  if (!badge) return null;
  const cls = `od-cal-badge od-cal-badge-${badge}${company ? ' od-cal-badge-company' : ''}`;
  return (
    <span className={cls} aria-hidden>
      {badge === 'off' ? t('calendar.badgeOff') : t('calendar.badgeWork')}
    </span>
  );
}

/** The words under the day number: the holiday's name, 调休上班, or the company's own name. */
function useDayText() {
  const { t } = useTranslation();
  return (day: TCalendarDay): string | null => {
    switch (day.kind) {
      case 'holiday':
        return day.name;
      case 'makeup':
        return t('calendar.makeupShort');
      case 'company-holiday':
        return day.name ?? t('calendar.companyHolidayShort');
      case 'company-workday':
        return day.name ?? t('calendar.companyWorkdayShort');
      default:
        return null;
    }
  };
}

/** A Chinese wall calendar: Monday first, weekends in red, 休/班 in the corner, holiday names under the date. */
export function MonthGrid({ days, today, onPick }: Props) {
  const { t } = useTranslation();
  const dayText = useDayText();
  const weekdays = t('calendar.weekdays').split(',');

  const describe = (day: TCalendarDay) => {
    const parts = [day.date, t(weekdayKey(day.weekday)), t(KIND_LABEL[day.kind])];
    if (day.name) parts.push(day.name);
    if (day.provisional) parts.push(t('calendar.provisional'));
    return parts.join(' · ');
  };
  const onKey = (event: KeyboardEvent, day: TCalendarDay) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onPick?.(day);
    }
  };

  return (
    <div className="od-cal" role="grid" aria-label={t('calendar.title')}>
      <div className="od-cal-row od-cal-head" role="row">
        {weekdays.map((name, i) => (
          <div key={name} role="columnheader" className={i >= 5 ? 'od-cal-weekend-text' : undefined}>
            {name}
          </div>
        ))}
      </div>
      {[0, 1, 2, 3, 4, 5].map((week) => (
        <div className="od-cal-row" role="row" key={week}>
          {days.slice(week * 7, week * 7 + 7).map((day) => {
            const text = dayText(day);
            const classes = [
              'od-cal-day',
              `od-cal-${day.kind}`,
              day.inMonth ? '' : 'od-cal-outside',
              day.date === today ? 'od-cal-today' : '',
              day.provisional ? 'od-cal-provisional' : '',
              onPick ? 'od-cal-clickable' : '',
            ]
              .filter(Boolean)
              .join(' ');
            return (
              <div
                key={day.date}
                role="gridcell"
                className={classes}
                title={describe(day)}
                aria-label={describe(day)}
                data-date={day.date}
                data-kind={day.kind}
                tabIndex={onPick ? 0 : undefined}
                onClick={onPick ? () => onPick(day) : undefined}
                onKeyDown={onPick ? (e) => onKey(e, day) : undefined}
              >
                <CornerBadge badge={badgeOf(day.kind)} company={isCompany(day.kind)} />
                <span className={`od-cal-num${day.working ? '' : ' od-cal-weekend-text'}`}>{Number(day.date.slice(8))}</span>
                <span className="od-cal-text">{text ?? '\u00a0'}</span>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
