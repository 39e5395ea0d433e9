import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZApprovalCounts,
  ZApprovalDetail,
  ZApprovalListQuery,
  ZApprovalPage,
  ZApproveInput,
  ZCcInput,
  ZCommentInput,
  ZErrorBody,
  ZId,
  ZRejectInput,
  ZReturnInput,
  ZTransferInput,
} from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { authed, ctxOf } from '../http/plugin.ts';
import { ccPeople, commentOn, transferStep } from './actions.service.ts';
import { approveStep, rejectStep, returnStep } from './decide.service.ts';
import { approvalCounts, getApproval, listApprovals } from './queries.service.ts';

const ZIdParams = z.object({ id: ZId });
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

/** The approval centre (审批中心): boxes, one request, and the decider's and participants' actions. */
export function approvalRoutes(app: FastifyInstance, deps: { config: Config; db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => authed(ctxOf(req, deps.db, deps.config.now()));
  const tags = ['approvals'];
  const detail = { 200: ZApprovalDetail, ...errors };

  r.get('/api/approvals', { schema: { tags, summary: '审批列表 Approvals by box', querystring: ZApprovalListQuery, response: { 200: ZApprovalPage, ...errors } } }, (req) =>
    listApprovals(ctx(req), req.query),
  );
  r.get('/api/approvals/counts', { schema: { tags, summary: '各分类数量 Counts per box', response: { 200: ZApprovalCounts, ...errors } } }, (req) =>
    approvalCounts(ctx(req)),
  );
  r.get('/api/approvals/:id', { schema: { tags, summary: '审批详情 Approval', params: ZIdParams, response: detail } }, (req) => getApproval(ctx(req), req.params.id));
  r.post('/api/approvals/:id/approve', { schema: { tags, summary: '同意 Approve', params: ZIdParams, body: ZApproveInput, response: detail } }, (req) =>
    approveStep(ctx(req), req.params.id, req.body),
  );
  r.post('/api/approvals/:id/reject', { schema: { tags, summary: '驳回 Reject', params: ZIdParams, body: ZRejectInput, response: detail } }, (req) =>
    rejectStep(ctx(req), req.params.id, req.body),
  );
  r.post('/api/approvals/:id/return', { schema: { tags, summary: '退回修改 Return for changes', params: ZIdParams, body: ZReturnInput, response: detail } }, (req) =>
    returnStep(ctx(req), req.params.id, req.body),
  );
  r.post('/api/approvals/:id/comment', { schema: { tags, summary: '评论 Comment', params: ZIdParams, body: ZCommentInput, response: detail } }, (req) =>
    commentOn(ctx(req), req.params.id, req.body),
  );
  r.post('/api/approvals/:id/transfer', { schema: { tags, summary: '转交 Transfer', params: ZIdParams, body: ZTransferInput, response: detail } }, (req) =>
    transferStep(ctx(req), req.params.id, req.body),
  );
  r.post('/api/approvals/:id/cc', { schema: { tags, summary: '抄送 CC', params: ZIdParams, body: ZCcInput, response: detail } }, (req) =>
    ccPeople(ctx(req), req.params.id, req.body),
  );
}
