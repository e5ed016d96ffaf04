import type { PageStep } from '../../../shared/contract';
import type { Translate } from './translate';

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
