import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget } from '../../electron/core/sync/open-target';
import { syncOnce } from '../../electron/core/sync/sync-engine';
import { parseTargetUri } from '../../electron/core/sync/target-spec';
import { generateSigningKeys } from '../../electron/core/trust/signing';
import { FIGURE_IDS, FIGURES } from '../../shared/stats/figures';
import { SupervisionFile } from '../../shared/stats/supervision';
import { CentralArchive, provisionStation } from '../helpers/central-archive';
import { referenceReceiver } from '../helpers/reference-receiver';
import { runCli } from '../helpers/run-cli';
import { BUCKET, CREDENTIALS, TestS3Server } from '../helpers/s3-server';
import { storeWithQueuedBatch, writeSyncFixtures } from '../helpers/sync-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
let server: TestS3Server;

beforeAll(async () => {
  Object.assign(process.env, CREDENTIALS);
  server = await TestS3Server.start();
});
afterAll(() => server.stop());

const COUNTS = FIGURE_IDS.filter((id) => FIGURES[id].how.kind === 'count');

describe('the centre’s statistics from the stations’ bags', () => {
  it('records each accepted bag’s supervision.json and `central stats` gives every station’s figures and their sum for the month, as JSON and as a workbook', async () => {
    const root = await tempDir();
    const keys = generateSigningKeys('ed25519');
    const fixtures = await writeSyncFixtures(path.join(root, 'in'));
    const catalogueFile = path.join(root, 'catalogue.sqlite');
    const centre = referenceReceiver(server.endpoint, keys, catalogueFile);
    const reader = new CentralArchive(server.endpoint, '');
    const sent: SupervisionFile[] = [];
    try {
      // Two real stations, each sending one bag under its own prefix; a different number of pages each.
      for (const [prefix, files] of [['branch-a', fixtures], ['branch-b', fixtures.slice(0, 2)]] as const) {
        const station = await storeWithQueuedBatch(path.join(root, prefix), files);
        try {
          const uri = `s3://${BUCKET}/${prefix}`;
          provisionStation(station.ctx.db, keys, { uri, endpoint: server.endpoint, region: null });
          const target = openTarget(parseTargetUri(uri, { endpoint: server.endpoint }));
          try {
            expect((await syncOnce(station.ctx, { target, force: true })).sent).toEqual([station.batchId]);
          } finally {
            target.close();
          }
          const bytes = await reader.read(`${prefix}/bags/${station.batchId}/data/metadata/supervision.json`);
          sent.push(SupervisionFile.parse(JSON.parse(bytes!.toString('utf8'))));
        } finally {
          await station.ctx.close();
        }
      }
      expect(await centre.receiver.pass()).toEqual({ acknowledged: 2, skipped: 0 });
    } finally {
      reader.close();
      await centre.close();
    }

    const month = sent[0]!.period.fromDate.slice(0, 7);
    const sum = (id: (typeof COUNTS)[number], files: readonly SupervisionFile[]) => files.reduce((n, f) => n + f.days.reduce((m, d) => m + (d.values[id] ?? 0), 0), 0);
    expect(sum('pagesCaptured', sent.slice(0, 1))).not.toBe(sum('pagesCaptured', sent.slice(1)));
    expect(sum('pagesCaptured', sent.slice(1))).toBeGreaterThan(0);

    const xlsx = path.join(root, 'centre.xlsx');
    const run = await runCli(['central', 'stats', '--catalogue', catalogueFile, '--month', month, '--xlsx', xlsx, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { month: string; stations: Array<{ stationId: string; values: Record<string, number | null> }>; total: { values: Record<string, number | null> } };
    expect(out.month).toBe(month);
    expect(out.stations.map((s) => s.stationId)).toEqual(sent.map((f) => f.station.id).sort());
    for (const id of COUNTS) {
      for (const f of sent) expect(out.stations.find((s) => s.stationId === f.station.id)!.values[id]).toBe(sum(id, [f]));
      expect(out.total.values[id]).toBe(sum(id, sent));
    }
    expect(out.total.values.openBatches).toBe(sent.reduce((n, f) => n + f.snapshot.openBatches, 0));

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const sheet = book.getWorksheet('按网点')!;
    const pagesColumn = 2 + FIGURE_IDS.indexOf('pagesCaptured');
    expect(sheet.getRow(2).getCell(1).value).toBe('网点 (station)');
    expect(sheet.getRow(2).getCell(pagesColumn).value).toBe('采集页数 (pages captured)');
    const totalRow = sheet.getRow(2 + sent.length + 1);
    expect(totalRow.getCell(1).value).toBe('合计 (all stations)');
    expect(totalRow.getCell(pagesColumn).value).toBe(sum('pagesCaptured', sent));
    expect(totalRow.getCell(pagesColumn).numFmt).toBe('#,##0');
    for (const [i, f] of [...sent].sort((a, b) => (a.station.id < b.station.id ? -1 : 1)).entries()) {
      expect(sheet.getRow(3 + i).getCell(pagesColumn).value).toBe(sum('pagesCaptured', [f]));
    }
    expect(book.getWorksheet('各月合计')!.getRow(3).getCell(1).value).toBe(month);
    expect(book.getWorksheet('指标说明')).toBeDefined();
  });
});
