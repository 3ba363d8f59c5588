import { describe, expect, it } from 'vitest';
import { WritePool } from '../../../catalog/feed/write-pool.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('writes kept in flight together', () => {
  it('runs at most its limit at once and drains every write before returning', async () => {
    const pool = new WritePool(3);
    let running = 0;
    let most = 0;
    let done = 0;
    for (let i = 0; i < 20; i += 1) {
      await pool.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await tick();
        running -= 1;
        done += 1;
      });
    }
    await pool.drain();
    expect({ most, done, running }).toEqual({ most: 3, done: 20, running: 0 });
  });

  it('throws the first failure from drain, refuses new work after it, and leaves nothing running', async () => {
    const pool = new WritePool(2);
    let running = 0;
    const write = (fail?: string) => async () => {
      running += 1;
      await tick();
      running -= 1;
      if (fail) throw new Error(fail);
    };
    await pool.run(write('disk full'));
    await pool.run(write('second'));
    // A third waits for a free slot; the first write's failure frees it, and is what it gets.
    await expect(pool.run(write())).rejects.toThrow('disk full');
    await expect(pool.drain()).rejects.toThrow('disk full');
    expect(running).toBe(0);
  });
});
