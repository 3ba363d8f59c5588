// Swipes that turn pages in both readers: the rule, and one finger followed from down to up.
import { describe, expect, it } from 'vitest';
import { swipeDirection, trackSwipe } from '../../renderer/src/reader/shared/swipe.js';

describe('swipes', () => {
  it('turns on a quick sideways move only', () => {
    expect(swipeDirection(-120, 10, 200)).toBe(1);
    expect(swipeDirection(120, -10, 200)).toBe(-1);
    expect(swipeDirection(-30, 0, 200)).toBe(0); // too short
    expect(swipeDirection(-120, 110, 200)).toBe(0); // mostly vertical: a scroll
    expect(swipeDirection(-120, 0, 1500)).toBe(0); // too slow: a drag
  });

  it('follows one finger: the same pointer, from where it came down to where it lifted', () => {
    let clock = 0;
    const turns: number[] = [];
    const swipe = trackSwipe((direction) => turns.push(direction), () => clock);
    swipe.start(300, 400, 7);
    clock = 150;
    swipe.end(100, 410, 7);
    expect(turns).toEqual([1]);

    swipe.start(100, 400, 8);
    swipe.end(300, 400, 9); // another finger lifted
    swipe.end(300, 400, 8); // already forgotten
    swipe.start(100, 400);
    swipe.cancel(); // the browser took the gesture
    swipe.end(300, 400);
    expect(turns).toEqual([1]);

    swipe.start(100, 400);
    swipe.end(300, 400);
    expect(turns).toEqual([1, -1]);
  });
});
