import { and, eq, inArray, notInArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { isUniqueViolation } from '../../platform/http/db-errors.ts';
import { AppError } from '../../platform/http/errors.ts';
import { meetingAgendaItems, meetingMaterials, meetingPeople, meetingResolutions } from './schema.ts';
import type { AgendaRow, MaterialRow, MeetingPersonRow } from './store.ts';
import type { MeetingInput } from './validate.ts';
import { normalisePeople } from './validate.ts';

/**
 * Saves who is in the meeting: kept rows keep their attendance, leave and notice state; new people
 * are added; people no longer named are removed. Returns the removed participants (for a CANCEL).
 */
export async function replacePeople(tx: Tx, meetingId: number, input: MeetingInput, existing: MeetingPersonRow[], now: Date): Promise<number[]> {
  const { participants, stakeholders } = normalisePeople(input);
  const wanted = new Map<number, 'participant' | 'stakeholder'>([...participants.map((id) => [id, 'participant'] as const), ...stakeholders.map((id) => [id, 'stakeholder'] as const)]);
  const removed = existing.filter((p) => !wanted.has(p.personId));
  if (removed.length) {
    await tx.delete(meetingPeople).where(
      and(
        eq(meetingPeople.meetingId, meetingId),
        inArray(
          meetingPeople.personId,
          removed.map((p) => p.personId),
        ),
      ),
    );
  }
  for (const p of existing) {
    const role = wanted.get(p.personId);
    if (role && role !== p.role) await tx.update(meetingPeople).set({ role }).where(and(eq(meetingPeople.meetingId, meetingId), eq(meetingPeople.personId, p.personId)));
  }
  const known = new Set(existing.map((p) => p.personId));
  const added = [...wanted].filter(([id]) => !known.has(id));
  if (added.length) {
    await tx.insert(meetingPeople).values(added.map(([personId, role]) => ({ meetingId, personId, role, kind: 'invited' as const, addedAt: now.toISOString() })));
  }
  return removed.filter((p) => p.role === 'participant' && p.noticedSequence !== null).map((p) => p.personId);
}

/** Saves the agenda in order: items named by id are kept (their minutes too), new ones added, the rest removed. */
export async function replaceAgenda(tx: Tx, meetingId: number, agenda: MeetingInput['agenda'], existing: AgendaRow[]): Promise<void> {
  const mine = new Set(existing.map((a) => a.id));
  agenda.forEach((a, i) => {
    if (a.id !== undefined && !mine.has(a.id)) throw new AppError('INVALID_REFERENCE', `agenda.${i}.id`);
  });
  const kept = agenda.map((a) => a.id).filter((id): id is number => id !== undefined);
  const gone = existing.filter((a) => !kept.includes(a.id)).map((a) => a.id);
  if (gone.length) {
    await tx.update(meetingResolutions).set({ agendaItemId: null }).where(inArray(meetingResolutions.agendaItemId, gone));
    await tx.delete(meetingAgendaItems).where(inArray(meetingAgendaItems.id, gone));
  }
  for (const [i, a] of agenda.entries()) {
    const values = { position: i + 1, title: a.title, durationMinutes: a.durationMinutes, goal: a.goal, presenterId: a.presenterId, carriedOverFromId: a.carriedOverFromId };
    // MTG-11: a carry-over taken up by another meeting at the same moment loses to the unique index.
    const taken = (err: unknown) => {
      if (isUniqueViolation(err)) throw new AppError('INVALID_REFERENCE', `agenda.${i}.carriedOverFromId`);
      throw err;
    };
    if (a.id !== undefined) await tx.transaction((sp) => sp.update(meetingAgendaItems).set(values).where(eq(meetingAgendaItems.id, a.id!))).catch(taken);
    else await tx.transaction((sp) => sp.insert(meetingAgendaItems).values({ meetingId, ...values })).catch(taken);
  }
}

/** Saves the materials list the same way; an uploaded file stays with its material. */
export async function replaceMaterials(tx: Tx, meetingId: number, materials: MeetingInput['materials'], existing: MaterialRow[]): Promise<void> {
  const mine = new Set(existing.map((m) => m.id));
  materials.forEach((m, i) => {
    if (m.id !== undefined && !mine.has(m.id)) throw new AppError('INVALID_REFERENCE', `materials.${i}.id`);
  });
  const kept = materials.map((m) => m.id).filter((id): id is number => id !== undefined);
  await tx.delete(meetingMaterials).where(and(eq(meetingMaterials.meetingId, meetingId), kept.length ? notInArray(meetingMaterials.id, kept) : undefined));
  for (const [i, m] of materials.entries()) {
    const values = { position: i + 1, title: m.title, ownerId: m.ownerId };
    if (m.id !== undefined) await tx.update(meetingMaterials).set(values).where(eq(meetingMaterials.id, m.id));
    else await tx.insert(meetingMaterials).values({ meetingId, ...values });
  }
}
