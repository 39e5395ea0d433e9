/**
 * ALL-6: calendar days are days in the company time zone, whatever zone the server runs in.
 * (The working-day calendar of Foundation II builds on these.)
 */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - (at.getTime() - at.getMilliseconds());
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
export const toIso = (value: string) =>
  new Date(value.includes('T') ? value : value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
