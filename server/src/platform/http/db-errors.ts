import { AppError } from './errors.ts';

/** The PostgreSQL error behind a driver/ORM error, if any. */
function pgError(err: unknown): { code?: string; constraint?: string; constraint_name?: string } | null {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as { code: string };
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * Database refusals that are the caller's or a race's, not the server's: a deadlock or a
 * serialization failure is "someone else changed this, retry"; an out-of-range number is bad input.
 */
export function appErrorFromDatabase(err: unknown): AppError | null {
  const code = pgError(err)?.code;
  if (code === '40001' || code === '40P01') return new AppError('CONFLICT');
  if (code === '22003') return new AppError('VALIDATION');
  return null;
}

/** A unique index refused the write (23505): a racing insert got there first. */
export const isUniqueViolation = (err: unknown) => pgError(err)?.code === '23505';

/**
 * Unique constraints are the last word on duplicates (a racing insert included); this turns their
 * violation into a DUPLICATE naming the field. `fields` maps constraint name → [field, value].
 */
export function mapUniqueViolation(err: unknown, fields: Record<string, [string, string | null | undefined]>): never {
  const pg = pgError(err);
  if (pg?.code === '23505') {
    const name = pg.constraint ?? pg.constraint_name ?? '';
    const hit = fields[name] ?? Object.entries(fields).find(([k]) => String((err as Error).message).includes(k))?.[1];
    if (hit) throw new AppError('DUPLICATE', hit[0], { value: hit[1] ?? '' });
  }
  throw err;
}
