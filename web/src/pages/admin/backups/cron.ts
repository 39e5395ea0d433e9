/** What a plain backup schedule means in words; null for anything less common (then the cron is shown as is). */
export type CronMeaning =
  | { every: 'day'; time: string }
  | { every: 'week'; weekday: number; time: string }
  | { every: 'month'; day: number; time: string };

const num = (s: string | undefined, max: number): number | null =>
  s !== undefined && /^\d+$/.test(s) && Number(s) <= max ? Number(s) : null;

export function describeCron(cron: string): CronMeaning | null {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) return null;
  const [m, h, dom, mon, dow] = parts;
  const minute = num(m, 59);
  const hour = num(h, 23);
  if (minute === null || hour === null || mon !== '*') return null;
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  if (dom === '*' && dow === '*') return { every: 'day', time };
  const weekday = num(dow, 7);
  if (dom === '*' && weekday !== null) return { every: 'week', weekday: weekday % 7, time };
  const day = num(dom, 31);
  if (day !== null && day > 0 && dow === '*') return { every: 'month', day, time };
  return null;
}
