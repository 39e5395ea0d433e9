import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCreateTaskInput,
  ZErrorBody,
  ZId,
  ZTask,
  ZTaskAcceptInput,
  ZTaskCounts,
  ZTaskCountsQuery,
  ZTaskDelayInput,
  ZTaskHistoryEntry,
  ZTaskListQuery,
  ZTaskMilestoneDoneInput,
  ZTaskPage,
  ZTaskProgressInput,
  ZTaskRejectInput,
  ZTaskStartInput,
  ZTaskStatusItem,
  ZTaskStatusesQuery,
  ZTaskSubmitInput,
  ZTaskWeeklyExportQuery,
  ZTaskWeeklyItemPage,
  ZTaskWeeklyItemsQuery,
  ZTaskWeeklyQuery,
  ZTaskWeeklyReport,
  ZTaskOverview,
  ZUpdateTaskInput,
} from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { exportList } from '../../platform/export/export.ts';
import { registerFileAccess } from '../../platform/files/policy.ts';
import { AppError } from '../../platform/http/errors.ts';
import { authed, ctxOf } from '../../platform/http/plugin.ts';
import { registerWorkbenchSection } from '../../platform/workbench/registry.ts';
import { DELIVERABLE_OWNER, acceptTask, registerAcceptanceFlow, rejectTask, submitTask } from './acceptance.service.ts';
import { createTask, taskStatuses } from './create.service.ts';
import { getTask, loadVisible, taskHistory } from './detail.service.ts';
import { postDelay, postProgress, setMilestoneDone, startTask } from './progress.service.ts';
import { listTasks, taskCounts, visibleIds } from './queries.service.ts';
import { useTaskTimeZone } from './settings.ts';
import { updateTask } from './update.service.ts';
import { exportWeekly, weeklyItems, weeklyReport } from './weekly.service.ts';
import { tasksSection } from './workbench.section.ts';
import { tasksSearch } from './search.source.ts';
import { taskOverview } from './overview.service.ts';
import { registerSearchSource } from '../../platform/search/registry.ts';

const ZIdParams = z.object({ id: ZId });
const ZMilestoneParams = z.object({ id: ZId, milestoneId: ZId });
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

/** 任务跟踪 (SPEC §1). Routes only parse and hand over to the services. */
export function taskRoutes(app: FastifyInstance, deps: { config: Config; db: Db }) {
  useTaskTimeZone(deps.config.timeZone);
  registerAcceptanceFlow();
  registerWorkbenchSection(tasksSection);
  registerSearchSource(tasksSearch);
  // TSK-9 deliverables: readable by whoever may see the task (a refusal reads as "not found").
  registerFileAccess(DELIVERABLE_OWNER, async (ctx, _type, ownerId) =>
    loadVisible(ctx, Number(ownerId)).then(
      () => true,
      (err: unknown) => {
        if (err instanceof AppError && err.code === 'NOT_FOUND') return false;
        throw err;
      },
    ),
  );

  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => authed(ctxOf(req, deps.db, deps.config.now()));
  const tags = ['tasks'];

  r.get('/api/tasks', { schema: { tags, summary: '任务列表 Tasks', querystring: ZTaskListQuery, response: { 200: ZTaskPage, ...errors } } }, (req) =>
    listTasks(ctx(req), req.query),
  );
  r.get('/api/tasks/counts', { schema: { tags, summary: '各状态数量 Counts by status', querystring: ZTaskCountsQuery, response: { 200: ZTaskCounts, ...errors } } }, (req) =>
    taskCounts(ctx(req), req.query),
  );
  r.get(
    '/api/tasks/statuses',
    { schema: { tags, summary: '任务实时状态 Live status by id', querystring: ZTaskStatusesQuery, response: { 200: z.array(ZTaskStatusItem), ...errors } } },
    async (req) => {
      const c = ctx(req);
      const map = await taskStatuses(c.db, await visibleIds(c, req.query.ids), c.now);
      return [...map.entries()].map(([id, s]) => ({ id, ...s }));
    },
  );
  r.get(
    '/api/tasks/overview',
    { schema: { tags, summary: '各部门任务概况 Open, 延期 and at-risk tasks per department I oversee', response: { 200: ZTaskOverview, ...errors } } },
    (req) => taskOverview(ctx(req)),
  );
  r.get(
    '/api/tasks/weekly-report',
    { schema: { tags, summary: '任务周报 Weekly report (TSK-10)', querystring: ZTaskWeeklyQuery, response: { 200: ZTaskWeeklyReport, ...errors } } },
    (req) => weeklyReport(ctx(req), req.query),
  );
  r.get(
    '/api/tasks/weekly-report/items',
    { schema: { tags, summary: '周报分类任务 A page of one weekly-report section (TSK-10)', querystring: ZTaskWeeklyItemsQuery, response: { 200: ZTaskWeeklyItemPage, ...errors } } },
    (req) => weeklyItems(ctx(req), req.query),
  );
  r.get(
    '/api/tasks/weekly-report/export',
    { schema: { tags, summary: '导出任务周报 Export weekly report (.xlsx / .csv)', querystring: ZTaskWeeklyExportQuery } },
    async (req, reply) => exportList(reply, await exportWeekly(ctx(req), req.query)),
  );
  r.post('/api/tasks', { schema: { tags, summary: '新建任务 Create task', body: ZCreateTaskInput, response: { 201: ZTask, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await createTask(ctx(req), req.body)),
  );
  r.get('/api/tasks/:id', { schema: { tags, summary: '任务详情 Task', params: ZIdParams, response: { 200: ZTask, ...errors } } }, (req) =>
    getTask(ctx(req), req.params.id),
  );
  r.patch(
    '/api/tasks/:id',
    { schema: { tags, summary: '修改任务 Update task', params: ZIdParams, body: ZUpdateTaskInput, response: { 200: ZTask, ...errors } } },
    (req) => updateTask(ctx(req), req.params.id, req.body),
  );
  r.get(
    '/api/tasks/:id/history',
    { schema: { tags, summary: '变更记录 Change history', params: ZIdParams, response: { 200: z.array(ZTaskHistoryEntry), ...errors } } },
    (req) => taskHistory(ctx(req), req.params.id),
  );
  r.post(
    '/api/tasks/:id/progress',
    { schema: { tags, summary: '更新进度 Post progress (TSK-5/6)', params: ZIdParams, body: ZTaskProgressInput, response: { 200: ZTask, ...errors } } },
    (req) => postProgress(ctx(req), req.params.id, req.body),
  );
  r.post(
    '/api/tasks/:id/delay',
    { schema: { tags, summary: '延期说明 Delay reason and new due date (TSK-6)', params: ZIdParams, body: ZTaskDelayInput, response: { 200: ZTask, ...errors } } },
    (req) => postDelay(ctx(req), req.params.id, req.body),
  );
  r.post(
    '/api/tasks/:id/start',
    { schema: { tags, summary: '开始任务 Start (TSK-7, dependencies)', params: ZIdParams, body: ZTaskStartInput, response: { 200: ZTask, ...errors } } },
    (req) => startTask(ctx(req), req.params.id, req.body),
  );
  r.post(
    '/api/tasks/:id/submit',
    { schema: { tags, summary: '提交验收 Submit deliverable (TSK-9)', params: ZIdParams, body: ZTaskSubmitInput, response: { 200: ZTask, ...errors } } },
    (req) => submitTask(ctx(req), req.params.id, req.body),
  );
  r.post(
    '/api/tasks/:id/accept',
    { schema: { tags, summary: '验收通过 Accept (TSK-9)', params: ZIdParams, body: ZTaskAcceptInput, response: { 200: ZTask, ...errors } } },
    (req) => acceptTask(ctx(req), req.params.id, req.body),
  );
  r.post(
    '/api/tasks/:id/reject',
    { schema: { tags, summary: '驳回修改 Reject with requirements (TSK-9)', params: ZIdParams, body: ZTaskRejectInput, response: { 200: ZTask, ...errors } } },
    (req) => rejectTask(ctx(req), req.params.id, req.body),
  );
  r.patch(
    '/api/tasks/:id/milestones/:milestoneId',
    { schema: { tags, summary: '里程碑完成 Tick a milestone', params: ZMilestoneParams, body: ZTaskMilestoneDoneInput, response: { 200: ZTask, ...errors } } },
    (req) => setMilestoneDone(ctx(req), req.params.id, req.params.milestoneId, req.body),
  );
}
