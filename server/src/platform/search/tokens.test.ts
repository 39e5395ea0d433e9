import { describe, expect, it } from 'vitest';
import { PgDialect, pgTable, text } from 'drizzle-orm/pg-core';
import { likePattern, queryTokens, searchTokens, textSearchWhere } from './tokens.ts';

const rows = pgTable('rows', { name: text('name'), tokens: text('tokens').array() });
const where = (q: string) => {
  const clause = textSearchWhere(rows.tokens, [rows.name], q);
  if (!clause) return undefined;
  const { sql, params } = new PgDialect().sqlToQuery(clause);
  return { sql, params };
};

describe('search tokens', () => {
  it('cuts Chinese into overlapping 2-character pieces so 2-character words match', () => {
    expect(searchTokens('客户数据整理')).toEqual(['客户', '户数', '数据', '据整', '整理']);
    expect(queryTokens('数据')).toEqual(['数据']);
  });

  it('splits on punctuation, lower-cases and folds full-width forms', () => {
    expect(searchTokens('Word/ＰＰＴ报告')).toEqual(['wo', 'or', 'rd', 'pp', 'pt', 't报', '报告']);
    expect(searchTokens('T20231001')).toContain('t2');
  });

  it('keeps a lone character whole and drops duplicates', () => {
    expect(searchTokens('a 数据 数据')).toEqual(['a', '数据']);
    expect(searchTokens(null, undefined, '')).toEqual([]);
  });

  it('escapes LIKE wildcards', () => {
    expect(likePattern(' 100%_a\\ ')).toBe('%100\\%\\_a\\\\%');
  });

  it('a one-piece query is answered by the index alone; more pieces, or one character, are checked against the text', () => {
    expect(where('数据')).toEqual({ sql: '"rows"."tokens" @> ARRAY[$1]::text[]', params: ['数据'] });
    expect(where(' ＡＢ ')).toEqual({ sql: '"rows"."tokens" @> ARRAY[$1]::text[]', params: ['ab'] });
    expect(where('数据整理')?.sql).toBe('("rows"."tokens" @> ARRAY[$1, $2, $3]::text[] AND ("rows"."name" ILIKE $4))');
    expect(where('数 据')?.sql).toBe('("rows"."name" ILIKE $1)');
    expect(where('客')).toEqual({ sql: '("rows"."name" ILIKE $1)', params: ['%客%'] });
    expect(where('  ')).toBeUndefined();
  });
});
