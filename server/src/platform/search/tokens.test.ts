import { describe, expect, it } from 'vitest';
import { likePattern, queryTokens, searchTokens } from './tokens.ts';

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
});
