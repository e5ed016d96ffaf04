import { describe, expect, it } from 'vitest';
import { cleanDecoderMessage } from '../../electron/core/media/decoder-message';

describe('cleanDecoderMessage', () => {
  it('says each line once and drops lines naming paths (a temp copy, another worker’s file)', () => {
    const repeated = Array.from({ length: 30 }, () => 'TIFFReadDirectory: Unknown field with tag 50838 (0xc696) encountered').join('\n');
    const message = [
      'VipsJpeg: premature end of JPEG image',
      repeated,
      'VipsForeignLoad: "/var/lib/hpf-desk/tmp/4f1c.staged" is not a known file format',
      'tiff2vips: C:\\Users\\clerk\\AppData\\Local\\Temp\\other.tif: bad strip',
    ].join('\n');
    expect(cleanDecoderMessage(message)).toBe(
      'VipsJpeg: premature end of JPEG image; TIFFReadDirectory: Unknown field with tag 50838 (0xc696) encountered',
    );
  });

  it('keeps at most three lines and never answers with nothing', () => {
    expect(cleanDecoderMessage('a\nb\nc\nd')).toBe('a; b; c');
    expect(cleanDecoderMessage('\n /tmp/x \n')).toBe('the decoder gave no reason');
  });
});
