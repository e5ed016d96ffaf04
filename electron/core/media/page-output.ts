import sharp from 'sharp';
import type { PageStep } from '../../../shared/contract';
import type { BlobStore } from '../files/blob-store';
import type { RawPixels } from '../imaging/raw-pixels';
import { renderPlan, UNCHANGED, type RenderPlan } from '../imaging/render-plan';
import { IMAGE_QUALITY, THUMBNAIL_QUALITY, THUMBNAIL_WIDTH } from './limits';
import type { StoredImage } from './types';

/**
 * Encode one decoded page, with the pipeline's plan applied on the way, as the normalized page
 * image (full resolution JPEG) and its thumbnail, both stored by content. The thumbnail is made
 * from the encoded page (JPEG shrink-on-load), so the full image is processed only once. The
 * steps that produced them are returned for the record.
 */
export async function storePageImages(
  blobs: BlobStore,
  raw: RawPixels,
  dpi: number | null,
  plan: RenderPlan = UNCHANGED,
): Promise<{ image: StoredImage; thumbnail: StoredImage; steps: PageStep[] }> {
  const density = dpi ?? undefined;
  const encoded = await (await renderPlan(raw, plan))
    .jpeg({ quality: IMAGE_QUALITY, chromaSubsampling: '4:4:4' })
    .withMetadata(density ? { density } : {})
    .toBuffer({ resolveWithObject: true });
  const steps: PageStep[] = [{ op: 'encode', format: 'jpeg', quality: IMAGE_QUALITY }];
  const thumb = await sharp(encoded.data)
    .resize({ width: Math.min(THUMBNAIL_WIDTH, encoded.info.width) })
    .jpeg({ quality: THUMBNAIL_QUALITY })
    .toBuffer({ resolveWithObject: true });
  const image: StoredImage = {
    ...(await blobs.put(encoded.data)),
    width: encoded.info.width,
    height: encoded.info.height,
    mime: 'image/jpeg',
  };
  const thumbnail: StoredImage = {
    ...(await blobs.put(thumb.data)),
    width: thumb.info.width,
    height: thumb.info.height,
    mime: 'image/jpeg',
  };
  return { image, thumbnail, steps };
}
