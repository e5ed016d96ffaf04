import sharp from 'sharp';
import type { PageStep } from '../../../shared/contract';
import type { BlobStore } from '../files/blob-store';
import { IMAGE_QUALITY, THUMBNAIL_QUALITY, THUMBNAIL_WIDTH } from './limits';
import type { StoredImage } from './types';

export interface RawPixels {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
}

/**
 * Encode one decoded page as the normalized page image (full resolution JPEG) and its thumbnail,
 * both stored by content. The steps that produced them are returned for the record.
 */
export async function storePageImages(
  blobs: BlobStore,
  raw: RawPixels,
  dpi: number | null,
): Promise<{ image: StoredImage; thumbnail: StoredImage; steps: PageStep[] }> {
  const input = { raw: { width: raw.width, height: raw.height, channels: raw.channels } } as const;
  const steps: PageStep[] = [];
  let base = sharp(raw.data, input);
  if (raw.channels === 2 || raw.channels === 4) {
    base = base.flatten({ background: '#ffffff' });
    steps.push({ op: 'flatten', background: '#ffffff' });
  }
  const density = dpi ?? undefined;
  const imageBytes = await base
    .clone()
    .jpeg({ quality: IMAGE_QUALITY, chromaSubsampling: '4:4:4' })
    .withMetadata(density ? { density } : {})
    .toBuffer();
  steps.push({ op: 'encode', format: 'jpeg', quality: IMAGE_QUALITY });
  const thumbWidth = Math.min(THUMBNAIL_WIDTH, raw.width);
  const thumb = await base
    .clone()
    .resize({ width: thumbWidth })
    .jpeg({ quality: THUMBNAIL_QUALITY })
    .toBuffer({ resolveWithObject: true });
  const image: StoredImage = {
    sha256: await blobs.put(imageBytes),
    size: imageBytes.length,
    width: raw.width,
    height: raw.height,
    mime: 'image/jpeg',
  };
  const thumbnail: StoredImage = {
    sha256: await blobs.put(thumb.data),
    size: thumb.data.length,
    width: thumb.info.width,
    height: thumb.info.height,
    mime: 'image/jpeg',
  };
  return { image, thumbnail, steps };
}
