import { useMemo } from 'react';
import { useQueries } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { ZCalendarMonth, type TCalendarMonth } from '@opsdesk/contract';
import { api, withQuery } from '../../api/client.ts';
import { calendarKeys } from '../../api/calendar.ts';
import { companyToday } from '../../lib/time.ts';

type MonthResult = { data?: TCalendarMonth };
/** Stable (module-level), so useQueries keeps the combined value between renders. */
const combine = (results: MonthResult[]) => ({
  ready: results.every((r) => r.data !== undefined),
  days: results.flatMap((r) => r.data?.days ?? []),
});

export interface WorkingDays {
  /** The n-th working day after `from` (its own day not counted, ALL-6); null when outside the loaded months. */
  nthAfter: (from: string, n: number) => string | null;
  /** Working days d with from < d ≤ to; null when outside the loaded months. */
  between: (from: string, to: string) => number | null;
  ready: boolean;
}

/**
 * ALL-6 for hints shown before submit (the 3-working-day limit, "还剩N个工作日"): the server's own
 * calendar (official schedule, 调休, company overrides) for `months` months from `anchor`, counted
 * here. The server still decides: a date it refuses comes back as a field error.
 */
export function useWorkingDays(anchor: string = companyToday(), months = 3): WorkingDays {
  const keys = useMemo(() => {
    const start = dayjs(anchor).startOf('month');
    return Array.from({ length: months }, (_, i) => start.add(i, 'month').format('YYYY-MM'));
  }, [anchor, months]);
  const { ready, days } = useQueries({
    queries: keys.map((month) => ({
      queryKey: calendarKeys.month(month),
      queryFn: () => api(withQuery('/api/calendar/month', { month }), { schema: ZCalendarMonth }),
      staleTime: 5 * 60_000,
    })),
    combine,
  });

  return useMemo(() => {
    const working = new Map<string, boolean>();
    for (const day of days) working.set(day.date, day.working);
    const sorted = [...working.keys()].sort();
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    const inRange = (d: string) => first !== undefined && last !== undefined && d >= first && d <= last;
    return {
      ready,
      nthAfter: (from, n) => {
        if (!inRange(from)) return null;
        let count = 0;
        for (const d of sorted) {
          if (d <= from || !working.get(d)) continue;
          count += 1;
          if (count === n) return d;
        }
        return null;
      },
      between: (from, to) => {
        if (!inRange(from) || !inRange(to)) return null;
        return sorted.filter((d) => d > from && d <= to && working.get(d)).length;
      },
    };
  }, [ready, days]);
}
