import { eq, notInArray } from 'drizzle-orm';
import type { TCreateTaskInput } from '@opsdesk/contract';
import type { Db } from '../db/client.ts';
import { people } from '../modules/org/schema.ts';
import { acceptTask, registerAcceptanceFlow, rejectTask, submitTask } from '../modules/tasks/acceptance.service.ts';
import { createTask } from '../modules/tasks/create.service.ts';
import { postDelay, postProgress, setMilestoneDone, startTask } from '../modules/tasks/progress.service.ts';
import { taskProgress, tasks } from '../modules/tasks/schema.ts';
import { useTaskTimeZone } from '../modules/tasks/settings.ts';
import { tokensOf } from '../modules/tasks/store.ts';
import { addDays } from '../platform/calendar/dates.ts';
import { addWorkingDays } from '../platform/calendar/rules.ts';
import { getCalendar } from '../platform/calendar/service.ts';
import { atWallClock, dateInZone } from '../platform/calendar/zone.ts';
import type { AuthedCtx } from '../platform/http/context.ts';
import { registerImportedTaskNumber } from '../platform/numbering/sequence.ts';
import { PLANS } from './task-plans.ts';

const SEED_ROWS = [
  {
    number: 'T20231001',
    name: '客户数据整理',
    owner: 'xiaowang',
    startDate: '2023-10-08',
    dueDate: '2023-10-15',
    progress: 70,
    stage: '已完成数据清洗',
    deliverable: '整理后的客户数据表',
    remarks: '需核对异常数据',
  },
  {
    number: 'T20231002',
    name: '月度销售报告撰写',
    owner: 'lisi',
    startDate: '2023-10-01',
    dueDate: '2023-10-20',
    progress: 30,
    stage: '数据收集中',
    deliverable: 'Word/PPT报告',
    remarks: '需财务部配合数据',
  },
];

/**
 * Loads the demo tasks through the task services, each step as its person at its time (so the
 * timeline, delays, approval rounds, reminders and audit rows are real); running it twice changes
 * nothing. Shared by `npm run demo` and the browser journeys. Needs seedDemoOrg first. Returns the
 * demo tasks' ids by name (the manual's two rows are T20231001 and T20231002).
 */
export async function seedDemoTasks(db: Db, now: Date, options: { timeZone?: string } = {}): Promise<Record<string, number>> {
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  useTaskTimeZone(timeZone);
  registerAcceptanceFlow();
  const [already] = await db.select({ id: tasks.id }).from(tasks).where(eq(tasks.number, SEED_ROWS[0]!.number));
  const byName = new Map<string, number>();
  if (already) {
    const names = new Set(PLANS.map((p) => p.name));
    const rows = await db.select({ id: tasks.id, name: tasks.name }).from(tasks).where(notInArray(tasks.number, SEED_ROWS.map((r) => r.number)));
    for (const t of rows) if (names.has(t.name) && !byName.has(t.name)) byName.set(t.name, t.id);
    return Object.fromEntries(byName);
  }
  const staff = new Map((await db.select().from(people)).map((p) => [p.username, p]));
  const person = (username: string) => {
    const p = staff.get(username);
    if (!p) throw new Error(`demo person ${username} is missing: run seedDemoOrg first`);
    return p;
  };
  const cal = await getCalendar(db);
  const today = dateInZone(now, timeZone);
  const day = (offset: number) => addWorkingDays(cal, today, offset).date;
  let tick = 0;
  const ctxAt = (username: string, offset: number): AuthedCtx => {
    const p = person(username);
    // 10:00 on that working day; steps on one day keep their order. Never after `now`.
    const when = offset === 0 ? now : atWallClock(day(offset), 10 * 3_600_000 + (tick += 1) * 60_000, timeZone);
    return { db, actor: { id: p.id, name: p.name, username: p.username, roles: p.roles, departmentId: p.departmentId }, ip: null, now: when, locale: 'zh-CN' };
  };

  await seedRows(db, now, person);
  for (const plan of PLANS) {
    const created = Math.min(plan.start, ...(plan.steps ?? []).map((s) => s.at)) - 2;
    const input: TCreateTaskInput = {
      name: plan.name,
      description: plan.description,
      deliverable: plan.deliverable,
      qualityStandard: plan.quality,
      ownerId: person(plan.owner).id,
      acceptorId: plan.acceptor ? person(plan.acceptor).id : null,
      collaborators: (plan.collaborators ?? []).map(([u, share]) => ({ personId: person(u).id, share })),
      startDate: day(plan.start),
      dueDate: day(plan.due),
      milestones: (plan.milestones ?? []).map(([name, offset]) => ({ name, date: day(offset) })),
      major: Boolean(plan.major),
      riskNote: plan.major?.[0] ?? null,
      mitigationPlan: plan.major?.[1] ?? null,
      remarks: plan.remarks ?? null,
      predecessorIds: (plan.after ?? []).map((name) => byName.get(name)!),
    };
    const task = await createTask(ctxAt(plan.by, Math.min(created, 0)), input);
    byName.set(plan.name, task.id);
    for (const step of plan.steps ?? []) {
      const ctx = ctxAt(step.as, step.at);
      if ('progress' in step) await postProgress(ctx, task.id, { progress: step.progress, stage: step.stage, note: step.note ?? null, overrideReason: step.overrideReason ?? null });
      else if ('start' in step) await startTask(ctx, task.id, { overrideReason: step.overrideReason ?? null });
      else if ('delay' in step) await postDelay(ctx, task.id, { reason: step.delay, newDueDate: addDays(dateInZone(ctx.now, timeZone), step.newDueInDays) });
      else if ('submit' in step) await submitTask(ctx, task.id, { fileId: null, link: step.submit, note: step.note ?? null });
      else if ('reject' in step) await rejectTask(ctx, task.id, { requirements: step.reject });
      else if ('accept' in step) await acceptTask(ctx, task.id, { opinion: step.accept });
      else {
        const milestone = task.milestones.find((m) => m.name === step.milestone)!;
        await setMilestoneDone(ctx, task.id, milestone.id, { done: true });
      }
    }
  }
  return Object.fromEntries(byName);
}

/** The manual's two example rows, as an import would keep them (numbers kept; 延期 derived on read). */
async function seedRows(db: Db, now: Date, person: (username: string) => { id: number; departmentId: number | null }) {
  const stamp = now.toISOString();
  await db.transaction(async (tx) => {
    for (const row of SEED_ROWS) {
      const owner = person(row.owner);
      const [created] = await tx
        .insert(tasks)
        .values({
          number: row.number,
          name: row.name,
          description: null,
          deliverable: row.deliverable,
          qualityStandard: '交付成果完整、数据准确，经需求方确认',
          ownerId: owner.id,
          departmentId: owner.departmentId,
          creatorId: owner.id,
          startDate: row.startDate,
          dueDate: row.dueDate,
          progress: row.progress,
          stage: row.stage,
          status: 'in_progress',
          remarks: row.remarks,
          searchTokens: tokensOf({ number: row.number, name: row.name, description: null }),
          createdAt: stamp,
          updatedAt: stamp,
        })
        .returning();
      await tx.insert(taskProgress).values({ taskId: created!.id, date: row.startDate, at: stamp, progress: row.progress, stage: row.stage, authorId: owner.id });
      await registerImportedTaskNumber(tx, row.number);
    }
  });
}
