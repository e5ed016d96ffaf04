import { OcrEngineName, ScanMode, ScanSettings, ScanSource, type ScanResult } from '../../../../shared/contract';
import { createDriver, listAllDevices, parseDeviceUri } from '../../capture/device-factory';
import { ScanFault } from '../../capture/scan-driver';
import { factoryDriver, runScan } from '../../capture/scan-session';
import { createBatch, findBatch } from '../../store/repo/batches';
import { listProfiles } from '../../store/repo/scan-profiles';
import { UsageError } from '../cli-io';
import { valueOptions, type Command } from '../command';

export const scanCommand: Command = {
  name: 'scan',
  usage: 'scan --device URI [--source flatbed|adf|adf-duplex] [--dpi N] [--mode color|gray|bw] [--ocr-engine default|ppocr|tesseract] [--batch ID|NAME]',
  summary: '从扫描仪扫描到批次 / scan into a batch (sane:DEVICE, escl:http://host:port, hotfolder:/dir); --list, --capabilities, --profile, --continue SESSION, --watch',
  options: {
    ...valueOptions('device', 'source', 'dpi', 'mode', 'ocr-engine', 'batch', 'profile', 'continue'),
    watch: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
    capabilities: { type: 'boolean', default: false },
  },
  async run({ open, io, values }) {
    if (values.list) {
      const devices = await listAllDevices();
      io.result(devices, () => (devices.length ? devices.map((d) => `${d.uri}  ${d.name}`).join('\n') : '没有找到扫描仪 / no scanners found'));
      return 0;
    }
    const device = values.device as string | undefined;
    if (values.capabilities) {
      if (!device) throw new UsageError('scan --capabilities: 请给出 --device / give --device');
      const { kind, device: name } = parseDeviceUri(device);
      const caps = await createDriver(kind).capabilities(name).catch(faultToUsage);
      io.result(caps, () => [`${caps.uri}`, `  sources: ${caps.sources.join(', ')}`, `  dpi: ${caps.resolutions.join(', ')}`, `  modes: ${caps.modes.join(', ')}`].join('\n'));
      return 0;
    }
    const ctx = await open();
    try {
      const settings = values.continue ? null : resolveSettings(values, listProfiles(ctx.db));
      const wanted = values.batch as string | undefined;
      const batch =
        (wanted && findBatch(ctx.db, wanted)) ||
        createBatch(ctx.db, ctx.actor, { name: wanted ?? `扫描 ${new Date().toISOString()}`, kind: 'backfile', business: null });
      if (batch.state !== 'open') throw new UsageError(`批次已关闭 / batch ${batch.name} is closed`);
      ctx.subscribe((e) => {
        if (e.type === 'scan.page') io.progress(e.pages, e.pages, e.file);
      });
      const controller = new AbortController();
      // Ctrl+C stops the feeder; the pages already scanned are committed and reported.
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      let result: ScanResult;
      try {
        result = await runScan(
          { ...ctx, resolveDriver: factoryDriver({ watchFolders: values.watch === true }) },
          settings ? { batchId: batch.id, settings } : { batchId: batch.id, continueSession: values.continue as string },
          controller.signal,
        ).catch(faultToUsage);
      } finally {
        process.off('SIGINT', stop);
      }
      io.result(result, () => describeScan(batch.name, result));
      return scanExitCode(result);
    } finally {
      await ctx.close();
    }
  },
};

function resolveSettings(values: Readonly<Record<string, unknown>>, profiles: ReturnType<typeof listProfiles>): ScanSettings {
  const profileName = values.profile as string | undefined;
  const profile = profileName ? profiles.find((p) => p.name === profileName || String(p.key) === profileName) : undefined;
  if (profileName && !profile) throw new UsageError(`没有这个扫描方案 / no scan profile “${profileName}”`);
  const device = (values.device as string | undefined) ?? profile?.settings.device;
  if (!device) throw new UsageError('scan: 请给出 --device（如 sane:test 或 escl:http://host:port）/ give --device (e.g. sane:test, escl:http://host:port)');
  const source = values.source === undefined ? profile?.settings.source : ScanSource.safeParse(values.source).data;
  if (values.source !== undefined && !source) throw new UsageError('--source must be flatbed, adf or adf-duplex');
  const mode = values.mode === undefined ? profile?.settings.mode : ScanMode.safeParse(values.mode).data;
  if (values.mode !== undefined && !mode) throw new UsageError('--mode must be color, gray or bw');
  const dpi = values.dpi === undefined ? profile?.settings.dpi : Number(values.dpi);
  // `default`: the station's engine when the pages are queued, even over a profile's own choice.
  const engineArg = values['ocr-engine'];
  const ocrEngine = engineArg === undefined ? profile?.settings.ocrEngine : engineArg === 'default' ? undefined : OcrEngineName.safeParse(engineArg).data;
  if (engineArg !== undefined && engineArg !== 'default' && !ocrEngine) throw new UsageError('--ocr-engine must be default, ppocr or tesseract');
  const parsed = ScanSettings.safeParse({ device, source, dpi, mode, post: profile?.settings.post, ocrEngine });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

/** A fault before anything was scanned (device missing, session not found) is the caller's to fix. */
function faultToUsage(err: unknown): never {
  if (err instanceof ScanFault) throw new UsageError(`[${err.code}] ${err.message}`);
  throw err;
}

/** 0: scanned without a fault; 2: a fault after pages were stored (they are kept); 1: nothing stored. */
export function scanExitCode(result: ScanResult): number {
  const stored = result.imported.length + result.duplicates.length;
  if (result.error === null && result.rejected.length === 0) return 0;
  return stored > 0 ? 2 : 1;
}

function describeScan(batchName: string, r: ScanResult): string {
  const pages = r.imported.reduce((n, f) => n + f.pages, 0);
  const lines = [
    `批次 batch: ${batchName} (${r.batch})`,
    `扫描任务 session: ${r.session} — ${r.state}`,
    `已保存 stored: ${pages} 页 pages`,
  ];
  if (r.duplicates.length) lines.push(`重复 duplicates: ${r.duplicates.length}`);
  if (r.rejected.length) lines.push(`拒收 rejected: ${r.rejected.length}`);
  for (const x of r.rejected) lines.push(`  ✗ ${x.file}  [${x.error.code}] ${x.error.message}`);
  if (r.error) {
    lines.push(`✗ [${r.error.code}] ${r.error.message}`);
    if (r.error.code !== 'cancelled') lines.push(`  继续扫描 continue: hpf-desk scan --continue ${r.session} --batch ${r.batch}`);
  }
  return lines.join('\n');
}
