import type { Migration } from '../migration';
import { migration0001 } from './0001-initial';

/** Numbered, in order, never edited once released: add a new file for every change. */
export const migrations: readonly Migration[] = [migration0001];

for (const [i, m] of migrations.entries()) {
  if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
}
