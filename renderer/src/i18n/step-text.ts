import type { PageStep } from '../../../shared/contract';
import type { PlainKey, Translate } from './translate';

const COLOUR_MODE: Readonly<Record<'color' | 'gray' | 'bw', PlainKey>> = {
  color: 'colour.color',
  gray: 'colour.gray',
  bw: 'colour.bw',
};
const COLOUR_REASON: Readonly<Record<'as-captured' | 'profile' | 'red-seal', PlainKey>> = {
  'as-captured': 'colourReason.as-captured',
  profile: 'colourReason.profile',
  'red-seal': 'colourReason.red-seal',
};

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
      if (step.reason === 'orientation') {
        return step.degrees === 0 ? t('step.orientUpright') : t('step.orient', { degrees: step.degrees });
      }
      return t('step.rotate', { degrees: step.degrees });
    case 'deskew':
      return step.applied === false ? t('step.deskewChecked', { angle: step.angle }) : t('step.deskew', { angle: step.angle });
    case 'crop':
      return step.applied === false ? t('step.cropNone') : t('step.crop', { box: step.box.join(', ') });
    case 'colour':
      return t('step.colour', { mode: t(COLOUR_MODE[step.mode]), reason: t(COLOUR_REASON[step.reason]) });
    case 'flatten':
      return t('step.flatten', { background: step.background });
    case 'colourspace':
      return t('step.colourspace', { from: step.from, to: step.to });
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
