import { z } from 'zod';
import { PageStep } from '../../../shared/contract';

/**
 * `data/metadata/metadata.json`: the batch as the central archive receives it. Archival and
 * business elements are maps keyed by their DA/T 46 / HPF element names (档号, 题名, 证件号码…),
 * so fields added by filing later slot in without a new format version. The central side parses
 * it with this schema's rules (see docs/central-contract.md); the usability check parses it back.
 */
const Fields = z.record(z.string(), z.string());

const FileRef = z.object({
  path: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** SM3 (GB/T 32905); absent only in bags written before stations recorded it. */
  sm3: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  size: z.number().int().nonnegative(),
  mime: z.string(),
});

const ImageRef = FileRef.extend({ width: z.number().int(), height: z.number().int() });

export const BagMetadata = z.object({
  format: z.literal('hpf-desk/batch-metadata'),
  version: z.literal(1),
  batch: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    business: z.string().nullable(),
    createdAt: z.string(),
    pageCount: z.number().int(),
    fileCount: z.number().int(),
  }),
  station: z.object({ id: z.string(), name: z.string(), fonds: z.string() }),
  operator: z.string(),
  /** Batch-level archival elements (全宗号 …). */
  archival: Fields,
  items: z.array(
    z.object({
      id: z.string(),
      business: z.string().nullable(),
      state: z.string(),
      createdAt: z.string(),
      /** 档号, 全宗号, 门类代码, 年度, 保管期限, 机构/问题代码, 件号, 题名, 责任者, 日期, 页数, 密级, 备注. */
      archival: Fields,
      /** 业务类型, 业务流水号, 办理日期, 证件号码, 姓名, 贷款合同号, 金额 … */
      businessFields: Fields,
      documentIds: z.array(z.string()),
    }),
  ),
  documents: z.array(
    z.object({
      id: z.string(),
      itemId: z.string().nullable(),
      material: z.string().nullable(),
      title: z.string(),
      createdAt: z.string(),
      pageIds: z.array(z.string()),
    }),
  ),
  originals: z.array(
    FileRef.extend({ id: z.string(), name: z.string(), pageCount: z.number().int(), importedAt: z.string() }),
  ),
  pages: z.array(
    z.object({
      id: z.string(),
      seq: z.number().int(),
      documentId: z.string(),
      source: z.object({ originalId: z.string(), path: z.string(), pageIndex: z.number().int() }),
      width: z.number().int(),
      height: z.number().int(),
      dpi: z.number().nullable(),
      flags: z.record(z.string(), z.unknown()),
      image: ImageRef,
      thumbnail: ImageRef,
      /** Recognized text, when OCR has run on the page. */
      ocr: FileRef.nullable(),
      /** DA/T 31 digitization elements: 扫描分辨率, 色彩模式, 文件格式, 扫描设备, 扫描人, 扫描时间. */
      digitization: Fields,
      /** 图像处理记录: every step from the original to the image, with its parameters. */
      steps: z.array(PageStep),
    }),
  ),
});
export type BagMetadata = z.infer<typeof BagMetadata>;
