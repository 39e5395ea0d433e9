import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZBookingInput,
  ZErrorBody,
  ZId,
  ZOk,
  ZRoom,
  ZRoomBooking,
  ZRoomFree,
  ZRoomFreeQuery,
  ZRoomInput,
  ZRoomList,
  ZRoomTimeline,
  ZRoomTimelineQuery,
  ZRoomUpdate,
} from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { authed, ctxOf } from '../../platform/http/plugin.ts';
import { cancelBooking, createBooking, createRoom, findFreeRooms, listRooms, roomTimeline, updateRoom } from './rooms.service.ts';

const ZIdParams = z.object({ id: ZId });
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

/** MTG-2 meeting rooms: the list, 行政部's upkeep, bookings, the timeline and the free-slot search. */
export function roomRoutes(app: FastifyInstance, deps: { config: Config; db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => authed(ctxOf(req, deps.db, deps.config.now()));
  const tz = deps.config.timeZone;
  const tags = ['meetings'];

  r.get('/api/rooms', { schema: { tags, summary: '会议室 Rooms', response: { 200: ZRoomList, ...errors } } }, (req) => listRooms(ctx(req)));
  r.post('/api/rooms', { schema: { tags, summary: '新建会议室 Create room', body: ZRoomInput, response: { 201: ZRoom, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await createRoom(ctx(req), req.body)),
  );
  r.patch('/api/rooms/:id', { schema: { tags, summary: '修改会议室 Update room', params: ZIdParams, body: ZRoomUpdate, response: { 200: ZRoom, ...errors } } }, (req) =>
    updateRoom(ctx(req), req.params.id, req.body),
  );
  r.get('/api/rooms/timeline', { schema: { tags, summary: '会议室日/周视图 Room timeline', querystring: ZRoomTimelineQuery, response: { 200: ZRoomTimeline, ...errors } } }, (req) =>
    roomTimeline(ctx(req), req.query, tz),
  );
  r.get('/api/rooms/free', { schema: { tags, summary: '空闲会议室 Free rooms and slots', querystring: ZRoomFreeQuery, response: { 200: ZRoomFree, ...errors } } }, (req) =>
    findFreeRooms(ctx(req), req.query, tz),
  );
  r.post(
    '/api/rooms/:id/bookings',
    { schema: { tags, summary: '预订会议室 Book a room', params: ZIdParams, body: ZBookingInput, response: { 201: ZRoomBooking, ...errors } } },
    async (req, reply) => reply.status(201).send(await createBooking(ctx(req), req.params.id, req.body, tz)),
  );
  r.delete('/api/room-bookings/:id', { schema: { tags, summary: '取消预订 Cancel a booking', params: ZIdParams, response: { 200: ZOk, ...errors } } }, async (req) => {
    await cancelBooking(ctx(req), req.params.id);
    return { ok: true as const };
  });
}
