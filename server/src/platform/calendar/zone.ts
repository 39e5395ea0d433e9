/**
 * ALL-6: calendar days are days in the company time zone, whatever zone the server runs in.
 * (The working-day calendar of Foundation II builds on these.)
 */
// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one (~60 µs),
// and every request asks for "today" at least once.
const formats = new Map<string, Intl.DateTimeFormat>();
const formatOf = (timeZone: string): Intl.DateTimeFormat => {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
};

// Offsets change only on the quarter hour (DST and zone changes), so one lookup serves a quarter
// hour: formatToParts is a hot spot when every list row and every request asks for a day.
const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

export function zoneOffsetMs(at: Date, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(at.getTime() / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const parts = formatOf(timeZone).formatToParts(at);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    offset = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - (at.getTime() - at.getMilliseconds());
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The instant a company day (YYYY-MM-DD) begins, `plusDays` later. */
export function startOfDay(date: string, timeZone: string, plusDays = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d + plusDays);
  // The offset at the guess is right except across a DST change; one correction settles it.
  const first = guess - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess - zoneOffsetMs(new Date(first), timeZone));
}

/** A timestamptz as the database prints it ("2026-11-26 09:00:00+00") → ISO 8601 in UTC. */
export function toIso(value: string): string {
  // UTC, the usual case, by hand: this runs for every row of every list (milliseconds truncated, as Date does).
  if (value.length >= 22 && value[10] === ' ' && value.endsWith('+00')) return `${value.slice(0, 10)}T${value.slice(11, 19)}.${`${value.slice(20, -3)}000`.slice(0, 3)}Z`;
  return new Date(value.includes('T') ? value : value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
}

/** The company date (YYYY-MM-DD) of an instant: UTC arithmetic only, never the server's zone. */
export function dateInZone(at: Date, timeZone: string): string {
  return new Date(at.getTime() + zoneOffsetMs(at, timeZone)).toISOString().slice(0, 10);
}

/** An instant as company wall-clock time: its date and the milliseconds since that day's midnight. */
export function wallClock(at: Date, timeZone: string): { date: string; ms: number } {
  const local = at.getTime() + zoneOffsetMs(at, timeZone);
  const ms = ((local % 86_400_000) + 86_400_000) % 86_400_000;
  return { date: new Date(local - ms).toISOString().slice(0, 10), ms };
}

/** The instant at `ms` milliseconds past midnight of a company day (e.g. 18:00 = 64_800_000). */
export function atWallClock(date: string, ms: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d) + ms;
  const first = guess - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess - zoneOffsetMs(new Date(first), timeZone));
}
