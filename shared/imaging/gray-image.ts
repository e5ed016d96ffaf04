/**
 * A small single-channel image for analysis (skew, borders, orientation, blank checks). Pure
 * typed-array code, so the core's media workers and the renderer's camera preview share it.
 */
export interface GrayImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Luma (BT.601, integer) of interleaved pixels with 1–4 channels; alpha is ignored. */
export function toGray(pixels: ArrayLike<number>, width: number, height: number, channels: number): GrayImage {
  const n = width * height;
  const data = new Uint8Array(n);
  if (channels < 3) {
    for (let i = 0; i < n; i++) data[i] = pixels[i * channels]!;
  } else {
    for (let i = 0, j = 0; i < n; i++, j += channels) {
      data[i] = (pixels[j]! * 77 + pixels[j + 1]! * 150 + pixels[j + 2]! * 29) >> 8;
    }
  }
  return { data, width, height };
}

/** The value below which `fraction` of the pixels lie (0..1), from a histogram. */
export function percentile(img: GrayImage, fraction: number): number {
  const hist = new Uint32Array(256);
  for (let i = 0; i < img.data.length; i++) hist[img.data[i]!]!++;
  const target = fraction * img.data.length;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen >= target) return v;
  }
  return 255;
}

export function cropGray(img: GrayImage, box: Box): GrayImage {
  const data = new Uint8Array(box.width * box.height);
  for (let y = 0; y < box.height; y++) {
    const from = (box.y + y) * img.width + box.x;
    data.set(img.data.subarray(from, from + box.width), y * box.width);
  }
  return { data, width: box.width, height: box.height };
}

/** Rotate clockwise by a multiple of 90°. */
export function rotateGray90(img: GrayImage, quarterTurns: number): GrayImage {
  const k = ((quarterTurns % 4) + 4) % 4;
  if (k === 0) return img;
  const { width: w, height: h, data } = img;
  const ow = k === 2 ? w : h;
  const oh = k === 2 ? h : w;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x]!;
      if (k === 1) out[x * ow + (h - 1 - y)] = v;
      else if (k === 2) out[(h - 1 - y) * ow + (w - 1 - x)] = v;
      else out[(w - 1 - x) * ow + y] = v;
    }
  }
  return { data: out, width: ow, height: oh };
}

/**
 * Size of the canvas a rotation by `degrees` needs to hold the whole image (as libvips makes it
 * when sharp rotates by an arbitrary angle).
 */
export function rotatedSize(width: number, height: number, degrees: number): { width: number; height: number } {
  const r = (degrees * Math.PI) / 180;
  const c = Math.abs(Math.cos(r));
  const s = Math.abs(Math.sin(r));
  return { width: Math.round(width * c + height * s), height: Math.round(width * s + height * c) };
}

/** Rotate clockwise by an arbitrary angle about the centre, bilinear, corners filled with `fill`. */
export function rotateGray(img: GrayImage, degrees: number, fill: number): GrayImage {
  const { width: w, height: h, data } = img;
  const size = rotatedSize(w, h, degrees);
  const out = new Uint8Array(size.width * size.height);
  const r = (degrees * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const ocx = (size.width - 1) / 2;
  const ocy = (size.height - 1) / 2;
  for (let oy = 0; oy < size.height; oy++) {
    const dy = oy - ocy;
    for (let ox = 0; ox < size.width; ox++) {
      const dx = ox - ocx;
      // Inverse mapping: a clockwise turn on screen (y down) maps back by the opposite turn.
      const sx = cos * dx + sin * dy + cx;
      const sy = -sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) {
        out[oy * size.width + ox] = fill;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const top = data[i]! + (data[i + 1]! - data[i]!) * fx;
      const bottom = data[i + w]! + (data[i + w + 1]! - data[i + w]!) * fx;
      out[oy * size.width + ox] = Math.round(top + (bottom - top) * fy);
    }
  }
  return { data: out, width: size.width, height: size.height };
}
