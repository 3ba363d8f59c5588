/** Touch swipe recognition for page mode: a mostly horizontal move long enough to mean "turn the page". Pure. */

export const SWIPE_MIN_DISTANCE = 60;

/** 1 = next page (finger moved left), -1 = previous page, 0 = not a swipe. */
export function swipeDirection(dx: number, dy: number, ms: number): 1 | -1 | 0 {
  if (ms > 800) return 0;
  if (Math.abs(dx) < SWIPE_MIN_DISTANCE) return 0;
  if (Math.abs(dx) < Math.abs(dy) * 1.5) return 0;
  return dx < 0 ? 1 : -1;
}
