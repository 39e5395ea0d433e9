import { asc, eq } from 'drizzle-orm';
import type { TMinutes, TResolution } from '@opsdesk/contract';
import type { Db, Tx } from '../../db/client.ts';
import { toIso } from '../../platform/calendar/zone.ts';
import { taskStatuses } from '../tasks/create.service.ts';
import { personRef } from './presenters.ts';
import { attendanceOf, timesOf } from './rules.ts';
import { meetingMinutes, meetingResolutions } from './schema.ts';
import { type MeetingAggregate, peopleInfo } from './store.ts';

export type MinutesRow = typeof meetingMinutes.$inferSelect;
export type ResolutionRow = typeof meetingResolutions.$inferSelect;

const iso = (v: string | null) => (v === null ? null : toIso(v));

export async function minutesOf(db: Db | Tx, meetingId: number): Promise<{ row: MinutesRow | null; resolutions: ResolutionRow[] }> {
  const [row] = await db.select().from(meetingMinutes).where(eq(meetingMinutes.meetingId, meetingId));
  const resolutions = await db.select().from(meetingResolutions).where(eq(meetingResolutions.meetingId, meetingId)).orderBy(asc(meetingResolutions.position));
  return { row: row ?? null, resolutions };
}

/** MTG-10: resolutions with the live status of the tasks they became (from the task module). */
export async function presentResolutions(db: Db, rows: ResolutionRow[], now: Date): Promise<TResolution[]> {
  const statuses = await taskStatuses(
    db,
    rows.map((r) => r.taskId).filter((v): v is number => v !== null),
    now,
  );
  const names = await peopleInfo(
    db,
    rows.map((r) => r.ownerId),
  );
  return rows.map((r) => {
    const task = r.taskId === null ? undefined : statuses.get(r.taskId);
    return {
      id: r.id,
      position: r.position,
      content: r.content,
      deliverable: r.deliverable,
      qualityStandard: r.qualityStandard,
      departmentName: r.departmentName,
      owner: personRef(names, r.ownerId),
      dueDate: r.dueDate,
      agendaItemId: r.agendaItemId,
      task: r.taskId !== null && task ? { id: r.taskId, number: task.number, status: task.status } : null,
    };
  });
}

export async function presentMinutes(
  db: Db,
  m: MeetingAggregate,
  minutes: { row: MinutesRow | null; resolutions: ResolutionRow[] },
  deadlines: { dueAt: string; distributeDueAt: string | null },
  now: Date,
): Promise<TMinutes> {
  const row = minutes.row;
  const followUps = row?.followUps ?? [];
  const names = await peopleInfo(db, [...m.names.keys(), ...followUps.flatMap((f) => (f.ownerId === null ? [] : [f.ownerId])), ...(row?.authorId ? [row.authorId] : [])]);
  const times = timesOf(m.row);
  return {
    meetingId: m.row.id,
    status: m.row.minutesStatus,
    items: m.agenda.map((a) => ({
      agendaItemId: a.id,
      title: a.title,
      keyPoints: a.keyPoints,
      disputes: a.disputes,
      decision: a.decision,
      decisionConfirmed: a.decisionConfirmedAt !== null,
      confirmedAt: iso(a.decisionConfirmedAt),
      carryOver: a.carryOver,
      nextDate: a.nextDate,
    })),
    discussion: row?.discussion ?? null,
    resolutions: await presentResolutions(db, minutes.resolutions, now),
    followUps: followUps.map((f) => ({ text: f.text, owner: f.ownerId === null ? null : personRef(names, f.ownerId), dueDate: f.dueDate })),
    absent: m.people
      .filter((p) => p.role === 'participant')
      .flatMap((p) => {
        const status = attendanceOf(times, { signedInAt: p.signedInAt === null ? null : new Date(toIso(p.signedInAt)), onLeave: p.leaveAskedAt !== null }, now);
        return status === 'absent' || status === 'on_leave' ? [{ person: personRef(names, p.personId), onLeave: status === 'on_leave' }] : [];
      }),
    dueAt: deadlines.dueAt,
    submittedAt: iso(row?.submittedAt ?? null),
    approvalId: row?.approvalId ?? null,
    approvedAt: iso(row?.approvedAt ?? null),
    distributeDueAt: deadlines.distributeDueAt,
    distributedAt: iso(row?.distributedAt ?? null),
    author: row?.authorId ? personRef(names, row.authorId) : null,
    updatedAt: iso(row?.updatedAt ?? null),
    version: row?.version ?? 0,
  };
}
