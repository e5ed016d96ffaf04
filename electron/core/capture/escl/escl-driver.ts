import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { DeviceCapabilities, DeviceInfo, ScanSource } from '../../../../shared/contract';
import { sheetOf, ScanFault, type CapturedPage, type DeviceScanOptions, type ScanDriver } from '../scan-driver';
import { parseCapabilities, parseStatus, toDeviceCapabilities, type EsclSourceCaps, type EsclStatus } from './escl-capabilities';
import { writeXml } from './xml-tree';

export interface EsclTiming {
  /** One request, body included; a page at high resolution can take this long to arrive. */
  readonly requestMs: number;
  /** Wait between retries of a 503 (device busy, or the page is not scanned yet). */
  readonly busyRetryMs: number;
  /** 503s in a row before giving up: some devices need many while a high-resolution page loads. */
  readonly busyRetries: number;
}

export const ESCL_TIMING: EsclTiming = { requestMs: 60_000, busyRetryMs: 1000, busyRetries: 30 };

const NS = ' xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm"';
/** A4 in eSCL's unit, 1/300 inch. */
const A4 = { width: 2480, height: 3508 };

/** The eSCL root of a device URI: `http://host:port` means the usual `/eSCL/`. */
function esclRoot(device: string): URL {
  const url = new URL(device);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ScanFault('unsupported', `not an HTTP address: ${device}`);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/eSCL/';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** `{job}/NextDocument`, keeping the job URL exactly as the device gave it. */
const nextDocument = (job: URL): URL => new URL(`${job.href.replace(/\/+$/, '')}/NextDocument`);

/**
 * eSCL (AirScan) over plain HTTP, following the published protocol: POST a ScanSettings document
 * to ScanJobs, take the job's Location exactly as given (absolute, `/eSCL/ScanJob/…` without the
 * s, or relative to the request), then GET NextDocument until the device says 404 or 410; 503
 * means "not yet" and is retried. After any end, the job is deleted. When a request fails, the
 * device's ScannerStatus says why (jam, empty feeder, open cover), as sane-airscan does.
 */
export class EsclDriver implements ScanDriver {
  constructor(private readonly timing: EsclTiming = ESCL_TIMING) {}

  /** eSCL devices are found by mDNS (_uscan._tcp); without a responder here, only URIs given by hand. */
  async listDevices(): Promise<DeviceInfo[]> {
    return [];
  }

  async capabilities(device: string, signal?: AbortSignal): Promise<DeviceCapabilities> {
    return toDeviceCapabilities(`escl:${device}`, await this.readCapabilities(esclRoot(device), signal));
  }

  private async readCapabilities(root: URL, signal?: AbortSignal) {
    const res = await this.request(new URL('ScannerCapabilities', root), { method: 'GET' }, signal, false);
    if (res.status !== 200) throw new ScanFault('device_error', `扫描仪能力查询失败 / ScannerCapabilities answered HTTP ${res.status}`);
    try {
      return parseCapabilities(await res.body);
    } catch (err) {
      throw new ScanFault('device_error', `扫描仪能力无法解析 / unreadable ScannerCapabilities: ${(err as Error).message}`);
    }
  }

  async *scan(device: string, options: DeviceScanOptions, signal: AbortSignal): AsyncIterable<CapturedPage> {
    const root = esclRoot(device);
    const caps = await this.readCapabilities(root, signal);
    const source = caps.sources.get(options.source);
    if (!source) {
      throw new ScanFault('unsupported', `扫描仪不支持该纸张来源 / ${caps.makeAndModel} has no ${options.source} (it offers: ${[...caps.sources.keys()].join(', ')})`);
    }
    const format = ['image/jpeg', 'image/png'].find((f) => source.formats.includes(f));
    if (!format) throw new ScanFault('unsupported', `扫描仪不提供 JPEG 或 PNG / ${caps.makeAndModel} offers neither JPEG nor PNG`);
    const dpi = nearest(source.resolutions, options.dpi);
    const jobs = new URL('ScanJobs', root);
    const body = scanSettings(options.source, source, dpi, options.mode, format);
    const created = await this.retryBusy(() => this.request(jobs, { method: 'POST', body, type: 'text/xml' }, signal, false), signal);
    if (created.status !== 201) throw await this.explain(root, options.source, `ScanJobs answered HTTP ${created.status}`, 0, signal);
    const location = created.headers.get('location');
    if (!location) throw new ScanFault('device_error', '扫描仪没有返回任务地址 / the scanner created a job without a Location');
    const job = new URL(location, jobs);
    const duplex = options.source === 'adf-duplex';
    let pages = 0;
    try {
      for (;;) {
        const res = await this.retryBusy(() => this.request(nextDocument(job), { method: 'GET' }, signal, true), signal);
        if (res.status === 200) {
          const file = path.join(options.workDir, `escl-p${String(pages + 1).padStart(4, '0')}${format === 'image/png' ? '.png' : '.jpg'}`);
          await writeFile(file, await res.bytes);
          pages++;
          yield { path: file, origin: 'device', dpi, ...sheetOf(pages, duplex) };
          continue;
        }
        if (res.status === 404 || res.status === 410) {
          const fault = await this.explain(root, options.source, `NextDocument answered HTTP ${res.status}`, pages, signal, true);
          if (fault) throw fault;
          break;
        }
        throw await this.explain(root, options.source, `NextDocument answered HTTP ${res.status}`, pages, signal);
      }
    } finally {
      // Ends the job on the device in every case: done, fault, or the clerk cancelled.
      await this.request(job, { method: 'DELETE' }, undefined, false).catch(() => undefined);
    }
  }

  private async retryBusy(send: () => Promise<Answer>, signal: AbortSignal): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      const res = await send();
      if (res.status !== 503) return res;
      if (attempt >= this.timing.busyRetries) {
        throw new ScanFault('device_busy', `扫描仪一直忙 / the scanner stayed busy (HTTP 503, ${attempt + 1} tries)`);
      }
      await delay(this.timing.busyRetryMs, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) throw new ScanFault('cancelled', '已取消 / cancelled');
    }
  }

  /**
   * Why a request failed, from ScannerStatus. With `endOk`, an end of pages that the status does
   * not explain is a normal end (null) unless nothing came from the feeder.
   */
  private async explain(root: URL, source: ScanSource, what: string, pages: number, signal: AbortSignal, endOk?: true): Promise<ScanFault | null>;
  private async explain(root: URL, source: ScanSource, what: string, pages: number, signal: AbortSignal): Promise<ScanFault>;
  private async explain(root: URL, source: ScanSource, what: string, pages: number, signal: AbortSignal, endOk = false): Promise<ScanFault | null> {
    let status: EsclStatus | null = null;
    try {
      const res = await this.request(new URL('ScannerStatus', root), { method: 'GET' }, signal, true);
      if (res.status === 200) status = parseStatus(await res.body);
    } catch (err) {
      if (err instanceof ScanFault && (err.code === 'device_lost' || err.code === 'cancelled')) return err;
    }
    const kept = pages > 0 ? `；已保存 ${pages} 页 / ${pages} pages kept` : '';
    const adf = status?.adfState ?? '';
    if (source !== 'flatbed' && /Jam|Mispick/i.test(adf)) return new ScanFault('jammed', `进纸器卡纸 / paper jam in the feeder (${adf})${kept}`);
    if (source !== 'flatbed' && /DoorOpen|HatchOpen/i.test(adf)) return new ScanFault('cover_open', `进纸器盖板打开 / the feeder cover is open (${adf})${kept}`);
    if (source !== 'flatbed' && pages === 0 && /Empty|Processing/i.test(adf)) {
      return new ScanFault('feeder_empty', `进纸器中没有纸张 / the document feeder is empty (${adf})`);
    }
    if (endOk && pages > 0) return null;
    if (endOk && source !== 'flatbed') return new ScanFault('feeder_empty', `进纸器中没有纸张 / no pages came from the feeder (${what})`);
    if (status?.state === 'Processing') return new ScanFault('device_busy', `扫描仪忙 / the scanner is busy (${what})`);
    return new ScanFault('device_error', `扫描仪出错 / the scanner reported an error (${what}${status ? `, state ${status.state}` : ''})${kept}`);
  }

  /**
   * One HTTP exchange with a deadline covering the body too. Network failures become faults:
   * before a job exists the device is not there; during one, it went away.
   */
  private async request(url: URL, init: { method: string; body?: string; type?: string }, signal: AbortSignal | undefined, inJob: boolean): Promise<Answer> {
    const timeout = AbortSignal.timeout(this.timing.requestMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const res = await fetch(url, {
        method: init.method,
        body: init.body,
        headers: init.type ? { 'content-type': init.type } : undefined,
        signal: combined,
        redirect: 'manual',
      });
      const data = Buffer.from(await res.arrayBuffer());
      return { status: res.status, headers: res.headers, bytes: data, body: data.toString('utf8') };
    } catch (err) {
      if (signal?.aborted) throw new ScanFault('cancelled', '已取消 / cancelled');
      if (timeout.aborted) {
        throw new ScanFault('timeout', `扫描仪 ${Math.round(this.timing.requestMs / 1000)} 秒内没有应答 / no answer from the scanner within ${this.timing.requestMs} ms (${init.method} ${url.pathname})`);
      }
      const code = ((err as Error & { cause?: { code?: string } }).cause?.code ?? '') as string;
      if (!inJob) throw new ScanFault('device_not_found', `连不上扫描仪 / cannot reach the scanner at ${url.origin} (${code || (err as Error).message})`);
      throw new ScanFault('device_lost', `扫描中与扫描仪失去连接 / lost the scanner during the scan (${code || (err as Error).message})`);
    }
  }
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Buffer;
  readonly body: string;
}

function nearest(list: readonly number[], dpi: number): number {
  if (list.length === 0) return dpi;
  return [...list].sort((a, b) => Math.abs(a - dpi) - Math.abs(b - dpi) || b - a)[0]!;
}

/** The scan:ScanSettings document: A4 (or the device's largest area when smaller), 1/300 inch units. */
function scanSettings(source: ScanSource, caps: EsclSourceCaps, dpi: number, mode: 'color' | 'gray', format: string): string {
  const colorMode = mode === 'color' && caps.colorModes.includes('RGB24') ? 'RGB24' : caps.colorModes.includes('Grayscale8') ? 'Grayscale8' : 'RGB24';
  const body = writeXml(
    [
      'scan:ScanSettings',
      [
        ['pwg:Version', '2.0'],
        ['scan:Intent', 'Document'],
        [
          'pwg:ScanRegions',
          [
            [
              'pwg:ScanRegion',
              [
                ['pwg:ContentRegionUnits', 'escl:ThreeHundredthsOfInches'],
                ['pwg:XOffset', 0],
                ['pwg:YOffset', 0],
                ['pwg:Width', Math.min(A4.width, caps.maxWidth)],
                ['pwg:Height', Math.min(A4.height, caps.maxHeight)],
              ],
            ],
          ],
        ],
        ['pwg:InputSource', source === 'flatbed' ? 'Platen' : 'Feeder'],
        ['scan:ColorMode', colorMode],
        ['scan:XResolution', dpi],
        ['scan:YResolution', dpi],
        ['pwg:DocumentFormat', format],
        ...(caps.formatExt ? ([['scan:DocumentFormatExt', format]] as const) : []),
        ...(source === 'flatbed' ? [] : ([['scan:Duplex', source === 'adf-duplex']] as const)),
      ],
    ],
    NS,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>${body}`;
}
