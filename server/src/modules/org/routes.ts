import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZDepartment,
  ZDepartmentInput,
  ZDepartmentUpdate,
  ZErrorBody,
  ZId,
  ZOk,
  ZPeoplePage,
  ZPeopleQuery,
  ZPerson,
  ZPersonInput,
  ZPersonUpdate,
  ZPersonWithPassword,
} from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { SessionStore } from '../../platform/auth/sessions.ts';
import { authed, ctxOf } from '../../platform/http/plugin.ts';
import { createDepartment, deleteDepartment, listDepartments, updateDepartment } from './departments.service.ts';
import { createPerson, getPerson, listPeople, resetPassword, unlockPerson, updatePerson } from './people.service.ts';

const ZIdParams = z.object({ id: ZId });

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

/** ALL-1: departments and people. Routes only parse and hand over to the services. */
export function orgRoutes(app: FastifyInstance, deps: { config: Config; db: Db; sessions: SessionStore }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => authed(ctxOf(req, deps.db, deps.config.now()));
  const tags = ['organisation'];

  r.get('/api/departments', { schema: { tags, summary: '部门列表 Departments', response: { 200: z.array(ZDepartment), ...errors } } }, (req) =>
    listDepartments(ctx(req)),
  );
  r.post(
    '/api/departments',
    { schema: { tags, summary: '新建部门 Create department', body: ZDepartmentInput, response: { 201: ZDepartment, ...errors } } },
    async (req, reply) => reply.status(201).send(await createDepartment(ctx(req), req.body)),
  );
  r.patch(
    '/api/departments/:id',
    { schema: { tags, summary: '修改部门 Update department', params: ZIdParams, body: ZDepartmentUpdate, response: { 200: ZDepartment, ...errors } } },
    (req) => updateDepartment(ctx(req), req.params.id, req.body),
  );
  r.delete(
    '/api/departments/:id',
    { schema: { tags, summary: '删除部门 Delete department', params: ZIdParams, response: { 200: ZOk, ...errors } } },
    async (req) => {
      await deleteDepartment(ctx(req), req.params.id);
      return { ok: true as const };
    },
  );

  r.get('/api/people', { schema: { tags, summary: '人员列表 People', querystring: ZPeopleQuery, response: { 200: ZPeoplePage, ...errors } } }, (req) =>
    listPeople(ctx(req), req.query),
  );
  r.get('/api/people/:id', { schema: { tags, summary: '人员详情 Person', params: ZIdParams, response: { 200: ZPerson, ...errors } } }, (req) =>
    getPerson(ctx(req), req.params.id),
  );
  r.post(
    '/api/people',
    { schema: { tags, summary: '新建人员及账号 Create person', body: ZPersonInput, response: { 201: ZPersonWithPassword, ...errors } } },
    async (req, reply) => reply.status(201).send(await createPerson(ctx(req), req.body)),
  );
  r.patch(
    '/api/people/:id',
    { schema: { tags, summary: '修改人员 Update person', params: ZIdParams, body: ZPersonUpdate, response: { 200: ZPerson, ...errors } } },
    (req) => updatePerson(ctx(req), deps.sessions, req.params.id, req.body),
  );
  r.post(
    '/api/people/:id/reset-password',
    { schema: { tags, summary: '重置密码 Reset password', params: ZIdParams, response: { 200: ZPersonWithPassword, ...errors } } },
    (req) => resetPassword(ctx(req), deps.sessions, req.params.id),
  );
  r.post(
    '/api/people/:id/unlock',
    { schema: { tags, summary: '解除锁定 Unlock account', params: ZIdParams, response: { 200: ZPerson, ...errors } } },
    (req) => unlockPerson(ctx(req), req.params.id),
  );
}
