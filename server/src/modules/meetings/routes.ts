import { hkdfSync } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZMeetingExportQuery,
  ZAttendanceMarkInput,
  ZCancelInput,
  ZCarryOverList,
  ZCarryOverQuery,
  ZConfirmDecisionInput,
  ZErrorBody,
  ZFollowUpWeek,
  ZFollowUpWeekQuery,
  ZId,
  ZLeaveInput,
  ZMaterialFileInput,
  ZMeetingCalendar,
  ZMeetingCalendarQuery,
  ZMeetingCheck,
  ZMeetingCheckInput,
  ZMeetingDetail,
  ZMeetingInput,
  ZMeetingListQuery,
  ZMeetingPage,
  ZMeetingSaved,
  ZMeetingUpdate,
  ZMinutes,
  ZMinutesInput,
  ZNoticeInput,
  ZSeries,
  ZSeriesInput,
  ZSignInCode,
  ZSignInInput,
  ZSignInResult,
} from '@opsdesk/contract';
import { exportList } from '../../platform/export/export.ts';
import { exportMeetings } from './list-export.service.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { contentDisposition } from '../../platform/files/rules.ts';
import { loadMasterKey } from '../../platform/files/master-key.ts';
import { registerImportKind } from '../../platform/import/kinds.ts';
import { authed, ctxOf } from '../../platform/http/plugin.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { registerWorkbenchSection } from '../../platform/workbench/registry.ts';
import { askLeave, markAttendance, signIn, signInCode, withdrawLeave } from './attendance.service.ts';
import { checkMeetingInput, createMeeting, createSeries, getSeries } from './create.service.ts';
import { meetingImport } from './io.kind.ts';
import { distributeMinutes } from './distribute.service.ts';
import { minutesWorkbook, noticeWorkbook } from './export.service.ts';
import { followUpWeek, listCarryOvers } from './followup.service.ts';
import { getMeeting, listMeetings, meetingCalendar } from './list.service.ts';
import { RELEASE_JOB, attachMaterialFile, registerMaterialFileAccess, releaseNoShows, sendMaterials } from './materials.service.ts';
import { confirmDecision, getMinutes, registerMinutesFlow, saveMinutes, submitMinutes } from './minutes.service.ts';
import { cancelMeeting, meetingIcs, registerIcsAttachments, sendNotice } from './notice.service.ts';
import { roomRoutes } from './rooms.routes.ts';
import type { MeetingsEnv } from './store.ts';
import { updateMeeting } from './update.service.ts';
import { meetingsSection } from './workbench.section.ts';
import { meetingsSearch } from './search.source.ts';
import { registerSearchSource } from '../../platform/search/registry.ts';

const ZIdParams = z.object({ id: ZId });
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The QR key: derived from the master key (HKDF), so every instance with the key agrees and nothing new is stored. */
function signInKey(config: Config): () => Buffer {
  let key: Buffer | null = null;
  return () => (key ??= Buffer.from(hkdfSync('sha256', loadMasterKey(config.keyFile), Buffer.alloc(0), 'opsdesk meeting sign-in token', 32)));
}

/** 会议 (SPEC §3, MTG-1 … MTG-11): rooms, meetings, notices, attendance, minutes, resolutions. */
export function meetingRoutes(app: FastifyInstance, deps: { config: Config; db: Db; jobs: Jobs }) {
  const env: MeetingsEnv = { timeZone: deps.config.timeZone, signInSecret: signInKey(deps.config), mailFrom: deps.config.mailFrom };
  registerMinutesFlow(env.timeZone);
  registerMaterialFileAccess();
  registerIcsAttachments(env);
  registerWorkbenchSection(meetingsSection(env.timeZone));
  registerSearchSource(meetingsSearch(env));
  registerImportKind(app, meetingImport(env, deps.config.now));
  // MTG-7: rooms nobody signed in to are given back; every minute, once across instances.
  deps.jobs.register(RELEASE_JOB, (_data, job) => releaseNoShows(deps.db, job.now), { policy: 'singleton' });
  deps.jobs.schedule(RELEASE_JOB, '* * * * *');
  roomRoutes(app, deps);

  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => authed(ctxOf(req, deps.db, deps.config.now()));
  const tags = ['meetings'];
  const detail = { 200: ZMeetingDetail, ...errors };
  const minutes = { 200: ZMinutes, ...errors };

  r.get('/api/meetings', { schema: { tags, summary: '会议列表 Meetings', querystring: ZMeetingListQuery, response: { 200: ZMeetingPage, ...errors } } }, (req) =>
    listMeetings(ctx(req), env, req.query),
  );
  r.get('/api/meetings/export', { schema: { tags, summary: '导出会议列表 Export meetings (.xlsx / .csv)', querystring: ZMeetingExportQuery } }, async (req, reply) =>
    exportList(reply, await exportMeetings(ctx(req), env, req.query)),
  );
  r.get('/api/meetings/calendar', { schema: { tags, summary: '我的会议日历 My meetings calendar', querystring: ZMeetingCalendarQuery, response: { 200: ZMeetingCalendar, ...errors } } }, (req) =>
    meetingCalendar(ctx(req), env, req.query),
  );
  r.get('/api/meetings/carry-overs', { schema: { tags, summary: '遗留议题 Carry-over items', querystring: ZCarryOverQuery, response: { 200: ZCarryOverList, ...errors } } }, (req) =>
    listCarryOvers(ctx(req), req.query),
  );
  r.get('/api/meetings/follow-up', { schema: { tags, summary: '决议跟进（周） Resolutions follow-up', querystring: ZFollowUpWeekQuery, response: { 200: ZFollowUpWeek, ...errors } } }, (req) =>
    followUpWeek(ctx(req), env, req.query),
  );
  r.post('/api/meetings/check', { schema: { tags, summary: '检查会议安排 Check a meeting', body: ZMeetingCheckInput, response: { 200: ZMeetingCheck, ...errors } } }, (req) =>
    checkMeetingInput(ctx(req), env, req.body),
  );
  r.post('/api/meetings', { schema: { tags, summary: '新建会议 Create meeting', body: ZMeetingInput, response: { 201: ZMeetingSaved, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await createMeeting(ctx(req), env, req.body)),
  );
  r.get('/api/meetings/:id', { schema: { tags, summary: '会议详情 Meeting', params: ZIdParams, response: detail } }, (req) => getMeeting(ctx(req), env, req.params.id));
  r.patch('/api/meetings/:id', { schema: { tags, summary: '修改会议 Update meeting', params: ZIdParams, body: ZMeetingUpdate, response: { 200: ZMeetingSaved, ...errors } } }, (req) =>
    updateMeeting(ctx(req), env, req.params.id, req.body),
  );
  r.post('/api/meetings/:id/notice', { schema: { tags, summary: '发送会议通知 Send the notice', params: ZIdParams, body: ZNoticeInput, response: detail } }, (req) =>
    sendNotice(ctx(req), env, req.params.id, req.body),
  );
  r.post('/api/meetings/:id/cancel', { schema: { tags, summary: '取消会议 Cancel meeting', params: ZIdParams, body: ZCancelInput, response: detail } }, (req) =>
    cancelMeeting(ctx(req), env, req.params.id, req.body),
  );
  r.get('/api/meetings/:id/ics', { schema: { tags, summary: '日历邀请 .ics invitation', params: ZIdParams } }, async (req, reply) => {
    const ics = await meetingIcs(ctx(req), env, req.params.id);
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', contentDisposition('attachment', `meeting-${req.params.id}.ics`))
      .header('cache-control', 'no-store')
      .send(ics);
  });
  r.get('/api/meetings/:id/notice.xlsx', { schema: { tags, summary: '导出会议通知表 Notice (.xlsx)', params: ZIdParams } }, async (req, reply) => {
    const file = await noticeWorkbook(ctx(req), env, req.params.id);
    return reply.header('content-type', XLSX).header('content-disposition', contentDisposition('attachment', file.filename)).header('cache-control', 'no-store').send(file.buffer);
  });
  r.put(
    '/api/meetings/:id/materials/:materialId/file',
    { schema: { tags, summary: '上传会议材料 Upload a material', params: ZIdParams.extend({ materialId: ZId }), body: ZMaterialFileInput, response: detail } },
    (req) => attachMaterialFile(ctx(req), env, req.params.id, req.params.materialId, req.body),
  );
  r.post('/api/meetings/:id/materials/send', { schema: { tags, summary: '发送会议材料 Send materials', params: ZIdParams, response: detail } }, (req) =>
    sendMaterials(ctx(req), env, req.params.id),
  );
  r.post('/api/meetings/:id/leave', { schema: { tags, summary: '请假 Ask leave', params: ZIdParams, body: ZLeaveInput, response: detail } }, (req) =>
    askLeave(ctx(req), env, req.params.id, req.body),
  );
  r.delete('/api/meetings/:id/leave', { schema: { tags, summary: '撤销请假 Withdraw leave', params: ZIdParams, response: detail } }, (req) =>
    withdrawLeave(ctx(req), env, req.params.id),
  );
  r.get('/api/meetings/:id/sign-in-code', { schema: { tags, summary: '签到二维码 Sign-in code', params: ZIdParams, response: { 200: ZSignInCode, ...errors } } }, (req) =>
    signInCode(ctx(req), env, req.params.id),
  );
  r.post('/api/meetings/:id/sign-in', { schema: { tags, summary: '签到 Sign in', params: ZIdParams, body: ZSignInInput, response: { 200: ZSignInResult, ...errors } } }, (req) =>
    signIn(ctx(req), env, req.params.id, req.body),
  );
  r.put(
    '/api/meetings/:id/attendance/:personId',
    { schema: { tags, summary: '补签 Mark attendance', params: ZIdParams.extend({ personId: ZId }), body: ZAttendanceMarkInput, response: detail } },
    (req) => markAttendance(ctx(req), env, req.params.id, req.params.personId, req.body),
  );
  r.get('/api/meetings/:id/minutes', { schema: { tags, summary: '会议纪要 Minutes', params: ZIdParams, response: minutes } }, (req) => getMinutes(ctx(req), env, req.params.id));
  r.put('/api/meetings/:id/minutes', { schema: { tags, summary: '保存会议纪要 Save minutes', params: ZIdParams, body: ZMinutesInput, response: minutes } }, (req) =>
    saveMinutes(ctx(req), env, req.params.id, req.body),
  );
  r.post(
    '/api/meetings/:id/minutes/items/:agendaItemId/confirm',
    { schema: { tags, summary: '主持人确认决策 Confirm a decision', params: ZIdParams.extend({ agendaItemId: ZId }), body: ZConfirmDecisionInput, response: minutes } },
    (req) => confirmDecision(ctx(req), env, req.params.id, req.params.agendaItemId, req.body),
  );
  r.post('/api/meetings/:id/minutes/submit', { schema: { tags, summary: '提交主持人审核 Submit for review', params: ZIdParams, response: minutes } }, (req) =>
    submitMinutes(ctx(req), env, req.params.id),
  );
  r.post('/api/meetings/:id/minutes/distribute', { schema: { tags, summary: '分发会议纪要 Distribute minutes', params: ZIdParams, response: minutes } }, (req) =>
    distributeMinutes(ctx(req), env, req.params.id),
  );
  r.get('/api/meetings/:id/minutes.xlsx', { schema: { tags, summary: '导出会议纪要表 Minutes (.xlsx)', params: ZIdParams } }, async (req, reply) => {
    const file = await minutesWorkbook(ctx(req), env, req.params.id);
    return reply.header('content-type', XLSX).header('content-disposition', contentDisposition('attachment', file.filename)).header('cache-control', 'no-store').send(file.buffer);
  });
  r.post('/api/meeting-series', { schema: { tags, summary: '新建例会 Create a weekly series', body: ZSeriesInput, response: { 201: ZSeries, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await createSeries(ctx(req), env, req.body)),
  );
  r.get('/api/meeting-series/:id', { schema: { tags, summary: '例会 Series', params: ZIdParams, response: { 200: ZSeries, ...errors } } }, (req) =>
    getSeries(ctx(req), env, req.params.id),
  );
}
