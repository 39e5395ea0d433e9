import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZArchiveList,
  ZArchiveListExportQuery,
  ZArchiveListQuery,
  ZArchiveGrowth,
  ZDocumentBackupStatus,
  ZErrorBody,
  ZId,
  ZLoan,
  ZLoanApply,
  ZLoanListQuery,
  ZLoanPage,
  ZLoanRegister,
  ZLoanReturn,
  ZTidyCheck,
  ZTidyQuery,
} from '@opsdesk/contract';
import { exportList } from '../../platform/export/export.ts';
import { AppError } from '../../platform/http/errors.ts';
import { archiveGrowth, archiveList, archiveListWhere, backupStatus } from './archive.service.ts';
import { exportArchiveList } from './io.service.ts';
import { getLoan, listLoans } from './loans.queries.ts';
import { applyLoan, resubmitLoan, withdrawLoan } from './loans.service.ts';
import { registerLoan, returnLoan } from './register.service.ts';
import { isArchivist } from './rules.ts';
import type { DocumentDeps } from './routes.ts';
import { tidyCheck } from './tidy.service.ts';

const ZIdParams = z.object({ id: ZId });
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

/** DOC-5 借阅, DOC-6 整理检查 and 归档清单, DOC-7 备份情况. */
export function loanRoutes(app: FastifyInstance, { ctx }: DocumentDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];

  r.post(
    '/api/documents/:id/loans',
    { schema: { tags, summary: '借阅申请 Apply to borrow', params: ZIdParams, body: ZLoanApply, response: { 201: ZLoan, ...errors } } },
    async (req, reply) => reply.status(201).send(await applyLoan(ctx(req), req.params.id, req.body)),
  );
  r.get('/api/document-loans', { schema: { tags, summary: '借阅列表 Loans', querystring: ZLoanListQuery, response: { 200: ZLoanPage, ...errors } } }, (req) =>
    listLoans(ctx(req), req.query),
  );
  r.get('/api/document-loans/:id', { schema: { tags, summary: '借阅详情 Loan', params: ZIdParams, response: { 200: ZLoan, ...errors } } }, (req) => getLoan(ctx(req), req.params.id));
  r.post(
    '/api/document-loans/:id/register',
    { schema: { tags, summary: '登记借出 Register the loan', params: ZIdParams, body: ZLoanRegister, response: { 200: ZLoan, ...errors } } },
    (req) => registerLoan(ctx(req), req.params.id, req.body),
  );
  r.post(
    '/api/document-loans/:id/return',
    { schema: { tags, summary: '登记归还 Record the return', params: ZIdParams, body: ZLoanReturn, response: { 200: ZLoan, ...errors } } },
    (req) => returnLoan(ctx(req), req.params.id, req.body),
  );
  r.post(
    '/api/document-loans/:id/resubmit',
    { schema: { tags, summary: '修改后重新提交 Resubmit', params: ZIdParams, body: ZLoanApply, response: { 200: ZLoan, ...errors } } },
    (req) => resubmitLoan(ctx(req), req.params.id, req.body),
  );
  r.post('/api/document-loans/:id/withdraw', { schema: { tags, summary: '撤回申请 Withdraw', params: ZIdParams, response: { 200: ZLoan, ...errors } } }, (req) =>
    withdrawLoan(ctx(req), req.params.id),
  );

  r.get('/api/documents/tidy', { schema: { tags, summary: '月度整理检查 Monthly tidy check', querystring: ZTidyQuery, response: { 200: ZTidyCheck, ...errors } } }, (req) =>
    tidyCheck(ctx(req), req.query.month),
  );
  r.get(
    '/api/documents/archive-list',
    { schema: { tags, summary: '季度文档归档清单 Quarterly archive list', querystring: ZArchiveListQuery, response: { 200: ZArchiveList, ...errors } } },
    (req) => archiveList(ctx(req), req.query.quarter),
  );
  r.get(
    '/api/documents/archive-list/export',
    { schema: { tags, summary: '导出文档归档清单 Export the quarterly list', querystring: ZArchiveListExportQuery } },
    async (req, reply) => {
      const c = ctx(req);
      if (!isArchivist(c.actor.roles)) throw new AppError('FORBIDDEN');
      return exportList(reply, await exportArchiveList(c, archiveListWhere(req.query.quarter).where, req.query.quarter, req.query.format));
    },
  );
  r.get('/api/documents/archive-growth', { schema: { tags, summary: '档案增长 Archive growth, 12 months', response: { 200: ZArchiveGrowth, ...errors } } }, (req) =>
    archiveGrowth(ctx(req)),
  );
  r.get('/api/documents/backup-status', { schema: { tags, summary: '备份情况 Backup status', response: { 200: ZDocumentBackupStatus, ...errors } } }, (req) =>
    backupStatus(ctx(req)),
  );
}
