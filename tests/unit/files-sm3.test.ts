import { describe, expect, it } from 'vitest';
import { digestBytes } from '../../electron/core/files/digest-file';

/** GB/T 32905-2016 Appendix A: the two published examples. */
const VECTORS = [
  { input: 'abc', sm3: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0' },
  { input: 'abcd'.repeat(16), sm3: 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732' },
];

describe('SM3 (GB/T 32905) from Node crypto', () => {
  it('gives the standard\'s published digests', () => {
    for (const v of VECTORS) expect(digestBytes(Buffer.from(v.input, 'ascii')).sm3).toBe(v.sm3);
  });
});
