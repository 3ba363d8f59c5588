import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SortedRuns } from '../../../catalog/feed/sorted-runs.js';
import { tempDir } from '../../helpers/temp-dir.js';

interface Item {
  title: string;
  id: string;
}

const collator = new Intl.Collator('vi');
const byTitle = (a: Item, b: Item) => collator.compare(a.title, b.title) || (a.id < b.id ? -1 : 1);
const SYLLABLES = ['Đất', 'đất', 'Dat', 'đai', 'Luật', 'luật', 'Ấn', 'An', 'hòa', 'hoà', 'giải', 'Zê', 'ả', 'a', ''];

/** `count` items in no particular order, titles often equal or equal but for accents and case. */
function items(count: number, seed: number): Item[] {
  const pick = (i: number, k: number) => SYLLABLES[Math.floor(((i + seed) * 7919) / SYLLABLES.length ** k) % SYLLABLES.length];
  return Array.from({ length: count }, (_, i) => ({
    title: Array.from({ length: 1 + ((i * seed) % 3) }, (_, k) => pick(i, k)).join(' '),
    id: `p-${(i * 2_654_435_761 + seed) % 1_000_003}-${i}`,
  }));
}

describe('sorting more items than memory holds', () => {
  it('merges runs spilled to disk into the order a sort in memory gives, and removes them', async () => {
    const dir = path.join(tempDir(), 'runs');
    const sorter = new SortedRuns<Item>(dir, byTitle, 37);
    const all = items(1000, 17);
    for (const item of all) await sorter.add(item);
    expect(fs.readdirSync(dir)).toHaveLength(27); // 1,000 items in runs of 37: 27 on disk, 1 left in memory
    expect([...sorter.sorted()]).toEqual([...all].sort(byTitle));
    await sorter.dispose();
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('never touches the disk when the items fit in one run', async () => {
    const dir = path.join(tempDir(), 'runs');
    const sorter = new SortedRuns<Item>(dir, byTitle, 100);
    const all = items(99, 3);
    for (const item of all) await sorter.add(item);
    expect([...sorter.sorted()]).toEqual([...all].sort(byTitle));
    expect(fs.existsSync(dir)).toBe(false);
  });

  it.skipIf(process.platform !== 'linux')('closes the runs it was reading when the merge is left early', async () => {
    const dir = path.join(tempDir(), 'runs');
    const sorter = new SortedRuns<Item>(dir, byTitle, 10);
    for (const item of items(100, 5)) await sorter.add(item);
    const open = () => fs.readdirSync('/proc/self/fd').length;
    const before = open();
    const merged = sorter.sorted();
    merged.next();
    expect(open()).toBe(before + 10);
    merged.return(undefined);
    expect(open()).toBe(before);
    await sorter.dispose();
  });
});
