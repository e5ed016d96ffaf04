/**
 * Decoded pixels, the currency of imaging: decoders in media/ produce them, the page pipeline and
 * render plan work on them. The type lives here, at the bottom, so media/ depends on imaging/ and
 * never the other way round.
 */
export interface RawPixels {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
}
