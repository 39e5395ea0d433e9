import { type Placeholder, type SQL, and, asc, eq, inArray, sql } from 'drizzle-orm';
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
import type { Db } from '../../db/client.ts';
import { keptWithTree, orgTree, withDescendants } from '../../platform/access/org-tree.ts';
import { resolveScope } from '../../platform/access/scope.ts';
import { startOfDay, toIso } from '../../platform/calendar/zone.ts';
import type { ExportOptions } from '../../platform/export/export.ts';
import type { AuthedCtx } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { people } from '../org/schema.ts';
import { oversees } from './policy.ts';
import { dayOf } from './queries.service.ts';
import { displayStatus, overdueDays, weekOf } from './rules.ts';
import { tasks } from './schema.ts';
import { taskTimeZone } from './settings.ts';
import { type Bind, type SqlDay, type TaskDay, type TaskOrdinals, arrayOrdinals, atRiskSql, ordinalsCte, overdueSql, workingDaysLeftSql } from './sql.ts';
import { STATUS_WORDS } from './workbench.section.ts';
import { workingDays } from './presenters.ts';
import { prepareKept } from '../../db/prepared.ts';
import { DAY_PLACEHOLDERS, binder, keptByShape, pageOfTasks } from './statements.ts';
import { invalid, peopleById } from './store.ts';

/** Who the report is about and the week it covers, once the caller may read it. */
interface Weekly {
  subject: TTaskWeeklyReport['subject'];
  /** A department report: the department with its sub-departments. */
  departmentIds: number[];
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
  if (query.departmentId) return departmentWeekly(ctx, query.departmentId, query.week);
  const [scope, day] = await Promise.all([resolveScope(ctx.db, ctx.actor), dayOf(ctx)]);
  const personId = query.personId ?? ctx.actor.id;
  const [person] = await ctx.db.select({ id: people.id, name: people.name, departmentId: people.departmentId }).from(people).where(eq(people.id, personId));
  if (!person) throw new AppError('NOT_FOUND');
  if (person.id !== ctx.actor.id && !oversees(scope, person)) throw new AppError('FORBIDDEN');
  return { ...rangeOf(day, query.week), subject: { kind: 'person', id: person.id, name: person.name }, departmentIds: [] };
}

function rangeOf(day: TaskDay, asked: string | undefined) {
  const week = weekOf(asked ?? day.today);
  const timeZone = taskTimeZone();
  return { day, week, from: startOfDay(week.from, timeZone).toISOString(), to: startOfDay(week.to, timeZone, 1).toISOString() };
}

/**
 * Department reports, kept with the org tree: one follows from the department, the week, the day
 * (its TSK-8 limits come from the calendar) and who asks (id and roles: the scope), and the screen
 * asks for it again with every section and page (issue 5's bench). A refusal is not kept.
 */
const departmentReports = keptWithTree<Weekly>();

async function departmentWeekly(ctx: AuthedCtx, departmentId: number, asked: string | undefined): Promise<Weekly> {
  // The cached department tree (org-tree.ts) answers without a round trip.
  const [tree, day] = await Promise.all([orgTree(ctx.db), dayOf(ctx)]);
  const key = JSON.stringify([ctx.actor.id, ctx.actor.roles, departmentId, asked ?? null, day]);
  return departmentReports(tree, key, async () => {
    const name = tree.names.get(departmentId);
    if (name === undefined) throw new AppError('NOT_FOUND');
    if (!oversees(await resolveScope(ctx.db, ctx.actor), { departmentId })) throw new AppError('FORBIDDEN');
    return { ...rangeOf(day, asked), subject: { kind: 'department', id: departmentId, name }, departmentIds: withDescendants(tree, [departmentId]) };
  });
}

/** A report's values as its statements take them: bound as placeholders, so each statement is built once per shape (statements.ts). */
interface WeeklySql {
  /** The subject's tasks: the department with its sub-departments, or the person as owner. */
  where: SQL;
  day: SqlDay;
  from: string | Placeholder;
  to: string | Placeholder;
  weekTo: string | Placeholder;
}

function weeklySql(w: Weekly, bind: Bind): WeeklySql {
  const where = w.subject.kind === 'department' ? inArray(tasks.departmentId, w.departmentIds.map(bind)) : eq(tasks.ownerId, bind(w.subject.id));
  return { where, day: DAY_PLACEHOLDERS, from: bind(w.from), to: bind(w.to), weekTo: bind(w.week.to) };
}

/** Every value is bound, in one order: the text of a report's statements follows from its subject's kind and size. */
const shapeOf = (w: Weekly) => `${w.subject.kind}:${w.departmentIds.length}`;

/** A report's statements with the values they run with, kept with the report (department reports are kept, above). */
const statementsOf = new WeakMap<Weekly, Map<string, unknown>>();
function keptFor<T>(w: Weekly, key: string, make: () => T): T {
  let kept = statementsOf.get(w);
  if (!kept) statementsOf.set(w, (kept = new Map()));
  if (!kept.has(key)) kept.set(key, make());
  return kept.get(key) as T;
}

/**
 * TSK-10's sections as SQL, so they are counted and paged in the database: accepted within the
 * week; open and not late — a task planned for a later week only once its owner has started it;
 * 延期 (TSK-4); at risk (TSK-8, a part of the open ones).
 */
function sectionSql(section: TTaskWeeklySection, q: WeeklySql, ordinals?: TaskOrdinals): SQL {
  const open = sql`(${tasks.status} <> 'done' and ${tasks.dueDate} >= ${q.day.today}::date and (${tasks.startDate} <= ${q.weekTo}::date or ${tasks.status} <> 'not_started'))`;
  if (section === 'done') return sql`(${tasks.status} = 'done' and ${tasks.doneAt} >= ${q.from} and ${tasks.doneAt} < ${q.to})`;
  if (section === 'overdue') return overdueSql(q.day);
  return section === 'inProgress' ? open : sql`(${open} and ${atRiskSql(q.day, ordinals)})`;
}

/**
 * `GET /api/tasks/weekly-report`: the counts per section and per person. Open tasks and those
 * accepted this week are read as two index scans (each covered by its partial index, schema.ts)
 * and grouped once.
 */
export async function weeklyReport(ctx: AuthedCtx, query: z.output<typeof ZTaskWeeklyQuery>): Promise<TTaskWeeklyReport> {
  const w = await weeklyOf(ctx, query);
  const { statement, values } = keptFor(w, 'counts', () => {
    const { bind, values } = binder();
    const q = weeklySql(w, bind);
    return { statement: keptByShape(ctx.db, `tasks.weekly.counts:${shapeOf(w)}`, () => buildCounts(ctx.db, q)), values };
  });
  const [rows, owners] = await Promise.all([
    statement.execute({ ...values, ...w.day }),
    // Everyone in the department is listed, with a task or not, in 工号 order.
    w.subject.kind === 'department' ? members(ctx.db, w) : [{ id: w.subject.id, name: w.subject.name }],
  ]);
  const byOwner = new Map(rows.map((r) => [r.id, r]));
  const none = { done: 0, inProgress: 0, overdue: 0, atRisk: 0 };
  // Members first, then owners from elsewhere whose tasks the department holds (rare: named here).
  const listed = new Set(owners.map((o) => o.id));
  const outside = rows.filter((r) => !listed.has(r.id)).map((r) => r.id);
  // peopleById sends nothing for no ids; an owner is always a person (tasks.owner_id references people).
  const outsiders = await peopleById(ctx.db, outside);
  const peopleRows = [...owners, ...outside.map((id) => ({ id, name: outsiders.get(id)!.name }))].map(({ id, name }) => {
    const { done, inProgress, overdue, atRisk } = byOwner.get(id) ?? none;
    return { person: { id, name }, done, inProgress, overdue, atRisk };
  });
  const totals = { ...none };
  for (const r of rows) for (const key of WEEKLY_SECTIONS) totals[key] += r[key];
  return { from: w.week.from, to: w.week.to, subject: w.subject, totals, people: peopleRows };
}

/** The department's active members, by a statement kept per number of departments. */
function members(db: Db, w: Weekly) {
  const { statement, values } = keptFor(w, 'members', () => {
    const { bind, values } = binder();
    const where = and(inArray(people.departmentId, w.departmentIds.map(bind)), sql`${people.active}`);
    const statement = keptByShape(db, `tasks.weekly.members:${w.departmentIds.length}`, () =>
      prepareKept(db.select({ id: people.id, name: people.name }).from(people).where(where).orderBy(asc(people.employeeNo), asc(people.id))),
    );
    return { statement, values };
  });
  return statement.execute(values);
}

function buildCounts(db: Db, q: WeeklySql) {
  const flag = (name: string, value: SQL) => sql<boolean>`${value}`.as(name);
  const open = db
    .select({
      ownerId: tasks.ownerId,
      done: flag('done', sql`false`),
      inProgress: flag('in_progress', sectionSql('inProgress', q)),
      overdue: flag('overdue', sectionSql('overdue', q)),
      atRisk: flag('at_risk', sectionSql('atRisk', q, arrayOrdinals)),
    })
    .from(ordinalsCte)
    .crossJoin(tasks)
    .where(and(q.where, sql`${tasks.status} <> 'done'`));
  const done = db
    .select({ ownerId: tasks.ownerId, done: flag('done', sql`true`), inProgress: flag('in_progress', sql`false`), overdue: flag('overdue', sql`false`), atRisk: flag('at_risk', sql`false`) })
    .from(tasks)
    .where(and(q.where, sectionSql('done', q)));
  const x = open.unionAll(done).as('x');
  const of = (column: SQL.Aliased<boolean>) => sql<number>`count(*) filter (where ${column})`.mapWith(Number);
  // Grouped by owner only: the names come with the department's member list.
  return prepareKept(
    db
      .with(ordinalsCte)
      .select({ id: x.ownerId, done: of(x.done), inProgress: of(x.inProgress), overdue: of(x.overdue), atRisk: of(x.atRisk) })
      .from(x)
      .groupBy(x.ownerId)
      .orderBy(asc(x.ownerId)),
  );
}

/**
 * One section's tasks, oldest due date first (so 延期 runs from the most days late): a page, or
 * every one (`limit` null, the export). As the list does: the page's ids and the total come from
 * the index alone, then only those rows are read.
 */
async function sectionItems(
  ctx: AuthedCtx,
  w: Weekly,
  section: TTaskWeeklySection,
  ownerId: number | undefined,
  limit: number | null,
  offset: number,
): Promise<{ items: TTaskWeeklyItem[]; total: number }> {
  const { statement, values } = keptFor(w, `items:${section}:${ownerId ?? 'all'}`, () => {
    const { bind, values } = binder();
    const q = weeklySql(w, bind);
    const where = and(q.where, sectionSql(section, q), ownerId === undefined ? undefined : eq(tasks.ownerId, bind(ownerId)));
    return { statement: keptByShape(ctx.db, `tasks.weekly.items:${shapeOf(w)}:${section}:${ownerId === undefined ? 'all' : 'one'}`, () => buildItems(ctx.db, where)), values };
  });
  const rows = await statement.execute({ ...values, ...w.day, limit, offset });
  const today = w.day.today;
  const items = rows.map(
    (r): TTaskWeeklyItem => ({
      id: r.id,
      number: r.number,
      name: r.name,
      owner: { id: r.ownerId, name: r.ownerName },
      dueDate: r.dueDate,
      ...workingDays(r.workingDaysLeft, r.dueDate, w.day),
      progress: r.progress,
      stage: r.stage,
      status: displayStatus(r, today),
      overdueDays: overdueDays(r, today),
      delayReason: r.delayReason,
      doneAt: r.doneAt === null ? null : toIso(r.doneAt),
    }),
  );
  // A page past the end has no row to carry the total.
  const total: number = rows[0]?.total ?? (offset ? (await sectionItems(ctx, w, section, ownerId, 1, 0)).total : 0);
  return { items, total };
}

function buildItems(db: Db, where: SQL | undefined) {
  const order = [asc(tasks.dueDate), asc(tasks.id)];
  const page = pageOfTasks(db, where, order);
  return prepareKept(
    db
      .with(page)
      .select({
        total: sql<number>`${page.total}`.mapWith(Number),
        id: tasks.id,
        number: tasks.number,
        name: tasks.name,
        ownerId: tasks.ownerId,
        ownerName: people.name,
        dueDate: tasks.dueDate,
        workingDaysLeft: workingDaysLeftSql(DAY_PLACEHOLDERS),
        progress: tasks.progress,
        stage: tasks.stage,
        status: tasks.status,
        delayReason: tasks.delayReason,
        doneAt: tasks.doneAt,
      })
      .from(tasks)
      .innerJoin(page, eq(page.pageId, tasks.id))
      .innerJoin(people, eq(people.id, tasks.ownerId))
      .orderBy(...order),
  );
}

/** `GET /api/tasks/weekly-report/items`: a page of one section, optionally of one person. */
export async function weeklyItems(ctx: AuthedCtx, query: z.output<typeof ZTaskWeeklyItemsQuery>): Promise<TTaskWeeklyItemPage> {
  const w = await weeklyOf(ctx, query);
  const { items, total } = await sectionItems(ctx, w, query.section, query.ownerId, query.pageSize, (query.page - 1) * query.pageSize);
  return { items, total, page: query.page, pageSize: query.pageSize };
}

const SECTIONS: Record<TTaskWeeklySection, Record<TLocale, string>> = {
  done: { 'zh-CN': '本周完成', 'en-US': 'Done this week' },
  inProgress: { 'zh-CN': '进行中', 'en-US': 'In progress' },
  overdue: { 'zh-CN': '延期', 'en-US': 'Overdue' },
  atRisk: { 'zh-CN': '延期风险', 'en-US': 'At risk' },
};

type Line = TTaskWeeklyItem & { section: TTaskWeeklySection };

/** TSK-10 export: one sheet, a section column, then the 任务跟踪表's own words. */
export async function exportWeekly(ctx: AuthedCtx, query: z.output<typeof ZTaskWeeklyExportQuery>): Promise<ExportOptions<Line>> {
  const w = await weeklyOf(ctx, query);
  const zh = ctx.locale === 'zh-CN';
  async function* rows() {
    for (const section of WEEKLY_SECTIONS) for (const item of (await sectionItems(ctx, w, section, undefined, null, 0)).items) yield { ...item, section };
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
      { header: zh ? '完成状态' : 'Status', value: (l) => STATUS_WORDS[ctx.locale][l.status], width: 10 },
      { header: zh ? '延期天数' : 'Days overdue', value: (l) => (l.overdueDays ? l.overdueDays : null), width: 10 },
      { header: zh ? '延期原因' : 'Delay reason', value: (l) => l.delayReason, width: 30 },
    ],
  };
}
