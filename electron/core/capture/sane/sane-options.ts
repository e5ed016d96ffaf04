import type { DeviceCapabilities, ScanSource } from '../../../../shared/contract';

/** One option line of `scanimage -A`: name, its constraint text and current value. */
interface OptionLine {
  readonly name: string;
  readonly constraint: string;
  readonly value: string;
}

/** How to ask this device for each of our sources, modes and the A4 scan area, in its own words. */
export interface SaneDevice {
  readonly capabilities: DeviceCapabilities;
  readonly sourceArgs: ReadonlyMap<ScanSource, readonly string[]>;
  readonly modeNames: ReadonlyMap<'color' | 'gray' | 'bw', string>;
  /** Resolution constraint: a list of values or a range. */
  readonly resolution: { readonly list: readonly number[] } | { readonly min: number; readonly max: number };
  /** Largest width/height (mm) of the scan area, when the device exposes geometry options. */
  readonly maxArea: { readonly width: number; readonly height: number } | null;
}

const STANDARD_DPI = [75, 100, 150, 200, 240, 300, 400, 600, 1200];
const OPTION = /^\s+(-[a-z]|--[\w-]+)(?:\[=\((.*)\)\])?\s+(.*?)\s*\[(.*)\]\s*$/;

function readOptions(text: string): Map<string, OptionLine> {
  const options = new Map<string, OptionLine>();
  for (const line of text.split('\n')) {
    const m = OPTION.exec(line);
    if (!m) continue;
    const name = m[1]!.replace(/^-+/, '');
    // A boolean option prints its choices as `--name[=(yes|no)] [value]`.
    const constraint = m[2] ?? m[3]!;
    if (m[4] === 'inactive') continue;
    options.set(name, { name, constraint, value: m[4]! });
  }
  return options;
}

const choices = (constraint: string): string[] =>
  constraint
    .replace(/\s*\(in steps of [\d.]+\)\s*$/, '')
    .split('|')
    .map((c) => c.trim().replace(/(dpi|mm|%|pel|bit|us)$/, ''))
    .filter((c) => c.length > 0);

function range(constraint: string): { min: number; max: number } | null {
  const m = /^(-?[\d.]+)\.\.(-?[\d.]+)/.exec(constraint.trim());
  return m ? { min: Number(m[1]), max: Number(m[2]) } : null;
}

function sourceOf(name: string): ScanSource | null {
  if (/duplex/i.test(name)) return 'adf-duplex';
  if (/back/i.test(name)) return null;
  if (/adf|feeder|automatic document/i.test(name)) return 'adf';
  if (/flatbed|platen|glass|normal/i.test(name)) return 'flatbed';
  return null;
}

function modeOf(name: string): 'color' | 'gray' | 'bw' | null {
  if (/colou?r|rgb/i.test(name)) return 'color';
  if (/gr[ae]y/i.test(name)) return 'gray';
  if (/lineart|binary|black|halftone|mono/i.test(name)) return 'bw';
  return null;
}

/**
 * Read a device's capabilities from its own option list (`scanimage -d DEV -A`). Backends name
 * things differently ("ADF Duplex", "Automatic Document Feeder", a separate `--duplex` switch or
 * `--adf-mode Duplex`; "Color", "24bit Color"…), so sources and modes are matched by meaning and
 * the device's own words are kept for the scan command.
 */
export function parseSaneOptions(uri: string, text: string): SaneDevice {
  const options = readOptions(text);
  const sourceArgs = new Map<ScanSource, string[]>();
  const source = options.get('source');
  if (source) {
    for (const name of choices(source.constraint)) {
      const ours = sourceOf(name);
      if (ours && !sourceArgs.has(ours)) sourceArgs.set(ours, [`--source=${name}`]);
    }
  } else {
    sourceArgs.set('flatbed', []);
  }
  const adf = sourceArgs.get('adf');
  if (adf && !sourceArgs.has('adf-duplex')) {
    const adfMode = options.get('adf-mode');
    const duplexSwitch = options.get('duplex');
    if (adfMode && choices(adfMode.constraint).some((c) => /duplex/i.test(c))) {
      sourceArgs.set('adf-duplex', [...adf, `--adf-mode=${choices(adfMode.constraint).find((c) => /duplex/i.test(c))}`]);
    } else if (duplexSwitch) {
      sourceArgs.set('adf-duplex', [...adf, '--duplex=yes']);
    }
  }
  const modeNames = new Map<'color' | 'gray' | 'bw', string>();
  const mode = options.get('mode');
  for (const name of mode ? choices(mode.constraint) : []) {
    const ours = modeOf(name);
    if (ours && !modeNames.has(ours)) modeNames.set(ours, name);
  }
  const res = options.get('resolution') ?? options.get('x-resolution');
  const resRange = res ? range(res.constraint) : null;
  const resolution = resRange ?? { list: res ? choices(res.constraint).map(Number).filter(Number.isFinite) : [] };
  const resolutions =
    'list' in resolution ? [...resolution.list] : STANDARD_DPI.filter((d) => d >= resolution.min && d <= resolution.max);
  const x = options.get('x');
  const y = options.get('y');
  const xr = x ? range(x.constraint) : null;
  const yr = y ? range(y.constraint) : null;
  const order: readonly ScanSource[] = ['flatbed', 'adf', 'adf-duplex'];
  return {
    capabilities: {
      uri,
      sources: order.filter((s) => sourceArgs.has(s)),
      resolutions,
      modes: (['color', 'gray', 'bw'] as const).filter((m) => modeNames.has(m)),
    },
    sourceArgs,
    modeNames,
    resolution,
    maxArea: xr && yr ? { width: xr.max, height: yr.max } : null,
  };
}

/** The supported resolution nearest to the one asked for (ties go up: more detail, not less). */
export function nearestResolution(device: SaneDevice, dpi: number): number {
  const r = device.resolution;
  if (!('list' in r)) return Math.min(r.max, Math.max(r.min, dpi));
  if (r.list.length === 0) return dpi;
  return [...r.list].sort((a, b) => Math.abs(a - dpi) - Math.abs(b - dpi) || b - a)[0]!;
}
