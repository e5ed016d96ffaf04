/** Share of the page in saturated red above which a seal or red header (红头) is present. */
const SEAL_SHARE = 0.0004;

/**
 * Saturated red pixels (seal ink, red headers) in interleaved RGB(A): DA/T 31 keeps such pages in
 * colour because the seal is part of their authenticity.
 */
export function hasRedSeal(pixels: ArrayLike<number>, width: number, height: number, channels: number): boolean {
  if (channels < 3) return false;
  const n = width * height;
  let red = 0;
  for (let i = 0, j = 0; i < n; i++, j += channels) {
    const r = pixels[j]!;
    const g = pixels[j + 1]!;
    const b = pixels[j + 2]!;
    if (r > 110 && r - g > 60 && r - b > 45) red++;
  }
  return red > SEAL_SHARE * n;
}
