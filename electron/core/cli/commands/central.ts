import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FIGURE_IDS } from '../../../../shared/stats/figures';
import { formatFigure } from '../../../../shared/stats/format-figure';
import { stationDate } from '../../../../shared/stats/range';
import { figureHeader } from '../../../../shared/stats/stats-table';
import type { StationMonth } from '../../../../shared/stats/supervision';
import { CentreBucket } from '../../central/bucket';
import type { CentreStore } from '../../central/centre-store';
import { CentreFolder } from '../../central/folder-store';
import { readKeyFile, writeNewKeyFile } from '../../central/centre-keys';
import { centralStats, centralStatsWorkbook } from '../../central/central-stats';
import { publishReference } from '../../central/publish-reference';
import { Receiver } from '../../central/receiver';
import { openCatalogue } from '../../central/open-catalogue';
import { writeDurably } from '../../files/durable-copy';
import { insecureEndpointProblem } from '../../sync/endpoint-policy';
import { parseTargetUri, TargetError } from '../../sync/target-spec';
import { keyIdOf } from '../../trust/signed-envelope';
import { SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from '../../trust/signing';
import { UsageError } from '../cli-io';
import { valueOptions, type Command, type CommandInput } from '../command';

const USAGE = 'central keygen|watch|receive|publish|stations|stats [--month YYYY-MM] [--xlsx FILE]|catalogue search TEXT [--key FILE] [--catalogue FILE|postgres://…] [--bucket B [--endpoint URL] | --folder PATH]';

const keyFile = (input: CommandInput) => String(input.values.key ?? path.join(input.dataDir, 'centre-key.json'));
const catalogueFile = (input: CommandInput) => String(input.values.catalogue ?? path.join(input.dataDir, 'central-catalogue.sqlite'));

function positive(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer`);
  return n;
}

const ARCHIVE_DEFAULT = '中心档案馆 / central archive';

/** A month's figures for people: one block per station, the all-stations block last. */
function humanStats(month: string, rows: readonly StationMonth[]): string {
  if (rows.length === 0) return `${month}：尚无网点报送统计 / no station sent figures for ${month}`;
  return rows
    .map((r) => [`■ ${r.stationName} (${r.stationId}) ${month}`, ...FIGURE_IDS.map((id) => `  ${figureHeader(id).padEnd(36)} ${formatFigure(id, r.values[id])}`)].join('\n'))
    .join('\n\n');
}

/** Where the bags arrive: `--bucket` (with `--endpoint`, `--prefix`) or `--folder` (a returned USB disk, a share). */
function openStore(input: CommandInput): CentreStore {
  const { values } = input;
  if ((values.bucket === undefined) === (values.folder === undefined)) throw new UsageError('--bucket NAME or --folder PATH is needed (one of them)');
  if (values.folder !== undefined) return new CentreFolder(String(values.folder));
  try {
    const spec = parseTargetUri(`s3://${String(values.bucket)}/${String(values.prefix ?? '')}`, { endpoint: (values.endpoint as string | undefined) ?? null });
    if (spec.kind !== 's3') throw new UsageError('--bucket names an S3 bucket');
    const insecure = values['allow-http'] ? null : insecureEndpointProblem(spec, []);
    if (insecure !== null) throw new UsageError(insecure);
    return new CentreBucket(spec);
  } catch (err) {
    if (err instanceof TargetError) throw new UsageError(err.message);
    throw err;
  }
}

/**
 * `watch` polls until stopped (a bucket, or a share branches write to); `receive` makes one pass
 * and says what it did — what an operator runs on a USB disk brought back from a branch before
 * handing it back. Its exit code is 1 when a bag could not be read (run it again), else 0: a
 * rejection is an answer the station acts on, not a failure of the receipt.
 */
async function receive(input: CommandInput, once: boolean): Promise<number> {
  const { values, io } = input;
  const keys = await readKeyFile(keyFile(input));
  const store = openStore(input);
  const catalogue = await openCatalogue(catalogueFile(input));
  const tally = { accepted: 0, rejected: 0, failed: 0 };
  const receiver = new Receiver({
    store, catalogue, keys, carrierKeys: keys.encryption,
    archive: String(values.archive ?? ARCHIVE_DEFAULT),
    leaseMs: positive(values['lease-ms'], 'lease-ms', 60_000),
    onError: (bag, err) => {
      tally.failed++;
      io.note(`! ${bag.prefix}${bag.batchId}: ${(err as Error).message}`);
    },
    onReceipt: (r) => {
      tally[r.status]++;
      io.note(`${r.status === 'accepted' ? '✓' : '✗'} ${r.bag.prefix}${r.bag.batchId} ${r.status}${r.reason ? `: ${r.reason}` : ''}${r.resumed ? ' (resumed)' : ''}`);
    },
  });
  const pollMs = positive(values['poll-ms'], 'poll-ms', 5_000);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  let total = 0;
  try {
    do {
      try {
        total += (await receiver.pass(stop.signal)).acknowledged;
      } catch (err) {
        if (stop.signal.aborted) break;
        // A store that is briefly unreachable (or a disk not yet mounted) is tried again at the next poll; the leases keep the work safe.
        tally.failed++;
        io.note(`central ${once ? 'receive' : 'watch'}: ${(err as Error).message}`);
      }
      if (once) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, pollMs);
        stop.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      });
    } while (!stop.signal.aborted);
  } finally {
    store.close();
    await catalogue.close();
  }
  io.result({ acknowledged: total, ...tally, store: store.label, owner: receiver.owner }, () =>
    `${store.label}: 已确认 acknowledged ${total}（接收 accepted ${tally.accepted}，拒收 rejected ${tally.rejected}${tally.failed ? `，未能读取 unreadable ${tally.failed}` : ''}）`);
  return once && tally.failed > 0 ? 1 : 0;
}

/**
 * `hpf-desk central …`: the reference receiver a centre runs beside its object store (headless,
 * no Electron, no station store): its key, the watch loop, reference-data publishing, and the
 * catalogue of what every station sent.
 */
export const centralCommand: Command = {
  name: 'central',
  usage: USAGE,
  summary: '中心端参考接收服务：密钥、接收确认、发布参考数据、目录 / the centre’s reference receiver: keys, receipt and signed acks, reference data, catalogue',
  options: {
    ...valueOptions('key', 'catalogue', 'bucket', 'folder', 'prefix', 'endpoint', 'algorithm', 'archive', 'poll-ms', 'lease-ms', 'revision', 'to', 'limit', 'month', 'xlsx'),
    once: { type: 'boolean', default: false },
    'allow-http': { type: 'boolean', default: false },
  },
  async run(input) {
    const { positionals, values, io } = input;
    const [sub, ...rest] = positionals;
    switch (sub) {
      case 'keygen': {
        const algorithm = String(values.algorithm ?? 'ed25519') as SignatureAlgorithm;
        if (!SIGNATURE_ALGORITHMS.includes(algorithm)) throw new UsageError(`--algorithm ${SIGNATURE_ALGORITHMS.join('|')}`);
        const file = keyFile(input);
        const keys = await writeNewKeyFile(file, algorithm).catch((err: NodeJS.ErrnoException) => {
          if (err.code === 'EEXIST') throw new UsageError(`${file} 已存在，不会覆盖 / exists and is never overwritten`);
          throw err;
        });
        // The encryption key's public half goes into the provisioning file (centre.encryptionKey) beside the signing key's.
        const encryptionKey = keys.encryption && { algorithm: keys.encryption.algorithm, publicKey: keys.encryption.publicKey };
        const out = { key: file, algorithm, publicKey: keys.publicKey, keyId: keyIdOf(keys), encryptionKey };
        io.result(out, () => `密钥 key: ${file}\n算法 algorithm: ${algorithm}\n公钥 public key: ${keys.publicKey}\n标识 key id: ${out.keyId}\n加密公钥 encryption key (${encryptionKey?.algorithm ?? '-'}): ${encryptionKey?.publicKey ?? '-'}`);
        return 0;
      }
      case 'watch':
        return receive(input, values.once === true);
      case 'receive':
        return receive(input, true);
      case 'publish': {
        if (rest.length === 0) throw new UsageError('central publish FILE… --revision N [--to PREFIX,…]');
        const revision = positive(values.revision, 'revision', 0);
        const keys = await readKeyFile(keyFile(input));
        const files = new Map<string, Buffer>();
        for (const f of rest) files.set(path.basename(f), await readFile(f));
        const catalogue = await openCatalogue(catalogueFile(input));
        const prefixes = values.to === undefined ? (await catalogue.stations()).map((s) => s.prefix) : String(values.to).split(',').map((p) => (p === '' || p.endsWith('/') ? p : `${p}/`));
        await catalogue.close();
        if (prefixes.length === 0) throw new UsageError('no stations known yet: give --to PREFIX,…');
        const store = openStore(input);
        try {
          await publishReference(store, keys, prefixes, revision, files);
        } finally {
          store.close();
        }
        io.result({ revision, files: [...files.keys()], prefixes }, () => `已发布第 ${revision} 版 / published revision ${revision} to ${prefixes.join(', ')}`);
        return 0;
      }
      case 'stations': {
        const catalogue = await openCatalogue(catalogueFile(input));
        const stations = await catalogue.stations();
        await catalogue.close();
        const now = Date.now();
        const out = stations.map((s) => ({ ...s, lagSeconds: Math.round((now - Date.parse(s.lastReceivedAt)) / 1000) }));
        io.result(out, () => out.map((s) => `${s.stationId} ${s.name} 全宗 ${s.fonds} ${s.prefix}  bags ${s.bags}  last ${s.lastBatch} ${s.lastStatus} ${s.lastReceivedAt} (${s.lagSeconds}s ago)  chain ${s.chainHead ? `#${s.chainHead.id} ${s.chainHead.hash.slice(0, 12)}` : '-'}`).join('\n') || '（尚无 none）');
        return 0;
      }
      case 'stats': {
        const month = String(values.month ?? stationDate(new Date()).slice(0, 7));
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError('--month YYYY-MM');
        const catalogue = await openCatalogue(catalogueFile(input));
        const stats = centralStats(await catalogue.supervisionFiles().finally(() => catalogue.close()), month);
        const written: string[] = [];
        if (typeof values.xlsx === 'string') {
          const out = path.resolve(values.xlsx);
          await writeDurably(Readable.from([await centralStatsWorkbook(stats, String(values.archive ?? ARCHIVE_DEFAULT))]), out);
          written.push(out);
        }
        const rows = stats.total ? [...stats.stations, stats.total] : [];
        io.result({ ...stats, written }, () => [humanStats(month, rows), ...written.map((f) => `已写入 written: ${f}`)].join('\n'));
        return 0;
      }
      case 'catalogue': {
        if (rest[0] !== 'search' || rest[1] === undefined) throw new UsageError('central catalogue search TEXT');
        const catalogue = await openCatalogue(catalogueFile(input));
        const hits = await catalogue.search(rest[1], positive(values.limit, 'limit', 50));
        await catalogue.close();
        io.result(hits, () => hits.map((h) => `${h.stationId} ${h.batchId} ${h.archivalCode} ${h.title}`).join('\n') || '（无结果 no hits）');
        return 0;
      }
      default:
        throw new UsageError(USAGE);
    }
  },
};
