import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { DeviceCapabilities, DeviceInfo } from '../../../../shared/contract';
import { sheetOf, ScanFault, type CapturedPage, type DeviceScanOptions, type ScanDriver } from '../scan-driver';
import { nearestResolution, parseSaneOptions, type SaneDevice } from './sane-options';
import { faultFromScanimage } from './sane-status';
import { devOverride } from '../../util/dev-override';

/** A4 in millimetres: the scan area asked for wherever the device allows it. */
const A4_MM = { width: 210, height: 297 };
/** After Esc/cancel, scanimage gets this long to stop the device cleanly before it is killed. */
const CANCEL_GRACE_MS = 5000;

/** The scanimage on the PATH; development and tests may point elsewhere (HPF_DESK_SCANIMAGE). */
const scanimage = (): string => devOverride('HPF_DESK_SCANIMAGE') ?? 'scanimage';

interface Run {
  readonly lines: string[];
  readonly code: number | null;
}

function run(args: readonly string[], signal?: AbortSignal): Promise<Run & { stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(scanimage(), args, { stdio: ['ignore', 'pipe', 'pipe'], signal });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT'
          ? new ScanFault('unsupported', '未安装 SANE（scanimage）/ SANE (scanimage) is not installed')
          : err.name === 'AbortError'
            ? new ScanFault('cancelled', '已取消 / cancelled')
            : err,
      ),
    );
    child.on('close', (code) => resolve({ stdout, lines: stderr.split('\n'), code }));
  });
}

/**
 * SANE through `scanimage`, which drives every SANE backend the same way. Feeder runs use
 * scanimage's batch mode: it writes each page to its own file and reports "Scanned page N" once
 * the file is complete, so pages stream to the pipeline while the feeder keeps going. A run that
 * ends in a fault reports it after the pages that did arrive.
 */
export class SaneDriver implements ScanDriver {
  async listDevices(signal?: AbortSignal): Promise<DeviceInfo[]> {
    const { stdout } = await run(['-f', '%d\t%v %m%n'], signal);
    return stdout
      .split('\n')
      .map((l) => l.split('\t'))
      .filter((parts) => parts[0])
      .map(([device, name]) => ({ uri: `sane:${device}`, name: `${name ?? device} (${device})`, driver: 'sane' as const }));
  }

  async describe(device: string, signal?: AbortSignal): Promise<SaneDevice> {
    const result = await run(['-d', device, '-A'], signal);
    if (result.code !== 0) {
      const fault = faultFromScanimage(result.lines, result.code, 0);
      throw fault === 'end' ? new ScanFault('device_error', `cannot read the options of ${device}`) : fault;
    }
    return parseSaneOptions(`sane:${device}`, result.stdout);
  }

  async capabilities(device: string, signal?: AbortSignal): Promise<DeviceCapabilities> {
    return (await this.describe(device, signal)).capabilities;
  }

  async *scan(device: string, options: DeviceScanOptions, signal: AbortSignal): AsyncIterable<CapturedPage> {
    const described = await this.describe(device, signal);
    const sourceArgs = described.sourceArgs.get(options.source);
    if (!sourceArgs) {
      throw new ScanFault(
        'unsupported',
        `扫描仪不支持该纸张来源 / ${device} has no ${options.source} (it offers: ${described.capabilities.sources.join(', ') || 'none'})`,
      );
    }
    const dpi = nearestResolution(described, options.dpi);
    const mode = described.modeNames.get(options.mode) ?? described.modeNames.get('gray') ?? described.modeNames.get('color');
    const area = described.maxArea
      ? ['-x', String(Math.min(A4_MM.width, described.maxArea.width)), '-y', String(Math.min(A4_MM.height, described.maxArea.height))]
      : [];
    const feeder = options.source !== 'flatbed';
    const pattern = path.join(options.workDir, 'sane-p%04d.png');
    const args = [
      '-d', device,
      '--format=png',
      `--resolution=${dpi}`,
      ...(mode ? [`--mode=${mode}`] : []),
      ...sourceArgs,
      ...area,
      `--batch=${pattern}`,
      ...(feeder ? [] : ['--batch-count=1']),
    ];
    yield* this.batch(args, pattern, dpi, options.source === 'adf-duplex', signal);
  }

  private async *batch(args: string[], pattern: string, dpi: number, duplex: boolean, signal: AbortSignal): AsyncIterable<CapturedPage> {
    signal.throwIfAborted();
    const child = spawn(scanimage(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const lines: string[] = [];
    const exited = new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve(code));
    });
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      // SIGINT makes scanimage call sane_cancel, which stops the feeder and ejects cleanly.
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), CANCEL_GRACE_MS);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    let pages = 0;
    // scanimage reports a page before renaming its .part file into place; the page is there once
    // scanimage says anything more (the next page, the end of the batch) or exits.
    let finished: string | null = null;
    const take = async (): Promise<CapturedPage | null> => {
      if (finished === null) return null;
      const file = finished;
      finished = null;
      await access(file);
      pages++;
      return { path: file, origin: 'device', dpi, ...sheetOf(pages, duplex) };
    };
    try {
      for await (const line of createInterface({ input: child.stderr })) {
        lines.push(line);
        const page = await take();
        if (page) yield page;
        const done = /^Scanned page (\d+)\. \(scanner status = (\d+)\)/.exec(line);
        if (done && Number(done[2]) === 5) finished = pattern.replace('%04d', done[1]!.padStart(4, '0'));
      }
      const code = await exited;
      const last = await take();
      if (last) yield last;
      if (signal.aborted) throw new ScanFault('cancelled', `已取消，已保存 ${pages} 页 / cancelled; ${pages} pages kept`);
      const outcome = faultFromScanimage(lines, code, pages);
      if (outcome !== 'end') throw outcome;
    } finally {
      signal.removeEventListener('abort', onAbort);
      if (child.exitCode === null && child.signalCode === null) onAbort();
      await exited.catch(() => undefined);
      clearTimeout(killTimer);
    }
  }
}
