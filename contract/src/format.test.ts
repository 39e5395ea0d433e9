import { describe, expect, it } from 'vitest';
import { formatBytes, interpolate } from './format.ts';

describe('formatting shared by server and web', () => {
  it('formats sizes as file managers do', () => {
    expect(formatBytes(100 * 1024 * 1024)).toBe('100 MB');
    expect(formatBytes(64 * 1024)).toBe('64 KB');
    expect(formatBytes(1536 * 1024 * 1024)).toBe('1.5 GB');
    expect(formatBytes(500)).toBe('500 B');
  });
  it('fills message placeholders, leaving unknown ones empty', () => {
    expect(interpolate('第 {row} 行：{field}重复', { row: 3, field: '用户名' })).toBe('第 3 行：用户名重复');
    expect(interpolate('{missing}好', {})).toBe('好');
  });
});
