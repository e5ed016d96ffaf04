import type { DeviceCapabilities, ScanSource } from '../../../../shared/contract';
import { findAll, findFirst, parseXml, textOf, type XmlElement } from './xml-tree';

/** One input source's settings as the device declares them (its InputCaps element). */
export interface EsclSourceCaps {
  /** Largest scan area, in 1/300 inch. */
  readonly maxWidth: number;
  readonly maxHeight: number;
  readonly colorModes: readonly string[];
  readonly formats: readonly string[];
  readonly resolutions: readonly number[];
  /** The device lists formats under scan:DocumentFormatExt, so it expects that element too. */
  readonly formatExt: boolean;
}

export interface EsclCapabilities {
  readonly makeAndModel: string;
  readonly sources: ReadonlyMap<ScanSource, EsclSourceCaps>;
}

const STANDARD_DPI = [75, 100, 150, 200, 300, 400, 600, 1200];

function sourceCaps(el: XmlElement): EsclSourceCaps {
  const num = (name: string, fallback: number) => Number(textOf(el, name) ?? fallback) || fallback;
  const discrete = findAll(el, 'DiscreteResolution')
    .map((r) => [Number(textOf(r, 'XResolution')), Number(textOf(r, 'YResolution'))] as const)
    .filter(([x, y]) => x > 0 && x === y)
    .map(([x]) => x);
  let resolutions = [...new Set(discrete)].sort((a, b) => a - b);
  const rangeEl = findFirst(el, 'ResolutionRange');
  if (resolutions.length === 0 && rangeEl) {
    const x = findFirst(rangeEl, 'XResolution') ?? rangeEl;
    const min = Number(textOf(x, 'Min') ?? 0);
    const max = Number(textOf(x, 'Max') ?? 0);
    resolutions = STANDARD_DPI.filter((d) => d >= min && d <= max);
  }
  return {
    maxWidth: num('MaxWidth', 2550),
    maxHeight: num('MaxHeight', 3508),
    colorModes: [...new Set(findAll(el, 'ColorMode').map((c) => c.text))],
    formats: [...new Set([...findAll(el, 'DocumentFormat'), ...findAll(el, 'DocumentFormatExt')].map((f) => f.text.toLowerCase()))],
    resolutions,
    formatExt: findAll(el, 'DocumentFormatExt').length > 0,
  };
}

/**
 * Parse `GET /eSCL/ScannerCapabilities`. Devices describe duplex in two ways: their own
 * AdfDuplexInputCaps, or only an AdfOption "Duplex" with the simplex caps standing for both.
 */
export function parseCapabilities(xml: string): EsclCapabilities {
  const root = parseXml(xml);
  if (root.name !== 'ScannerCapabilities') throw new Error(`not scanner capabilities: <${root.name}>`);
  const sources = new Map<ScanSource, EsclSourceCaps>();
  const platen = findFirst(root, 'PlatenInputCaps');
  if (platen) sources.set('flatbed', sourceCaps(platen));
  const adf = findFirst(root, 'Adf');
  if (adf) {
    const simplex = findFirst(adf, 'AdfSimplexInputCaps');
    const duplex = findFirst(adf, 'AdfDuplexInputCaps');
    if (simplex) sources.set('adf', sourceCaps(simplex));
    if (duplex) sources.set('adf-duplex', sourceCaps(duplex));
    else if (simplex && findAll(adf, 'AdfOption').some((o) => o.text === 'Duplex')) sources.set('adf-duplex', sourceCaps(simplex));
  }
  return { makeAndModel: textOf(root, 'MakeAndModel') ?? textOf(root, 'ModelName') ?? 'eSCL scanner', sources };
}

export function toDeviceCapabilities(uri: string, caps: EsclCapabilities): DeviceCapabilities {
  const all = [...caps.sources.values()];
  const modes = new Set(all.flatMap((s) => s.colorModes));
  return {
    uri,
    sources: (['flatbed', 'adf', 'adf-duplex'] as const).filter((s) => caps.sources.has(s)),
    resolutions: [...new Set(all.flatMap((s) => s.resolutions))].sort((a, b) => a - b),
    modes: [
      ...(modes.has('RGB24') ? (['color'] as const) : []),
      ...(modes.has('Grayscale8') ? (['gray'] as const) : []),
      ...(modes.has('BlackAndWhite1') ? (['bw'] as const) : []),
    ],
  };
}

export interface EsclStatus {
  readonly state: string;
  readonly adfState: string | null;
}

/** Parse `GET /eSCL/ScannerStatus` (pwg:State, scan:AdfState). */
export function parseStatus(xml: string): EsclStatus {
  const root = parseXml(xml);
  return { state: textOf(root, 'State') ?? 'Unknown', adfState: textOf(root, 'AdfState') ?? null };
}
