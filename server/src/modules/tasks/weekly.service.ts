import { and, asc, eq, gte, inArray, lt, ne, or } from 'drizzle-orm';
import type { TLocale, TTaskWeeklyItem, TTaskWeeklyReport, ZTaskWeeklyExportQuery, ZTaskWeeklyQuery } from '@opsdesk/contract';
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
import { atRiskSql } from './sql.ts';
import { invalid } from './store.ts';

/**
 * TSK-10 每周例会同步: for one person (their tasks as owner) or one department (with
 * sub-departments): accepted this week, open with % and stage, 延期 with the latest reason, and
 * at risk (TSK-8). Statuses are as of today. Staff see their own; heads and division leaders the
 * people and departments they oversee; the general manager everyone (ALL-7).
 */
export async function weeklyReport(ctx: AuthedCtx, query: z.output<typeof ZTaskWeeklyQuery>): Promise<TTaskWeeklyReport> {
  if (query.personId && query.departmentId) throw invalid('departmentId');
  const [scope, day] = await Promise.all([resolveScope(ctx.db, ctx.actor), dayOf(ctx)]);
  const week = weekOf(query.week ?? day.today);
  let subject: TTaskWeeklyReport['subject'];
  let owners: { id: number; name: string }[];
  let where;
  if (query.departmentId) {
    const [dept] = await ctx.db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.id, query.departmentId));
    if (!dept) throw new AppError('NOT_FOUND');
    if (!oversees(scope, { departmentId: dept.id })) throw new AppError('FORBIDDEN');
    const ids = await subtreeOf(ctx.db, dept.id);
    subject = { kind: 'department', id: dept.id, name: dept.name };
    owners = await ctx.db
      .select({ id: people.id, name: people.name })
      .from(people)
      .where(and(inArray(people.departmentId, ids), eq(people.active, true)))
      .orderBy(asc(people.employeeNo), asc(people.id));
    where = inArray(tasks.departmentId, ids);
  } else {
    const personId = query.personId ?? ctx.actor.id;
    const [person] = await ctx.db.select({ id: people.id, name: people.name, departmentId: people.departmentId }).from(people).where(eq(people.id, personId));
    if (!person) throw new AppError('NOT_FOUND');
    if (person.id !== ctx.actor.id && !oversees(scope, person)) throw new AppError('FORBIDDEN');
    subject = { kind: 'person', id: person.id, name: person.name };
    owners = [{ id: person.id, name: person.name }];
    where = eq(tasks.ownerId, person.id);
  }
  const timeZone = taskTimeZone();
  const from = startOfDay(week.from, timeZone).toISOString();
  const to = startOfDay(week.to, timeZone, 1).toISOString();
  // Open tasks (partial indexes) or accepted within the week.
  const rows = await ctx.db
    .select({
      id: tasks.id,
      number: tasks.number,
      name: tasks.name,
      ownerId: tasks.ownerId,
      ownerName: people.name,
      startDate: tasks.startDate,
      dueDate: tasks.dueDate,
      progress: tasks.progress,
      stage: tasks.stage,
      status: tasks.status,
      delayReason: tasks.delayReason,
      doneAt: tasks.doneAt,
      atRisk: atRiskSql(day),
    })
    .from(tasks)
    .innerJoin(people, eq(people.id, tasks.ownerId))
    .where(and(where, or(ne(tasks.status, 'done'), and(eq(tasks.status, 'done'), gte(tasks.doneAt, from), lt(tasks.doneAt, to)))))
    .orderBy(asc(tasks.dueDate), asc(tasks.id));

  const item = (r: (typeof rows)[number]): TTaskWeeklyItem => ({
    id: r.id,
    number: r.number,
    name: r.name,
    owner: { id: r.ownerId, name: r.ownerName },
    dueDate: r.dueDate,
    progress: r.progress,
    stage: r.stage,
    status: displayStatus(r, day.today),
    overdueDays: overdueDays(r, day.today),
    delayReason: r.delayReason,
    doneAt: r.doneAt === null ? null : toIso(r.doneAt),
  });
  const done = rows.filter((r) => r.status === 'done').map(item);
  const overdue = rows
    .filter((r) => r.status !== 'done' && r.dueDate < day.today)
    .map(item)
    .sort((a, b) => b.overdueDays - a.overdueDays);
  // A task planned for later is left out until its week, unless its owner has already started it.
  const openRows = rows.filter((r) => r.status !== 'done' && r.dueDate >= day.today && (r.startDate <= week.to || r.status !== 'not_started'));
  const inProgress = openRows.map(item);
  const atRisk = openRows.filter((r) => r.atRisk).map(item);
  const known = new Map(owners.map((o) => [o.id, o]));
  for (const r of rows) if (!known.has(r.ownerId)) known.set(r.ownerId, { id: r.ownerId, name: r.ownerName });
  // Counts per owner in one pass per list (a 200-person department has over a thousand open tasks).
  const countsOf = (list: TTaskWeeklyItem[]) => list.reduce((m, i) => m.set(i.owner.id, (m.get(i.owner.id) ?? 0) + 1), new Map<number, number>());
  const counts = { done: countsOf(done), inProgress: countsOf(inProgress), overdue: countsOf(overdue), atRisk: countsOf(atRisk) };
  const tally = (list: keyof typeof counts, id: number) => counts[list].get(id) ?? 0;
  return {
    from: week.from,
    to: week.to,
    subject,
    done,
    inProgress,
    overdue,
    atRisk,
    people: [...known.values()].map((p) => ({
      person: p,
      done: tally('done', p.id),
      inProgress: tally('inProgress', p.id),
      overdue: tally('overdue', p.id),
      atRisk: tally('atRisk', p.id),
    })),
  };
}

const SECTIONS = {
  done: { 'zh-CN': '本周完成', 'en-US': 'Done this week' },
  inProgress: { 'zh-CN': '进行中', 'en-US': 'In progress' },
  overdue: { 'zh-CN': '延期', 'en-US': 'Overdue' },
  atRisk: { 'zh-CN': '延期风险', 'en-US': 'At risk' },
} as const;

const STATUS_WORDS: Record<TTaskWeeklyItem['status'], Record<TLocale, string>> = {
  not_started: { 'zh-CN': '未开始', 'en-US': 'Not started' },
  in_progress: { 'zh-CN': '进行中', 'en-US': 'In progress' },
  awaiting_acceptance: { 'zh-CN': '待验收', 'en-US': 'Awaiting acceptance' },
  done: { 'zh-CN': '已完成', 'en-US': 'Done' },
  overdue: { 'zh-CN': '延期', 'en-US': 'Overdue' },
};

type Line = TTaskWeeklyItem & { section: keyof typeof SECTIONS };

/** TSK-10 export: one sheet, a section column, then the 任务跟踪表's own words. */
export async function exportWeekly(ctx: AuthedCtx, query: z.output<typeof ZTaskWeeklyExportQuery>): Promise<ExportOptions<Line>> {
  const report = await weeklyReport(ctx, query);
  const zh = ctx.locale === 'zh-CN';
  const lines: Line[] = (['done', 'inProgress', 'overdue', 'atRisk'] as const).flatMap((section) => report[section].map((i) => ({ ...i, section })));
  async function* rows() {
    yield* lines;
  }
  return {
    format: query.format,
    filename: `${zh ? '任务周报' : 'weekly-task-report'}-${report.subject.name}-${report.from.replaceAll('-', '')}`,
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
