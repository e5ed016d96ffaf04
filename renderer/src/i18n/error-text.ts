import type { ImportErrorCode, PageStep } from '../../../shared/contract';
import type { CallErrorCode } from '../api/call-error';
import type { ClientFailureCode } from '../api/desk-client';
import type { Translate } from './translate';

export type FileErrorCode = ImportErrorCode | ClientFailureCode;

/** Plain-language reason for a file that was not imported. */
export function fileErrorText(t: Translate, code: FileErrorCode): string {
  return t(`importError.${code}`);
}

/** Plain-language text for a failed call; the server's message is shown beside it as detail. */
export function callErrorText(t: Translate, code: CallErrorCode): string {
  return t(`apiError.${code}`);
}

/** One line per recorded processing step, in the clerk's language. */
export function stepText(t: Translate, step: PageStep): string {
  switch (step.op) {
    case 'decode':
      return t('step.decode', { format: step.format });
    case 'rasterize':
      return t('step.rasterize', { dpi: step.dpi });
    case 'orient-exif':
      return t('step.orient-exif', { orientation: step.orientation });
    case 'rotate':
      return t('step.rotate', { degrees: step.degrees });
    case 'deskew':
      return t('step.deskew', { angle: step.angle });
    case 'crop':
      return t('step.crop', { box: step.box.join(', ') });
    case 'flatten':
      return t('step.flatten', { background: step.background });
    case 'encode':
      return step.quality === undefined
        ? t('step.encode', { format: step.format })
        : t('step.encodeQuality', { format: step.format, quality: step.quality });
    case 'resize':
      return t('step.resize', { width: step.width });
    default:
      return assertNever(step);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
