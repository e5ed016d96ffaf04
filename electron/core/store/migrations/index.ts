import type { Migration } from '../migration';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-transfer-queue';
import { migration0003 } from './0003-ocr';
import { migration0004 } from './0004-capture';
import { migration0005 } from './0005-filing';
import { migration0006 } from './0006-search';
import { migration0007 } from './0007-users';
import { migration0008 } from './0008-search-bigrams';
import { migration0009 } from './0009-stats-indexes';
import { migration0010 } from './0010-station-head-role';
import { migration0011 } from './0011-sm3-fixity-and-duties';
import { migration0012 } from './0012-stats-month-indexes';
import { migration0013 } from './0013-search-numbers';

/** Numbered, in order, never edited once released: add a new file for every change. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013];

for (const [i, m] of migrations.entries()) {
  if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
}
