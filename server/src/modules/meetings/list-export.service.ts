import { type SQL, and, asc, inArray, sql } from 'drizzle-orm';
import type { TMeetingStatus, TMinutesStatus, ZMeetingExportQuery } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { ExportOptions } from '../../platform/export/export.ts';
import { dayOf } from '../../platform/export/format.ts';
import type { AuthedCtx } from '../../platform/http/context.ts';
import { NOTICE_LABELS, type NoticeFacts, noticeValues } from './export.service.ts';
import { type MeetingFilters, meetingOrder, meetingWhere } from './list.service.ts';
import { meetingAgendaItems, meetingMaterials, meetingPeople, meetingRooms, meetings } from './schema.ts';
import { type MeetingRow, type MeetingsEnv, peopleInfo } from './store.ts';

const SHEET_TITLE = '会议通知表';

const STATUS_WORDS: Record<TMeetingStatus, string> = { draft: '筹备中', notified: '已通知', cancelled: '已取消' };
const MINUTES_WORDS: Record<TMinutesStatus, string> = {
  none: '未记录',
  draft: '纪要记录中',
  in_review: '主持人审核中',
  returned: '退回修改',
  approved: '已审核待分发',
  distributed: '纪要已分发',
};

/** Rows after `last` in the list's order (keyset: starts_at, then id). */
function after(sort: MeetingFilters['sort'], last: MeetingRow | null): SQL | undefined {
  if (!last) return undefined;
  const key = sql`(${meetings.startsAt}, ${meetings.id})`;
  const at = sql`(${last.startsAt}::timestamptz, ${last.id})`;
  return sort === 'startsAt' ? sql`${key} > ${at}` : sql`${key} < ${at}`;
}

/** What the 会议通知表 shows of a page of meetings, in five queries for the page, not per meeting. */
async function noticeFactsOf(db: Db, rows: MeetingRow[]): Promise<NoticeFacts[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const roomIds = [...new Set(rows.map((r) => r.roomId).filter((v): v is number => v !== null))];
  const [rooms, ppl, agenda, materials] = await Promise.all([
    roomIds.length
      ? db.select({ id: meetingRooms.id, name: meetingRooms.name, capacity: meetingRooms.capacity, location: meetingRooms.location }).from(meetingRooms).where(inArray(meetingRooms.id, roomIds))
      : [],
    db.select().from(meetingPeople).where(inArray(meetingPeople.meetingId, ids)).orderBy(asc(meetingPeople.addedAt), asc(meetingPeople.personId)),
    db.select().from(meetingAgendaItems).where(inArray(meetingAgendaItems.meetingId, ids)).orderBy(asc(meetingAgendaItems.position)),
    db
      .select({ meetingId: meetingMaterials.meetingId, title: meetingMaterials.title, ownerId: meetingMaterials.ownerId })
      .from(meetingMaterials)
      .where(inArray(meetingMaterials.meetingId, ids))
      .orderBy(asc(meetingMaterials.position)),
  ]);
  const names = await peopleInfo(db, [
    ...rows.flatMap((r) => [r.hostId, r.minuteTakerId, r.contactId]),
    ...ppl.map((p) => p.personId),
    ...materials.map((m) => m.ownerId),
  ]);
  return rows.map((row) => ({
    row,
    room: rooms.find((r) => r.id === row.roomId) ?? null,
    people: ppl.filter((p) => p.meetingId === row.id),
    agenda: agenda.filter((a) => a.meetingId === row.id),
    materials: materials.filter((m) => m.meetingId === row.id),
    names,
  }));
}

interface Line {
  values: string[];
  row: MeetingRow;
}

const WIDTHS = [28, 22, 24, 30, 10, 10, 40, 30, 20];

/**
 * `GET /api/meetings/export`: the meeting list with the list's scope, filters and order (ALL-7:
 * only what the caller may see), one 会议通知表 per row, then its goal, its status and its minutes' status.
 * Read in keyset pages (200 meetings), each page's people, agenda and materials in one go.
 */
export async function exportMeetings(
  ctx: AuthedCtx,
  env: Pick<MeetingsEnv, 'timeZone'>,
  query: z.output<typeof ZMeetingExportQuery>,
  pageSize = 200,
): Promise<ExportOptions<Line>> {
  const where = await meetingWhere(ctx, env, query);
  async function* lines(): AsyncGenerator<Line> {
    let last: MeetingRow | null = null;
    for (;;) {
      const rows = await ctx.db
        .select()
        .from(meetings)
        .where(and(where, after(query.sort, last)))
        .orderBy(...meetingOrder(query.sort))
        .limit(pageSize);
      for (const facts of await noticeFactsOf(ctx.db, rows)) yield { values: noticeValues(facts, env.timeZone), row: facts.row };
      if (rows.length < pageSize) return;
      last = rows.at(-1)!;
    }
  }
  return {
    format: query.format,
    filename: `${SHEET_TITLE}-${dayOf(ctx.now, env.timeZone).replace(/-/g, '')}`,
    sheetName: SHEET_TITLE,
    timeZone: env.timeZone,
    rows: lines(),
    columns: [
      ...NOTICE_LABELS.map((header, i) => ({ header, value: (l: Line) => l.values[i]!, width: WIDTHS[i] })),
      // MTG-1's goal, which the template has no column for: the import reads it here (io.rules.ts).
      { header: '会议目标', value: (l: Line) => l.row.goal, width: 30 },
      { header: '状态', value: (l: Line) => STATUS_WORDS[l.row.status], width: 10 },
      { header: '纪要状态', value: (l: Line) => MINUTES_WORDS[l.row.minutesStatus], width: 14 },
    ],
  };
}
