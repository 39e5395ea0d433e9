import { describe, expect, it } from 'vitest';
import { cellText, csvField, csvRecord, dayOf, guardFormula, unguardFormula, xlsxValue } from './format.ts';

const TZ = 'Asia/Shanghai';

describe('export cell formatting (SPEC: export in the template layout)', () => {
  it('RFC 4180: quotes fields with quotes, commas or line breaks, doubling the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvRecord(['工号', '姓名', 'a,b'])).toBe('工号,姓名,"a,b"\r\n');
  });

  it('guards cells that a spreadsheet would run as a formula, and the import undoes it', () => {
    for (const evil of ['=1+1', '+86 138', '-2', '@SUM(A1)', '\tx', '\rx']) {
      expect(guardFormula(evil)).toBe(`'${evil}`);
      expect(unguardFormula(guardFormula(evil))).toBe(evil);
    }
    expect(guardFormula('张三')).toBe('张三');
    expect(guardFormula('-')).toBe('-'); // the templates' "none" mark is no formula
    expect(unguardFormula("'quoted on purpose")).toBe("'quoted on purpose");
    expect(cellText('=HYPERLINK("http://x")', TZ)).toBe('\'=HYPERLINK("http://x")');
    // Numbers are data, not text: a negative number is not a formula.
    expect(cellText(-2, TZ)).toBe('-2');
  });

  it('writes dates as the company day YYYY-MM-DD', () => {
    // 2026-11-26 17:00 UTC is already 27 November in Shanghai.
    expect(dayOf(new Date('2026-11-26T17:00:00Z'), TZ)).toBe('2026-11-27');
    expect(cellText(new Date('2026-11-26T15:59:59Z'), TZ)).toBe('2026-11-26');
    expect(xlsxValue(new Date('2026-11-26T17:00:00Z'), 'text', TZ)).toEqual(new Date('2026-11-27T00:00:00Z'));
    expect(xlsxValue('2026-01-05', 'date', TZ)).toEqual(new Date('2026-01-05T00:00:00Z'));
    expect(xlsxValue('2026-01-05', 'text', TZ)).toBe('2026-01-05');
  });

  it('leaves empty cells empty and keeps numbers as numbers in .xlsx', () => {
    expect(cellText(null, TZ)).toBe('');
    expect(cellText(undefined, TZ)).toBe('');
    expect(xlsxValue(null, undefined, TZ)).toBeNull();
    expect(xlsxValue(42, undefined, TZ)).toBe(42);
    expect(xlsxValue('-5', undefined, TZ)).toBe("'-5");
  });
});
