import { z } from 'zod';
import { QC_REASONS } from '../filing/review';
import { FieldProblem, Fields } from './filing';
import { FileError } from './records';

const Id = z.string().min(1).max(200);
const FilePath = z.string().min(1).max(4096);
const Mapping = z.record(z.string().max(200), z.string().max(40).nullable());

export const CatalogueRowRecord = z.object({
  rowNo: z.number().int(),
  business: z.string().nullable(),
  businessDate: z.string().nullable(),
  archivalCode: z.string().nullable(),
  expectedPages: z.number().int().nullable(),
  fields: Fields,
  problems: z.array(FieldProblem),
});

export const QcSampleRecord = z.object({
  id: z.string(),
  batchId: z.string(),
  rate: z.number(),
  requiredPassRate: z.number(),
  seed: z.number().int(),
  state: z.enum(['open', 'accepted', 'rejected']),
  /** The inspector's reason given with the decision. */
  note: z.string().nullable(),
  pages: z.array(z.object({ page: z.string(), verdict: z.enum(['pass', 'fail']).nullable(), reason: z.enum(QC_REASONS).nullable(), note: z.string().nullable(), actor: z.string().nullable() })),
  result: z.object({ judged: z.number().int(), passed: z.number().int(), failed: z.number().int(), passRate: z.number(), accepted: z.boolean() }),
});

const KeyingDifference = z.object({ field: z.string(), first: z.string().nullable(), second: z.string().nullable() });

/** Back-office calls: catalogues and 数据挂接, double entry, QC sampling and rescans. */
export const backfileMethods = {
  'catalogue.preview': {
    request: z.object({ path: FilePath, mapping: Mapping.default({}) }),
    /** `cells`: the first rows as they stand in the file, so the mapping can be judged against them. */
    response: z.object({ headers: z.array(z.string()), mapping: Mapping, total: z.number().int(), cells: z.array(z.array(z.string())), rows: z.array(CatalogueRowRecord), rowsWithProblems: z.number().int() }),
  },
  'catalogue.import': {
    request: z.object({ batchId: Id, path: FilePath, mapping: Mapping.default({}) }),
    response: z.object({ catalogue: z.string(), rows: z.number().int(), rowsWithProblems: z.number().int(), mapping: Mapping }),
  },
  /** Link an image folder to a catalogue by a naming rule; unmatched rows and files are reported. */
  'catalogue.link': {
    request: z.object({ catalogueId: Id, imagesDir: FilePath, rule: z.string().min(3).max(200) }),
    response: z.object({
      catalogue: z.string(),
      linked: z.array(z.object({ rowNo: z.number().int(), item: z.string(), files: z.number().int(), pages: z.number().int() })),
      unmatchedRows: z.array(z.object({ rowNo: z.number().int(), key: z.string().nullable() })),
      unmatchedFiles: z.array(z.string()),
      refusedRows: z.array(z.object({ rowNo: z.number().int(), reason: z.string() })),
      duplicateKeys: z.array(z.string()),
      importErrors: z.array(z.object({ file: z.string(), error: FileError })),
    }),
  },
  /** The keyer is the signed-in user: the two blind passes are two people because two people signed in. */
  'keying.submit': {
    request: z.object({ itemId: Id, pass: z.union([z.literal(1), z.literal(2)]), fields: z.record(z.string().max(40), z.string().max(1000)) }),
    response: z.object({ item: z.string(), pass: z.number().int(), waitingFor: z.number().int().nullable() }),
  },
  /** Blind until both passes are in. */
  'keying.compare': {
    request: z.object({ itemId: Id }),
    response: z.discriminatedUnion('state', [
      z.object({ state: z.literal('waiting'), keyed: z.array(z.number().int()) }),
      z.object({ state: z.enum(['ready', 'resolved']), keyers: z.tuple([z.string(), z.string()]), agreed: Fields, differences: z.array(KeyingDifference) }),
    ]),
  },
  'keying.resolve': { request: z.object({ itemId: Id, choices: z.record(z.string().max(40), z.string().max(1000)) }), response: z.object({ item: z.string(), version: z.number().int() }) },
  'qc.sample': {
    request: z.object({ batchId: Id, rate: z.number().min(0.05).max(1).default(0.05), requiredPassRate: z.number().gt(0).max(1).default(0.95) }),
    response: QcSampleRecord,
  },
  'qc.get': { request: z.object({ sampleId: Id }), response: QcSampleRecord },
  /** A batch's samples, newest first, so an inspector can take up an open one after a break. */
  'qc.list': { request: z.object({ batchId: Id }), response: z.array(QcSampleRecord) },
  'qc.judge': {
    request: z.object({ sampleId: Id, pageId: Id, verdict: z.enum(['pass', 'fail']), reason: z.enum(QC_REASONS).optional(), note: z.string().max(500).optional() }),
    response: QcSampleRecord,
  },
  'qc.decide': { request: z.object({ sampleId: Id, note: z.string().max(500).optional() }), response: QcSampleRecord },
  'rescans.list': {
    request: z.object({ batchId: Id }),
    response: z.array(z.object({ id: z.number().int(), page: z.string(), reason: z.string(), note: z.string(), state: z.enum(['open', 'done']), requestedAt: z.string() })),
  },
  'rescans.replace': { request: z.object({ oldPageId: Id, newPageId: Id }), response: z.object({ ok: z.literal(true) }) },
} as const;
