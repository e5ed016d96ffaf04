import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The at-rest byte scan: what of the fixture documents' personal data and of the image and PDF
 * formats' signatures can be found in the bytes under a folder (a data folder, a transfer
 * folder). Shared by the tests that a store, and a bag carried to the centre, show none of it.
 */
export const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');

export interface Person {
  readonly page: string;
  readonly name: string;
  readonly id_number: string;
  readonly bank_card?: string;
}

/** The fixture documents' people (OCR pages and the ground-truth samples): who must not be readable on disk. */
export async function fixturePeople(): Promise<Array<Person & { text: string }>> {
  const people: Array<Person & { text: string }> = [];
  for (const dir of ['ocr', 'samples-gt']) {
    for (const file of (await readdir(path.join(FIXTURES, dir))).filter((f) => f.endsWith('.json')).sort()) {
      const person = JSON.parse(await readFile(path.join(FIXTURES, dir, file), 'utf8')) as Person;
      const text = await readFile(path.join(FIXTURES, dir, file.replace(/\.json$/, '.gt.txt')), 'utf8');
      // The page's text and the metadata keyed from it (card numbers as digits: the page prints them in groups).
      people.push({ ...person, text: `${text}\n${JSON.stringify(person)}` });
    }
  }
  return people;
}

/**
 * Signatures long enough that ciphertext does not produce them by chance over a few megabytes
 * (four bytes and more: one in 2^32 a position), each a whole file format's start.
 */
const MAGIC: Record<string, Buffer> = {
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  jpegExif: Buffer.from([0xff, 0xd8, 0xff, 0xe1]),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  tiffLe: Buffer.from('II*\0', 'latin1'),
  tiffBe: Buffer.from('MM\0*', 'latin1'),
  pdf: Buffer.from('%PDF-', 'latin1'),
};

/** Every file under `dir`, whatever its name: database, WAL, objects, uploads, temp. */
export async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** What of `needles` occurs anywhere in the bytes under `dir`, by needle name. */
export async function scan(dir: string, needles: ReadonlyMap<string, Buffer>): Promise<Set<string>> {
  const found = new Set<string>();
  for (const file of await allFiles(dir)) {
    const bytes = await readFile(file);
    for (const [label, needle] of needles) if (bytes.includes(needle)) found.add(label);
  }
  return found;
}

export function needlesFor(people: readonly Person[]): Map<string, Buffer> {
  const needles = new Map<string, Buffer>();
  for (const p of people) {
    for (const [what, value] of [['name', p.name], ['id', p.id_number], ['card', p.bank_card]] as const) {
      if (!value) continue;
      needles.set(`${p.page} ${what} utf8`, Buffer.from(value, 'utf8'));
      needles.set(`${p.page} ${what} utf16le`, Buffer.from(value, 'utf16le'));
    }
  }
  for (const [format, magic] of Object.entries(MAGIC)) needles.set(`magic ${format}`, magic);
  return needles;
}
