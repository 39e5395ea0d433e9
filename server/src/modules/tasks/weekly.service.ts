import { type SQL, and, asc, count, eq, inArray, ne, or, sql } from 'drizzle-orm';
import {
  type TLocale,
  type TTaskWeeklyItem,
  type TTaskWeeklyItemPage,
  type TTaskWeeklyReport,
  type TTaskWeeklySection,
  WEEKLY_SECTIONS,
  type ZTaskWeeklyExportQuery,
  type ZTaskWeeklyItemsQuery,
  type ZTaskWeeklyQuery,
} from '@opsdesk/contract';
import type { z } from 'zod';
import { resolveScope, subtreeOf } from '../../platform/access/scope.ts';
import { startOfDay, toIso } from '../../platform/calendar/zone.ts';
import type { ExportOptions } from '../../platform/export/export.ts';
import type { AuthedCtx } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { departments, people } from '../org/schema.ts';
import { oversees } from './policy.ts';
import { dayOf } from './queries.service.ts';
import { displayStatus, overdueDays, weekOf } from './rules.ts';
import { tasks } from './schema.ts';
import { taskTimeZone } from './settings.ts';
import { type TaskDay, atRiskSql, overdueSql } from './sql.ts';
import { invalid } from './store.ts';

/** Who the report is about and the week it covers, once the caller may read it. */
interface Weekly {
  subject: TTaskWeeklyReport['subject'];
  /** The people listed even without a task (a department's active members, in 工号 order). */
  owners: { id: number; name: string }[];
  /** The subject's tasks: the department with its sub-departments, or the person as owner. */
  where: SQL;
  day: TaskDay;
  week: { from: string; to: string };
  /** The week as instants in the company zone: [from, to). */
  from: string;
  to: string;
}

/**
 * TSK-10 每周例会同步 for one person (their tasks as owner) or one department (with
 * sub-departments). Statuses are as of today. Staff see their own; heads and division leaders the
 * people and departments they oversee; the general manager everyone (ALL-7).
 */
async function weeklyOf(ctx: AuthedCtx, query: z.output<typeof ZTaskWeeklyQuery>): Promise<Weekly> {
  if (query.personId && query.departmentId) throw invalid('departmentId');
  const [scope, day] = await Promise.all([resolveScope(ctx.db, ctx.actor), dayOf(ctx)]);
  const week = weekOf(query.week ?? day.today);
  const timeZone = taskTimeZone();
  const range = { day, week, from: startOfDay(week.from, timeZone).toISOString(), to: startOfDay(week.to, timeZone, 1).toISOString() };
  if (query.departmentId) {
    const [dept] = await ctx.db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.id, query.departmentId));
    if (!dept) throw new AppError('NOT_FOUND');
    if (!oversees(scope, { departmentId: dept.id })) throw new AppError('FORBIDDEN');
    const ids = await subtreeOf(ctx.db, dept.id);
    const owners = await ctx.db
      .select({ id: people.id, name: people.name })
      .from(people)
      .where(and(inArray(people.departmentId, ids), eq(people.active, true)))
      .orderBy(asc(people.employeeNo), asc(people.id));
    return { ...range, subject: { kind: 'department', id: dept.id, name: dept.name }, owners, where: inArray(tasks.departmentId, ids) };
  }
  const personId = query.personId ?? ctx.actor.id;
  const [person] = await ctx.db.select({ id: people.id, name: people.name, departmentId: people.departmentId }).from(people).where(eq(people.id, personId));
  if (!person) throw new AppError('NOT_FOUND');
  if (person.id !== ctx.actor.id && !oversees(scope, person)) throw new AppError('FORBIDDEN');
  return { ...range, subject: { kind: 'person', id: person.id, name: person.name }, owners: [{ id: person.id, name: person.name }], where: eq(tasks.ownerId, person.id) };
}

/**
 * TSK-10's sections as SQL, so they are counted and paged in the database: accepted within the
 * week; open and not late — a task planned for a later week only once its owner has started it;
 * 延期 (TSK-4); at risk (TSK-8, a part of the open ones).
 */
function sectionSql(section: TTaskWeeklySection, w: Weekly): SQL {
  const open = sql`(${tasks.status} <> 'done' and ${tasks.dueDate} >= ${w.day.today}::date and (${tasks.startDate} <= ${w.week.to}::date or ${tasks.status} <> 'not_started'))`;
  if (section === 'done') return sql`(${tasks.status} = 'done' and ${tasks.doneAt} >= ${w.from} and ${tasks.doneAt} < ${w.to})`;
  if (section === 'overdue') return overdueSql(w.day);
  return section === 'inProgress' ? open : sql`(${open} and ${atRiskSql(w.day)})`;
}

/** Open tasks (partial indexes) or accepted within the week: what any section may hold. */
const inWeek = (w: Weekly) => and(w.where, or(ne(tasks.status, 'done'), sectionSql('done', w)));

/** `GET /api/tasks/weekly-report`: the counts per section and per person, in one grouped scan. */
export async function weeklyReport(ctx: AuthedCtx, query: z.output<typeof ZTaskWeeklyQuery>): Promise<TTaskWeeklyReport> {
  const w = await weeklyOf(ctx, query);
  const of = (section: TTaskWeeklySection) => sql<number>`count(*) filter (where ${sectionSql(section, w)})`.mapWith(Number);
  const rows = await ctx.db
    .select({ id: tasks.ownerId, name: people.name, done: of('done'), inProgress: of('inProgress'), overdue: of('overdue'), atRisk: of('atRisk') })
    .from(tasks)
    .innerJoin(people, eq(people.id, tasks.ownerId))
    .where(inWeek(w))
    .groupBy(tasks.ownerId, people.name)
    .orderBy(asc(tasks.ownerId));
  const byOwner = new Map(rows.map((r) => [r.id, r]));
  const none = { done: 0, inProgress: 0, overdue: 0, atRisk: 0 };
  // Members first in 工号 order, then owners from elsewhere whose tasks the department holds.
  const listed = new Set(w.owners.map((o) => o.id));
  const peopleRows = [...w.owners, ...rows.filter((r) => !listed.has(r.id))].map(({ id, name }) => {
    const { done, inProgress, overdue, atRisk } = byOwner.get(id) ?? none;
    return { person: { id, name }, done, inProgress, overdue, atRisk };
  });
  const totals = { ...none };
  for (const r of rows) for (const key of WEEKLY_SECTIONS) totals[key] += r[key];
  return { from: w.week.from, to: w.week.to, subject: w.subject, totals, people: peopleRows };
}

/** One section's tasks, oldest due date first (so 延期 runs from the most days late), paged or whole. */
async function sectionItems(ctx: AuthedCtx, w: Weekly, section: TTaskWeeklySection, ownerId: number | undefined, page?: { limit: number; offset: number }) {
  const where = and(inWeek(w), sectionSql(section, w), ownerId === undefined ? undefined : eq(tasks.ownerId, ownerId));
  const select = ctx.db
    .select({
      total: sql<number>`count(*) over ()`.mapWith(Number),
      id: tasks.id,
      number: tasks.number,
      name: tasks.name,
      ownerId: tasks.ownerId,
      ownerName: people.name,
      dueDate: tasks.dueDate,
      progress: tasks.progress,
      stage: tasks.stage,
      status: tasks.status,
      delayReason: tasks.delayReason,
      doneAt: tasks.doneAt,
    })
    .from(tasks)
    .innerJoin(people, eq(people.id, tasks.ownerId))
    .where(where)
    .orderBy(asc(tasks.dueDate), asc(tasks.id));
  const rows = page ? await select.limit(page.limit).offset(page.offset) : await select;
  const today = w.day.today;
  const items = rows.map(
    (r): TTaskWeeklyItem => ({
      id: r.id,
      number: r.number,
      name: r.name,
      owner: { id: r.ownerId, name: r.ownerName },
      dueDate: r.dueDate,
      progress: r.progress,
      stage: r.stage,
      status: displayStatus(r, today),
      overdueDays: overdueDays(r, today),
      delayReason: r.delayReason,
      doneAt: r.doneAt === null ? null : toIso(r.doneAt),
    }),
  );
  // A page past the end has no row to carry the total.
  const total = rows[0]?.total ?? (page?.offset ? ((await ctx.db.select({ n: count() }).from(tasks).where(where))[0]?.n ?? 0) : 0);
  return { items, total };
}

/** `GET /api/tasks/weekly-report/items`: a page of one section, optionally of one person. */
export async function weeklyItems(ctx: AuthedCtx, query: z.output<typeof ZTaskWeeklyItemsQuery>): Promise<TTaskWeeklyItemPage> {
  const w = await weeklyOf(ctx, query);
  const { items, total } = await sectionItems(ctx, w, query.section, query.ownerId, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items, total, page: query.page, pageSize: query.pageSize };
}

const SECTIONS: Record<TTaskWeeklySection, Record<TLocale, string>> = {
  done: { 'zh-CN': '本周完成', 'en-US': 'Done this week' },
  inProgress: { 'zh-CN': '进行中', 'en-US': 'In progress' },
  overdue: { 'zh-CN': '延期', 'en-US': 'Overdue' },
  atRisk: { 'zh-CN': '延期风险', 'en-US': 'At risk' },
};

const STATUS_WORDS: Record<TTaskWeeklyItem['status'], Record<TLocale, string>> = {
  not_started: { 'zh-CN': '未开始', 'en-US': 'Not started' },
  in_progress: { 'zh-CN': '进行中', 'en-US': 'In progress' },
  awaiting_acceptance: { 'zh-CN': '待验收', 'en-US': 'Awaiting acceptance' },
  done: { 'zh-CN': '已完成', 'en-US': 'Done' },
  overdue: { 'zh-CN': '延期', 'en-US': 'Overdue' },
};

type Line = TTaskWeeklyItem & { section: TTaskWeeklySection };

/** TSK-10 export: one sheet, a section column, then the 任务跟踪表's own words. */
export async function exportWeekly(ctx: AuthedCtx, query: z.output<typeof ZTaskWeeklyExportQuery>): Promise<ExportOptions<Line>> {
  const w = await weeklyOf(ctx, query);
  const zh = ctx.locale === 'zh-CN';
  async function* rows() {
    for (const section of WEEKLY_SECTIONS) for (const item of (await sectionItems(ctx, w, section, undefined)).items) yield { ...item, section };
  }
  return {
    format: query.format,
    filename: `${zh ? '任务周报' : 'weekly-task-report'}-${w.subject.name}-${w.week.from.replaceAll('-', '')}`,
    sheetName: zh ? '任务周报' : 'Weekly report',
    timeZone: taskTimeZone(),
    rows: rows(),
    columns: [
      { header: zh ? '分类' : 'Section', value: (l) => SECTIONS[l.section][ctx.locale], width: 12 },
      { header: zh ? '任务编号' : 'Number', value: (l) => l.number, width: 14 },
      { header: zh ? '任务名称' : 'Task', value: (l) => l.name, width: 30 },
      { header: zh ? '负责人' : 'Owner', value: (l) => l.owner.name, width: 10 },
      { header: zh ? '截止时间' : 'Due date', value: (l) => l.dueDate, type: 'date', width: 12 },
      { header: zh ? '当前进度(%/阶段)' : 'Progress (%/stage)', value: (l) => `${l.progress}%${l.stage ? `(${l.stage})` : ''}`, width: 24 },
      { header: zh ? '完成状态' : 'Status', value: (l) => STATUS_WORDS[l.status][ctx.locale], width: 10 },
      { header: zh ? '延期天数' : 'Days overdue', value: (l) => (l.overdueDays ? l.overdueDays : null), width: 10 },
      { header: zh ? '延期原因' : 'Delay reason', value: (l) => l.delayReason, width: 30 },
    ],
  };
}
