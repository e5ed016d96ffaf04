/**
 * The text of BagIt 1.0 tag files (RFC 8493), as pure functions: the same bytes whether a bag is
 * exported to a folder, written to a USB disk or uploaded to object storage.
 */

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

/** The tag file whose arrival marks a bag complete: it covers every other tag file. */
export const COMMIT_MARKER = 'tagmanifest-sha256.txt';

/**
 * The SM3 (GB/T 32905) manifest of the payload, in the manifest format. A tag file, not named
 * `manifest-sm3.txt`: RFC 8493 reserves `manifest-<algorithm>.txt` for payload manifests every
 * validator must check, and SM3 is not among the algorithms BagIt tools know, so that name would
 * make the bag invalid for them. The tag manifest covers it like every other tag file.
 */
export const SM3_MANIFEST = 'fixity-sm3.txt';

export interface ManifestEntry {
  readonly path: string;
  readonly digest: string;
}

/** RFC 8493 §2.1.3: CR, LF and % in a manifest path are percent-encoded. */
export function encodeManifestPath(path: string): string {
  return path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** `<digest>  <path>` lines, sorted by path so the same bag always has the same manifest bytes. */
export function manifestText(entries: readonly ManifestEntry[]): string {
  return [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => `${e.digest}  ${encodeManifestPath(e.path)}\n`)
    .join('');
}

/** `Label: value` lines in the given order; a value never spans lines (no continuation needed). */
export function bagInfoText(fields: ReadonlyArray<readonly [string, string]>): string {
  return fields
    .map(([label, value]) => {
      if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(label)) throw new Error(`bad bag-info label: ${label}`);
      return `${label}: ${value.replace(/[\r\n]+/g, ' ').trim()}\n`;
    })
    .join('');
}

/** RFC 8493 §2.2.2: octet count and stream (file) count of the payload. */
export const payloadOxum = (bytes: number, files: number): string => `${bytes}.${files}`;

const UNSAFE = /[/\\:*?"<>|\u0000-\u001f\u007f]/g;

/**
 * A file name safe in a bag on every file system and as an object key: NFC (so the manifest and
 * the disk agree on macOS), no separators or characters Windows refuses, no leading dots, short.
 */
export function safeBagName(name: string, maxLength = 120): string {
  const cleaned = name.normalize('NFC').replace(UNSAFE, '_').replace(/^[.\s]+/, '').trim();
  const chars = [...cleaned];
  if (chars.length <= maxLength) return cleaned || 'file';
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(cleaned)?.[0] ?? '';
  return chars.slice(0, maxLength - ext.length).join('') + ext;
}

/** Zero-padded sequence number used in payload names (DA/T 31: 档号 + page sequence). */
export const seq4 = (n: number): string => String(n).padStart(4, '0');

export const decodeManifestPath = (path: string): string =>
  path.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');

/** Read a manifest back: path → digest; null when a line is malformed or a path repeats. */
export function parseManifest(text: string): Map<string, string> | null {
  const entries = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const m = /^([0-9a-f]+)[ \t]+(.+)$/.exec(line);
    if (!m) return null;
    const path = decodeManifestPath(m[2]!);
    if (entries.has(path)) return null;
    entries.set(path, m[1]!);
  }
  return entries;
}

/** bag-info.txt labels → first value. */
export function parseBagInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i <= 0 || /^\s/.test(line)) continue;
    const label = line.slice(0, i).trim();
    if (!fields.has(label)) fields.set(label, line.slice(i + 1).trim());
  }
  return fields;
}
