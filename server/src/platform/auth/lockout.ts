/** ALL-8: 5 failed attempts per account or per IP within 15 minutes lock it for 15 minutes. */
export const LOCKOUT = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;

/**
 * Given failure times (newest first) inside the look-back window, when does the lock end?
 * Locked when the 5th most recent failure lies within the window of `now`; it lasts 15 minutes
 * from the failure that completed the streak (the most recent one).
 */
export function lockedUntil(failuresNewestFirst: Date[], now: Date): Date | null {
  if (failuresNewestFirst.length < LOCKOUT.maxFailures) return null;
  const newest = failuresNewestFirst[0]!;
  const fifth = failuresNewestFirst[LOCKOUT.maxFailures - 1]!;
  if (newest.getTime() - fifth.getTime() > LOCKOUT.windowMs) return null;
  const until = new Date(newest.getTime() + LOCKOUT.lockMs);
  return until > now ? until : null;
}

export const minutesLeft = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
