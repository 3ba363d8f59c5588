/**
 * Touch swipes that turn pages, for both readers: a quick, mostly sideways move long enough to
 * mean "turn the page". `swipeDirection` is the rule (pure); `trackSwipe` follows one finger from
 * down to up, whichever events report it (touch events in the book's frame, pointer events on a PDF).
 */

export const SWIPE_MIN_DISTANCE = 60;
/** Slower than this, the move is a drag, not a swipe. */
export const SWIPE_MAX_MS = 800;

/** 1 = next page (finger moved left), -1 = previous page, 0 = not a swipe. */
export function swipeDirection(dx: number, dy: number, ms: number): 1 | -1 | 0 {
  if (ms > SWIPE_MAX_MS) return 0;
  if (Math.abs(dx) < SWIPE_MIN_DISTANCE) return 0;
  if (Math.abs(dx) < Math.abs(dy) * 1.5) return 0;
  return dx < 0 ? 1 : -1;
}

export interface SwipeTracker {
  /** A finger comes down (`id`: the pointer, when the events name one). */
  start(x: number, y: number, id?: number): void;
  /** It lifts: `turn` is called if the move was a swipe. */
  end(x: number, y: number, id?: number): void;
  cancel(): void;
}

export function trackSwipe(turn: (direction: 1 | -1) => void, now: () => number = () => performance.now()): SwipeTracker {
  let down: { x: number; y: number; time: number; id: number } | null = null;
  return {
    start(x, y, id = 0) {
      down = { x, y, time: now(), id };
    },
    end(x, y, id = 0) {
      const from = down;
      down = null;
      if (!from || from.id !== id) return;
      const direction = swipeDirection(x - from.x, y - from.y, now() - from.time);
      if (direction !== 0) turn(direction);
    },
    cancel() {
      down = null;
    },
  };
}
