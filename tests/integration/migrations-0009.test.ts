import { describe, expect, it } from 'vitest';
import { FACTS } from '../../electron/core/stats/figure-facts';
import { factParams } from '../../electron/core/stats/stats-report';
import { migrate } from '../../electron/core/store/migration';
import { storeAt } from '../helpers/migrated-store';

const AT = '2026-03-02T01:00:00.000Z';
const RANGE = factParams({ from: '2026-03-01T16:00:00.000Z', to: '2026-03-02T16:00:00.000Z', clerk: null, business: null, kind: null });

describe('migration 0009 stats indexes', () => {
  it('keeps the rows and lets the figures find their facts by time and by event instead of scanning', () => {
    const db = storeAt(8, (run) => {
      run("INSERT INTO station VALUES ('T_1', '柜台一号', 'J017', ?)", AT);
      run("INSERT INTO batches (id, name, kind, created_at, updated_at) VALUES ('B_1', 'b', 'counter', ?, ?)", AT, AT);
      run("INSERT INTO events (at, actor, kind, subject, data, prev_hash, hash) VALUES (?, 'clerk', 'batch.created', 'B_1', '{}', 'x', 'y')", AT);
    });
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(RANGE) as Array<{ detail: string }>).map((r) => r.detail);
    // A full scan shows as "SCAN table"; with the indexes every table is searched.
    const scans = (figure: keyof typeof FACTS) => plan(FACTS[figure]).filter((d) => /^SCAN /.test(d));
    const FIGURES = ['pagesCaptured', 'itemsFiled', 'timeToFileMedian', 'activeHours', 'qcPagesJudged', 'rescansRequested'] as const;
    for (const f of FIGURES) expect(scans(f), f).not.toEqual([]);
    expect(migrate(db, 9)).toBe(9);
    expect(db.prepare('SELECT actor FROM events').pluck().all()).toEqual(['clerk']);
    for (const f of FIGURES) expect(scans(f), f).toEqual([]);
    db.close();
  });
});
