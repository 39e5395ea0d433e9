import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TMeetingCheckInput, TMeetingDetail, TMeetingInput } from '@opsdesk/contract';
import { isApiError } from '../../api/client.ts';
import { companyTime, inCompany } from './when.ts';

export interface AgendaRow {
  id?: number;
  title?: string;
  durationMinutes?: number;
  goal?: string | null;
  presenterId?: number | null;
  carriedOverFromId?: number | null;
  /** Shown only: where a carried-over item came from. */
  carriedOverLabel?: string;
}

export interface MaterialRow {
  id?: number;
  title?: string;
  ownerId?: number | null;
}

export interface MeetingFormValues {
  topic?: string;
  goal?: string;
  remarks?: string | null;
  date?: Dayjs;
  time?: [Dayjs, Dayjs];
  roomId?: number | null;
  onlineLink?: string | null;
  onlineNumber?: string | null;
  hostId?: number | null;
  minuteTakerId?: number | null;
  contactId?: number | null;
  contactPhone?: string | null;
  participantIds?: number[];
  stakeholderIds?: number[];
  agenda?: AgendaRow[];
  agendaReason?: string | null;
  materials?: MaterialRow[];
  weekly?: boolean;
  count?: number;
}

/** The form's date + time range as the two instants the API takes (company zone, ALL-6). */
export function instants(v: Pick<MeetingFormValues, 'date' | 'time'>): { startsAt: string; endsAt: string } | null {
  if (!v.date || !v.time?.[0] || !v.time[1]) return null;
  const date = v.date.format('YYYY-MM-DD');
  return {
    startsAt: companyTime(date, v.time[0].format('HH:mm')).toISOString(),
    endsAt: companyTime(date, v.time[1].format('HH:mm')).toISOString(),
  };
}

const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/** The whole input for a save; the server validates it (ALL-5), this only reshapes. */
export function toInput(v: MeetingFormValues): TMeetingInput {
  const when = instants(v);
  return {
    topic: v.topic?.trim() ?? '',
    goal: v.goal?.trim() ?? '',
    startsAt: when?.startsAt ?? '',
    endsAt: when?.endsAt ?? '',
    roomId: v.roomId ?? null,
    onlineLink: text(v.onlineLink),
    onlineNumber: text(v.onlineNumber),
    hostId: v.hostId ?? 0,
    minuteTakerId: v.minuteTakerId ?? 0,
    contactId: v.contactId ?? 0,
    contactPhone: text(v.contactPhone),
    participantIds: v.participantIds ?? [],
    stakeholderIds: v.stakeholderIds ?? [],
    agenda: (v.agenda ?? []).map((a) => ({
      id: a.id,
      title: a.title?.trim() ?? '',
      durationMinutes: a.durationMinutes ?? 0,
      goal: text(a.goal),
      presenterId: a.presenterId ?? null,
      carriedOverFromId: a.carriedOverFromId ?? null,
    })),
    agendaReason: text(v.agendaReason),
    materials: (v.materials ?? []).filter((m) => m.title?.trim()).map((m) => ({ id: m.id, title: m.title?.trim() ?? '', ownerId: m.ownerId ?? 0 })),
    remarks: text(v.remarks),
  };
}

/** What is filled in so far, for the rule check while typing (MTG-2/4): incomplete parts are left out. */
export function toCheck(v: MeetingFormValues, meetingId?: number): TMeetingCheckInput {
  const when = instants(v);
  const agenda = (v.agenda ?? []).filter((a) => a.title?.trim() && a.durationMinutes && a.durationMinutes > 0);
  return {
    meetingId,
    ...(when ?? {}),
    roomId: v.roomId ?? null,
    participantIds: v.participantIds?.length ? v.participantIds : undefined,
    agenda: agenda.length
      ? agenda.map((a) => ({ id: a.id, title: a.title?.trim() ?? '', durationMinutes: a.durationMinutes ?? 0, carriedOverFromId: a.carriedOverFromId ?? null }))
      : undefined,
    agendaReason: text(v.agendaReason),
  };
}

/** An existing meeting as form values (participants: those invited, not delegates). */
export function fromDetail(m: TMeetingDetail): MeetingFormValues {
  const start = inCompany(m.startsAt);
  const end = inCompany(m.endsAt);
  // Plain (zone-less) dayjs values with the company's wall time, which the pickers show as is.
  const wall = (d: Dayjs) => dayjs(d.format('YYYY-MM-DD HH:mm'));
  return {
    topic: m.topic,
    goal: m.goal,
    remarks: m.remarks,
    date: dayjs(start.format('YYYY-MM-DD')),
    time: [wall(start), wall(end)],
    roomId: m.room?.id ?? null,
    onlineLink: m.onlineLink,
    onlineNumber: m.onlineNumber,
    hostId: m.host.id,
    minuteTakerId: m.minuteTaker.id,
    contactId: m.contact.id,
    contactPhone: m.contactPhone,
    participantIds: m.participants.filter((p) => p.kind === 'invited').map((p) => p.person.id),
    stakeholderIds: m.stakeholders.map((p) => p.id),
    agenda: m.agenda.map((a) => ({
      id: a.id,
      title: a.title,
      durationMinutes: a.durationMinutes,
      goal: a.goal,
      presenterId: a.presenter?.id ?? null,
      carriedOverFromId: a.carriedOverFrom?.agendaItemId ?? null,
      carriedOverLabel: a.carriedOverFrom ? a.carriedOverFrom.topic : undefined,
    })),
    agendaReason: m.agendaReason,
    materials: m.materials.map((x) => ({ id: x.id, title: x.title, ownerId: x.owner.id })),
  };
}

/** Field names the server uses → the form's names (the two instants live in date + time). */
const ALIAS: Record<string, string> = { startsAt: 'time', endsAt: 'time' };

/**
 * ALL-5: the server's field errors under their fields, nested ones too ("agenda.1.title" → the
 * second item's title). Returns true when at least one landed, so the caller can skip the toast.
 */
export function applyNestedErrors(form: FormInstance, err: unknown, known: readonly string[]): boolean {
  if (!isApiError(err)) return false;
  const entries = err.fields.length > 0 ? err.fields : err.field ? [{ field: err.field, message: err.message }] : [];
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const { field, message } of entries) {
    const parts: (string | number)[] = field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const head = String(parts[0]);
    parts[0] = ALIAS[head] ?? head;
    if (!known.includes(String(parts[0]))) continue;
    // A list-level error ("agenda") or a field of a row ("agenda.0.title"); deeper paths stop at the row's field.
    const name = parts.slice(0, 3);
    const key = name.join('.');
    const entry = byName.get(key) ?? { name, errors: [] };
    entry.errors.push(message);
    byName.set(key, entry);
  }
  if (byName.size === 0) return false;
  form.setFields([...byName.values()].map(({ name, errors }) => ({ name, errors })));
  return true;
}
