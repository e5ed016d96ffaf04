import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** ULID-style id: time-sortable, unique without coordination (several processes share a store). */
export function newId(prefix: string): string {
  let t = Date.now();
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const rand = randomBytes(10);
  let tail = '';
  for (const b of rand) tail += ALPHABET[b % 32];
  return `${prefix}_${time}${tail}`;
}

export const nowIso = (): string => new Date().toISOString();
