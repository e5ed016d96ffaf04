import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';

/**
 * Behaviours real eSCL devices show (DOMAIN.md, sane-airscan's notes), each switchable. All of
 * them are within the published protocol; a client has to cope with every one.
 */
export interface EsclQuirks {
  /** How the job's Location is written: a full URL, a path, `/eSCL/ScanJob/…` without the s, or relative. */
  readonly location: 'absolute' | 'path' | 'no-s' | 'relative';
  /** What NextDocument answers after the last page. */
  readonly endStatus: 404 | 410;
  /** 503s before each page is ready (warming up, a slow high-resolution page). */
  readonly busyBeforePage: number;
  /** The first page is delivered twice (a known firmware fault). */
  readonly duplicateFirstPage: boolean;
  /** Other namespace prefixes than scan:/pwg: (the names are what count). */
  readonly otherPrefixes: boolean;
  /** Duplex declared only as an AdfOption, without its own AdfDuplexInputCaps. */
  readonly duplexAsOption: boolean;
}

export interface EsclFaults {
  /** Another job is running: ScanJobs answers 503. */
  readonly busy?: boolean;
  /** A paper jam when this sheet (1-based, counted over the device's life) is fed: 404 and AdfJam. */
  readonly jamAtSheet?: number;
  /** NextDocument answers 500 for this page of a job (1-based). */
  readonly errorAtPage?: number;
  /** NextDocument never answers for this page of a job. */
  readonly hangAtPage?: number;
  /** The device drops off the network when this page of a job is asked for. */
  readonly vanishAtPage?: number;
}

export const STANDARD: EsclQuirks = {
  location: 'absolute',
  endStatus: 404,
  busyBeforePage: 0,
  duplicateFirstPage: false,
  otherPrefixes: false,
  duplexAsOption: false,
};

interface Job {
  readonly id: string;
  readonly feeder: boolean;
  readonly duplex: boolean;
  readonly dpi: number;
  readonly width: number;
  readonly height: number;
  delivered: number;
  waited: number;
  deleted: boolean;
}

export interface EsclResponder {
  readonly url: string;
  readonly requests: Array<{ method: string; path: string; body: string }>;
  /** Sheets in the feeder. */
  sheets: number;
  faults: EsclFaults;
  close(): Promise<void>;
}

/** An eSCL scanner on 127.0.0.1 with a platen and a duplex feeder, generating form pages as JPEG. */
export async function startEsclResponder(options: { sheets: number; quirks?: Partial<EsclQuirks>; faults?: EsclFaults }): Promise<EsclResponder> {
  const quirks = { ...STANDARD, ...options.quirks };
  const jobs = new Map<string, Job>();
  const sockets = new Set<Socket>();
  let adfState = options.sheets > 0 ? 'ScannerAdfLoaded' : 'ScannerAdfEmpty';
  let state = 'Idle';
  let fed = 0;
  const responder: EsclResponder = {
    url: '',
    requests: [],
    sheets: options.sheets,
    faults: options.faults ?? {},
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const s = quirks.otherPrefixes ? 'ns2' : 'scan';
  const p = quirks.otherPrefixes ? 'ns1' : 'pwg';
  const ns = ` xmlns:${s}="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:${p}="http://www.pwg.org/schemas/2010/12/sm"`;
  const inputCaps = (tag: string) =>
    `<${s}:${tag}><${s}:MinWidth>16</${s}:MinWidth><${s}:MaxWidth>2550</${s}:MaxWidth><${s}:MinHeight>16</${s}:MinHeight><${s}:MaxHeight>4200</${s}:MaxHeight>` +
    `<${s}:SettingProfiles><${s}:SettingProfile><${s}:ColorModes><${s}:ColorMode>BlackAndWhite1</${s}:ColorMode><${s}:ColorMode>Grayscale8</${s}:ColorMode><${s}:ColorMode>RGB24</${s}:ColorMode></${s}:ColorModes>` +
    `<${s}:DocumentFormats><${p}:DocumentFormat>application/pdf</${p}:DocumentFormat><${p}:DocumentFormat>image/jpeg</${p}:DocumentFormat><${s}:DocumentFormatExt>image/jpeg</${s}:DocumentFormatExt></${s}:DocumentFormats>` +
    `<${s}:SupportedResolutions><${s}:DiscreteResolutions>${[75, 100, 150, 200, 300, 600]
      .map((r) => `<${s}:DiscreteResolution><${s}:XResolution>${r}</${s}:XResolution><${s}:YResolution>${r}</${s}:YResolution></${s}:DiscreteResolution>`)
      .join('')}</${s}:DiscreteResolutions></${s}:SupportedResolutions></${s}:SettingProfile></${s}:SettingProfiles></${s}:${tag}>`;
  const capabilities = () =>
    `<?xml version="1.0" encoding="UTF-8"?><${s}:ScannerCapabilities${ns}><${p}:Version>2.63</${p}:Version><${p}:MakeAndModel>Test MFP 9000</${p}:MakeAndModel>` +
    `<${s}:Platen>${inputCaps('PlatenInputCaps')}</${s}:Platen><${s}:Adf>${inputCaps('AdfSimplexInputCaps')}` +
    `${quirks.duplexAsOption ? '' : inputCaps('AdfDuplexInputCaps')}<${s}:FeederCapacity>50</${s}:FeederCapacity>` +
    `<${s}:AdfOptions><${s}:AdfOption>DetectPaperLoaded</${s}:AdfOption><${s}:AdfOption>Duplex</${s}:AdfOption></${s}:AdfOptions></${s}:Adf></${s}:ScannerCapabilities>`;
  const status = () =>
    `<?xml version="1.0" encoding="UTF-8"?><${s}:ScannerStatus${ns}><${p}:Version>2.63</${p}:Version><${p}:State>${state}</${p}:State><${s}:AdfState>${adfState}</${s}:AdfState></${s}:ScannerStatus>`;
  const tag = (xml: string, name: string) => new RegExp(`<(?:\\w+:)?${name}>([^<]*)<`).exec(xml)?.[1];

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      responder.requests.push({ method: req.method ?? '', path: req.url ?? '', body });
      void handle(req, res, body).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(err));
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://device');
    const xml = (text: string): void => void res.writeHead(200, { 'content-type': 'text/xml' }).end(text);
    if (req.method === 'GET' && url.pathname === '/eSCL/ScannerCapabilities') return xml(capabilities());
    if (req.method === 'GET' && url.pathname === '/eSCL/ScannerStatus') return xml(status());
    if (req.method === 'POST' && url.pathname === '/eSCL/ScanJobs') {
      if (responder.faults.busy) return void res.writeHead(503).end();
      const feeder = tag(body, 'InputSource') === 'Feeder';
      if (feeder && responder.sheets === 0) {
        adfState = 'ScannerAdfEmpty';
        return void res.writeHead(409).end();
      }
      const dpi = Number(tag(body, 'XResolution') ?? 300);
      const job: Job = {
        id: randomUUID(),
        feeder,
        duplex: feeder && tag(body, 'Duplex') === 'true',
        dpi,
        width: Math.round((Number(tag(body, 'Width') ?? 2480) / 300) * dpi),
        height: Math.round((Number(tag(body, 'Height') ?? 3508) / 300) * dpi),
        delivered: 0,
        waited: 0,
        deleted: false,
      };
      jobs.set(job.id, job);
      state = 'Processing';
      const location = {
        absolute: `${responder.url}/eSCL/ScanJobs/${job.id}`,
        path: `/eSCL/ScanJobs/${job.id}`,
        'no-s': `/eSCL/ScanJob/${job.id}`,
        relative: `ScanJobs/${job.id}`,
      }[quirks.location];
      return void res.writeHead(201, { location }).end();
    }
    const jobPath = /^\/eSCL\/ScanJobs?\/([\w-]+)(\/NextDocument)?$/.exec(url.pathname);
    const job = jobPath ? jobs.get(jobPath[1]!) : undefined;
    if (!job || job.deleted) return void res.writeHead(404).end();
    if (req.method === 'DELETE' && !jobPath![2]) {
      job.deleted = true;
      state = 'Idle';
      return void res.writeHead(200).end();
    }
    if (req.method !== 'GET' || !jobPath![2]) return void res.writeHead(405).end();
    const page = job.delivered + 1;
    if (responder.faults.vanishAtPage === page) {
      await responder.close();
      return;
    }
    if (responder.faults.hangAtPage === page) return;
    if (responder.faults.errorAtPage === page) {
      state = 'Idle';
      return void res.writeHead(500).end();
    }
    const perSheet = job.duplex ? 2 : 1;
    const firstOfSheet = (page - 1) % perSheet === 0;
    const sheetsLeft = job.feeder ? responder.sheets : page === 1 ? 1 : 0;
    const repeat = quirks.duplicateFirstPage && page === 2;
    if (!repeat && firstOfSheet && sheetsLeft === 0) {
      state = 'Idle';
      if (job.feeder) adfState = 'ScannerAdfEmpty';
      return void res.writeHead(quirks.endStatus).end();
    }
    if (!repeat && firstOfSheet && job.feeder && responder.faults.jamAtSheet === fed + 1) {
      state = 'Idle';
      adfState = 'ScannerAdfJam';
      return void res.writeHead(404).end();
    }
    if (job.waited < quirks.busyBeforePage) {
      job.waited++;
      return void res.writeHead(503).end();
    }
    job.waited = 0;
    const sheet = repeat ? 1 : job.feeder && firstOfSheet ? ++fed : job.feeder ? fed : 1;
    if (job.feeder && firstOfSheet && !repeat) responder.sheets--;
    const side = repeat ? 0 : (page - 1) % perSheet;
    job.delivered++;
    const jpeg = await syntheticJpeg(sheet * 10 + side, { width: job.width, height: job.height, dpi: job.dpi });
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length }).end(jpeg);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  (responder as { url: string }).url = `http://127.0.0.1:${address.port}`;
  return responder;
}
