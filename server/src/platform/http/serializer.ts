import fastJson from 'fast-json-stringify';
import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type $ZodType, safeEncode } from 'zod/v4/core';

type JsonSchema = { [key: string]: unknown };

/**
 * Responses are written by a serializer compiled once per route from the contract's JSON Schema
 * (fast-json-stringify). Like zod's encode it writes only the contract's properties, so a field a
 * service left on a row never leaves the server; it does it several times faster than zod's
 * encode + JSON.stringify, which matters for pages of 50 tasks and the weekly report (issue 5).
 * With `check` (tests, e2e) every response is also checked against the zod schema first, so a
 * service that breaks the contract fails there rather than being coerced. The answer is handed to
 * Fastify as UTF-8 bytes: from a string (Chinese text, built piece by piece) it would measure the
 * bytes for Content-Length and then encode them again as it writes (issue 5's bench).
 */
export function responseSerializer(check: boolean): FastifySerializerCompiler<$ZodType> {
  return ({ schema, method, url }) => {
    const stringify = compile(schema);
    return (data) => {
      const out = stringify(data);
      if (check) {
        const result = safeEncode(schema, data);
        if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
        // The compiled writer must say exactly what zod's encode + JSON.stringify would.
        const expected = JSON.stringify(result.data);
        if (!isDeepStrictEqual(JSON.parse(out), JSON.parse(expected))) throw new Error(`${method} ${url}: the compiled response differs from the contract's\ncompiled: ${out.slice(0, 2000)}\nzod: ${expected.slice(0, 2000)}`);
      }
      // Fastify's type says string; it sends a Buffer as it is (reply.js onSendEnd).
      return Buffer.from(out) as unknown as string;
    };
  };
}

function compile(schema: $ZodType): (data: unknown) => string {
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema as z.ZodType, { target: 'draft-7', io: 'output' }) as JsonSchema;
  } catch {
    // Not expressible in JSON Schema: zod's own encode, then JSON.
    return (data) => JSON.stringify(z.encode(schema as z.ZodType, data as never));
  }
  return fastJson(simplify(json) as never);
}

/** `anyOf: [T, null]` → `type: [T, 'null']`: the same output without a schema check per value. */
function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify);
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) out[key] = simplify(value);
  const anyOf = out.anyOf as JsonSchema[] | undefined;
  if (anyOf?.length === 2 && anyOf[1]?.type === 'null' && Object.keys(anyOf[1]).length === 1 && typeof anyOf[0]?.type === 'string') {
    const { anyOf: _, ...rest } = out;
    return { ...rest, ...anyOf[0], type: [anyOf[0].type, 'null'] };
  }
  return out;
}
