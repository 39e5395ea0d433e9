import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** ALL-6: times are shown in the company's time zone, whatever the browser's. */
export const COMPANY_TZ = 'Asia/Shanghai';
export const DATE_FORMAT = 'YYYY-MM-DD';
export const DATETIME_FORMAT = 'YYYY-MM-DD HH:mm';

/** An instant in the company zone, to the minute: how people read times (timelines, approvals, loans). */
export const formatDateTime = (iso: string): string => dayjs(iso).tz(COMPANY_TZ).format(DATETIME_FORMAT);
/** To the second, where the order of events is the point (the audit log, deliveries, backups). */
export const formatExact = (iso: string): string => dayjs(iso).tz(COMPANY_TZ).format(`${DATETIME_FORMAT}:ss`);
/** A list's "when": a date as it is (a due date has no time), an instant to the minute in the company zone. */
export const formatWhen = (at: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(at) ? at : formatDateTime(at));
export const formatDate = (iso: string): string => dayjs(iso).tz(COMPANY_TZ).format(DATE_FORMAT);
/** Today's date in the company's zone (ALL-6), whatever the browser's. */
export const companyToday = (): string => dayjs().tz(COMPANY_TZ).format(DATE_FORMAT);
/** Hour of day in the company's zone, for greetings. */
export const companyHour = (): number => dayjs().tz(COMPANY_TZ).hour();
