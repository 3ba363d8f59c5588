/** Zoom maths of the PDF reader: fixed steps a resident can step through with + and −. Pure. */

export const ZOOM_STEPS = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4] as const;
export const MIN_ZOOM = ZOOM_STEPS[0];
export const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1];

/** The next step up (direction 1) or down (-1) from any scale, clamped to the range. */
export function stepZoom(current: number, direction: 1 | -1): number {
  if (!Number.isFinite(current) || current <= 0) return 1;
  const epsilon = 0.005;
  if (direction > 0) return ZOOM_STEPS.find((step) => step > current + epsilon) ?? MAX_ZOOM;
  for (let i = ZOOM_STEPS.length - 1; i >= 0; i -= 1) if (ZOOM_STEPS[i] < current - epsilon) return ZOOM_STEPS[i];
  return MIN_ZOOM;
}

/** The scale at which a page of `pageWidth` points fills `available` CSS pixels (pdf.js works in CSS px at 96/72 per point). */
export function fitWidthScale(pageWidth: number, available: number): number {
  if (pageWidth <= 0 || available <= 0) return 1;
  return clampZoom(available / (pageWidth * (96 / 72)));
}

/** The scale at which a whole page fits the box. */
export function fitPageScale(pageWidth: number, pageHeight: number, availableWidth: number, availableHeight: number): number {
  if (pageHeight <= 0 || availableHeight <= 0) return fitWidthScale(pageWidth, availableWidth);
  return clampZoom(Math.min(fitWidthScale(pageWidth, availableWidth), availableHeight / (pageHeight * (96 / 72))));
}

export function clampZoom(scale: number): number {
  if (!Number.isFinite(scale)) return 1;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, scale));
}

/** "125 %" style label value. */
export function zoomPercent(scale: number): number {
  return Math.round(scale * 100);
}
