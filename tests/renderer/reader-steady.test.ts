// Buttons that act once per tap (both readers' page turns): a second activation within 400 ms of the one that counted is ignored.
import { describe, expect, it } from 'vitest';
import { REPEAT_MS, activationCounts } from '../../renderer/src/reader/shared/steady.js';

describe('one page turn per tap', () => {
  it('counts the first tap and ignores a second one within REPEAT_MS', () => {
    expect(REPEAT_MS).toBe(400);
    expect(activationCounts(null, 5)).toBe(true);
    expect(activationCounts(1000, 1000)).toBe(false);
    expect(activationCounts(1000, 1250)).toBe(false); // a double tap
    expect(activationCounts(1000, 1399)).toBe(false);
    expect(activationCounts(1000, 1400)).toBe(true);
    expect(activationCounts(1000, 5000)).toBe(true);
  });

  it('measures from the tap that counted, so quick taps still turn pages at its pace', () => {
    let last: number | null = null;
    const turned: number[] = [];
    for (const at of [0, 150, 300, 450, 600, 900]) {
      if (activationCounts(last, at)) {
        last = at;
        turned.push(at);
      }
    }
    expect(turned).toEqual([0, 450, 900]);
  });

  it('counts a tap after the clock went back (a new page load)', () => {
    expect(activationCounts(5000, 10)).toBe(true);
  });
});
