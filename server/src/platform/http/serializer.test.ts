import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZTaskPage } from '@opsdesk/contract';
import { responseSerializer } from './serializer.ts';

const ZRow = z.object({
  id: z.int(),
  name: z.string(),
  owner: z.object({ id: z.int(), name: z.string() }).nullable(),
  stage: z.string().nullable(),
  tags: z.array(z.object({ id: z.int() })),
  kind: z.union([z.object({ a: z.string() }), z.object({ b: z.int() })]),
});
// The serializer hands Fastify UTF-8 bytes; read them back as text.
const route = (schema: z.ZodType, check: boolean) => {
  const write = responseSerializer(check)({ schema, method: 'GET', url: '/x', httpStatus: '200' } as never);
  return (data: unknown) => {
    const out: unknown = write(data);
    expect(Buffer.isBuffer(out)).toBe(true);
    return (out as Buffer).toString('utf8');
  };
};

describe('response serializer', () => {
  it('writes what zod encode + JSON.stringify would, without the fields the contract does not name', () => {
    const row = { id: 1, name: '客户数据整理', owner: { id: 2, name: '张三', passwordHash: 'x' }, stage: null, tags: [{ id: 3, secret: true }], kind: { b: 4 }, secret: '密' };
    const out = route(ZRow, false)(row);
    expect(JSON.parse(out)).toEqual(z.encode(ZRow, row as never));
    expect(out).not.toContain('passwordHash');
    expect(out).not.toContain('密');
    expect(JSON.parse(route(ZRow, false)({ ...row, owner: null }))).toMatchObject({ owner: null });
  });

  it('with check (tests), a response that breaks the contract is refused instead of coerced', () => {
    expect(() => route(ZRow, true)({ id: 'one', name: 'x', owner: null, stage: null, tags: [], kind: { a: 'y' } })).toThrow();
  });

  it('compiles the task page of the task list', () => {
    const page = { items: [], total: 0, page: 1, pageSize: 50, extra: 1 };
    expect(JSON.parse(route(ZTaskPage, true)(page))).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
  });
});
