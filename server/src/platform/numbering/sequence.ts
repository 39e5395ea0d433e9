import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { rowsOf } from '../access/scope.ts';
import { formatTaskNumber, parseTaskNumber, taskSequenceKey } from './rules.ts';
import { sequences } from './schema.ts';

/**
 * The next value of a counter. One upsert: concurrent callers serialize on the row lock, so every
 * caller gets a distinct value, and a rolled-back transaction gives its value back.
 */
export async function nextValue(tx: Tx, key: string): Promise<number> {
  const result = await tx.execute(sql`
    insert into ${sequences} (key, value) values (${key}, 1)
    on conflict (key) do update set value = ${sequences.value} + 1
    returning value`);
  return Number(rowsOf<{ value: number }>(result)[0]!.value);
}

/** Imported numbers are kept; the counter moves past them so new numbers never collide. */
export async function advanceTo(tx: Tx, key: string, value: number): Promise<void> {
  await tx.execute(sql`
    insert into ${sequences} (key, value) values (${key}, ${value})
    on conflict (key) do update set value = greatest(${sequences.value}, excluded.value)`);
}

/** yyyymm of an instant in the company time zone. */
function companyMonth(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  return `${parts.find((p) => p.type === 'year')!.value}${parts.find((p) => p.type === 'month')!.value}`;
}

/** TSK-1: a new task number for the company month of `now`. */
export async function nextTaskNumber(tx: Tx, now: Date, timeZone: string): Promise<string> {
  const yyyymm = companyMonth(now, timeZone);
  return formatTaskNumber(yyyymm, await nextValue(tx, taskSequenceKey(yyyymm)));
}

/** TSK-1 import: keep the given number and advance its month's counter past it. */
export async function registerImportedTaskNumber(tx: Tx, number: string): Promise<void> {
  const parsed = parseTaskNumber(number);
  if (parsed) await advanceTo(tx, taskSequenceKey(parsed.yyyymm), parsed.seq);
}
