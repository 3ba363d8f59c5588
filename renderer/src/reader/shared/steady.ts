/**
 * Buttons that act once per tap: a second activation within REPEAT_MS of the one that counted is
 * taken as the same tap (a double tap on "Trang sau" turns one page, not two).
 */
import { useCallback, useRef } from 'react';

export const REPEAT_MS = 400;

/** Whether an activation at `now` counts, given when the last one that counted was (null: none yet). */
export function activationCounts(last: number | null, now: number, gap = REPEAT_MS): boolean {
  return last === null || now - last >= gap || now < last;
}

/** `action`, ignoring calls that come within REPEAT_MS of the last call that ran. */
export function useSteady<A extends unknown[]>(action: (...args: A) => void): (...args: A) => void {
  const last = useRef<number | null>(null);
  const latest = useRef(action);
  latest.current = action;
  return useCallback((...args: A) => {
    const at = performance.now();
    if (!activationCounts(last.current, at)) return;
    last.current = at;
    latest.current(...args);
  }, []);
}
