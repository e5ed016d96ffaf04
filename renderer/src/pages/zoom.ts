/** Rotation of the view only; the stored page is never changed by the viewer. */
export type ViewRotation = 0 | 90 | 180 | 270;

export const ZOOM_STEPS = [0.1, 0.15, 0.25, 0.33, 0.5, 0.67, 0.75, 1, 1.25, 1.5, 2, 3, 4, 6, 8] as const;
const MIN_ZOOM = ZOOM_STEPS[0];
const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1] ?? 8;

/** Next larger preset after `scale` (from "fit" the caller passes the fit scale). */
export function zoomIn(scale: number): number {
  return ZOOM_STEPS.find((step) => step > scale * 1.001) ?? MAX_ZOOM;
}

export function zoomOut(scale: number): number {
  return [...ZOOM_STEPS].reverse().find((step) => step < scale * 0.999) ?? MIN_ZOOM;
}

export function rotateClockwise(rotation: ViewRotation): ViewRotation {
  return ((rotation + 90) % 360) as ViewRotation;
}

/** Size of the page as displayed, after a view rotation (90° and 270° swap the sides). */
export function rotatedSize(width: number, height: number, rotation: ViewRotation): { width: number; height: number } {
  return rotation === 90 || rotation === 270 ? { width: height, height: width } : { width, height };
}

/** Largest scale at which the rotated page fits the box, leaving `padding` on each side. */
export function fitScale(
  width: number,
  height: number,
  rotation: ViewRotation,
  boxWidth: number,
  boxHeight: number,
  padding = 16,
): number {
  const size = rotatedSize(width, height, rotation);
  const w = boxWidth - 2 * padding;
  const h = boxHeight - 2 * padding;
  if (size.width <= 0 || size.height <= 0 || w <= 0 || h <= 0) return 1;
  return Math.max(MIN_ZOOM / 10, Math.min(w / size.width, h / size.height));
}
