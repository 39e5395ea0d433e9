import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';

// argon2id (the library's default algorithm) with OWASP's minimum: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (plain: string) => hash(plain, OPTIONS);

/**
 * Stored for accounts created without a password (spreadsheet import: hashing 100,000 argon2
 * passwords would take an hour). No password matches it; an admin issues one with reset-password.
 */
export const UNUSABLE_PASSWORD_HASH = '!unusable';
export const isUsableHash = (hashed: string) => hashed.startsWith('$argon2');

export async function verifyPassword(hashed: string, plain: string): Promise<boolean> {
  if (!isUsableHash(hashed)) return false;
  try {
    return await verify(hashed, plain);
  } catch {
    return false;
  }
}

/** A password a person can read out and type: no 0/O, 1/l/I. */
export function generatePassword(length = 12): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = letters + digits;
  const chars = [letters[randomInt(letters.length)], digits[randomInt(digits.length)]];
  while (chars.length < length) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/** Letters and digits, 8 or more; the length bound itself is checked by the contract. */
export const isStrongEnough = (plain: string) => plain.length >= 8 && /[A-Za-z]/.test(plain) && /\d/.test(plain);
