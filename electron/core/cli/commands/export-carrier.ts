import { DeskError } from '../../errors';
import { carrierProfile } from '../../transfer/carrier-profile';
import { writeCarrier } from '../../transfer/carrier-write';
import { BagDirError } from '../../transfer/write-bag-dir';
import { UsageError } from '../cli-io';
import type { CommandInput } from '../command';
import { requireCliPermission } from '../acting-user';
import { reportRefusal } from '../filing-cli';
import { resolveBatch } from './list';

/** `export BATCH --carrier DIR [--profile NAME]`: a closed batch in a receiving archive's offline carrier layout. */
export async function runCarrierExport({ open, io, positionals, values }: CommandInput): Promise<number> {
  const id = positionals[0];
  const dir = values.carrier;
  if (!id || typeof dir !== 'string' || dir === '') throw new UsageError('export: 请给出批次和 --carrier 文件夹 / give a batch and --carrier DIR');
  if ([values.bag, values.pdf, values.ofd].some((v) => v !== undefined)) throw new UsageError('export: --carrier 不能与 --bag、--pdf、--ofd 同用 / --carrier goes alone');
  const ctx = await open({ workers: 1 });
  try {
    // Like the bag, the carrier carries every item's metadata in full: a full view of personal data.
    requireCliPermission(ctx, 'pii.reveal');
    const batchId = resolveBatch(ctx, id);
    io.note('正在制作移交载体（OFD 与原件，未识别的页面先识别）/ writing the carrier (OFD and originals, reading unread pages first)…');
    const profile = carrierProfile(typeof values.profile === 'string' ? values.profile : undefined);
    const outcome = await writeCarrier(ctx, batchId, dir, profile);
    io.result(outcome, () =>
      [`已制作移交载体 / carrier written: ${outcome.out} (${outcome.profile})`, `件 items: ${outcome.items}, 文件 files: ${outcome.files}, 字节 bytes: ${outcome.bytes}`].join('\n'),
    );
    return 0;
  } catch (err) {
    if (err instanceof BagDirError) throw new UsageError(err.message);
    if (err instanceof DeskError) {
      reportRefusal(io, err);
      return 1;
    }
    throw err;
  } finally {
    await ctx.close();
  }
}
