import { z } from 'zod';
import profiles from '../../../resources/carrier/profiles.json';
import { DeskError } from '../errors';
import { safeBagName } from './bag-text';

/** What an item's folder and file names may be built from: parts of its 档号 (DA/T 13). */
export const CARRIER_PLACEHOLDERS = ['档号', '全宗号', '年度', '分类号', '保管期限'] as const;
export type CarrierPlaceholder = (typeof CARRIER_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{([^{}]*)\}/g;
// One path segment (a folder level or a file name); its values are made safe when filled in.
const template = z.string().regex(/^(?!\.\.?$)[^/\\:*?"<>|]+$/, 'one plain name').refine(
  (t) => [...t.matchAll(PLACEHOLDER)].every((m) => (CARRIER_PLACEHOLDERS as readonly string[]).includes(m[1]!)),
  { message: `placeholders are ${CARRIER_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}` },
);
// A carrier-relative path: plain names joined by `/`, never leaving the carrier.
const relativePath = z.string().regex(/^(?!.*(?:^|\/)\.\.?(?:\/|$))[^/\\:*?"<>|]+(?:\/[^/\\:*?"<>|]+)*$/, 'a relative path of plain names');

/**
 * A receiving archive's layout of an offline carrier (离线移交载体). The default follows the
 * structure DA/T 93-2022 describes: one description file, one catalogue XML, and the electronic
 * records in folders year → class → item; a province whose archive reads another layout adds a
 * profile to resources/carrier/profiles.json instead of changing code.
 */
export const CarrierProfile = z.object({
  name: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  /** 说明文件: plain text about the carrier, its sender, counts and fixity algorithms. */
  descriptionFile: relativePath,
  /** 文件目录: the catalogue XML, one entry per item. */
  catalogueFile: relativePath,
  /** SM3 and SHA-256 of every other file on the carrier. */
  fixityFile: relativePath,
  /** Folder of one item, one template per level. */
  itemFolder: z.array(template).min(1),
  /** The item's OFD inside its folder. */
  ofdFile: template,
  /** Sub-folder of the item's folder holding the originals it was captured from. */
  originalsFolder: relativePath,
}).strict();
export type CarrierProfile = z.infer<typeof CarrierProfile>;

// Validated once, where the data enters: a broken profile file fails the first carrier, loudly.
const PROFILES: readonly CarrierProfile[] = z.array(CarrierProfile).min(1).parse(profiles);

export const DEFAULT_CARRIER_PROFILE = PROFILES[0]!.name;

export function carrierProfile(name: string = DEFAULT_CARRIER_PROFILE): CarrierProfile {
  const profile = PROFILES.find((p) => p.name === name);
  if (!profile) {
    throw new DeskError('not_found', `没有名为 ${name} 的载体格式 / no carrier profile ${name} (known: ${PROFILES.map((p) => p.name).join(', ')})`);
  }
  return profile;
}

/** A template filled with an item's values; each value is made safe as one path segment. */
export function fillTemplate(text: string, values: Readonly<Record<CarrierPlaceholder, string>>): string {
  return text.replace(PLACEHOLDER, (_, name: CarrierPlaceholder) => safeBagName(values[name]));
}
