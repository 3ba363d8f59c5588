/**
 * Sorting more items than a publish should hold in memory (the OPDS view lists a hub's
 * publications by title): items gather into runs of `runSize`, each sorted in memory and written
 * as JSON Lines into a folder of the caller's; reading merges the runs through a heap of their
 * heads, so at most one run's items and a line per run are in memory. A set that fits in one run
 * never touches the disk. Items must survive JSON (plain data).
 */
import fs from 'node:fs';
import path from 'node:path';
import { readSnapshotLines } from './snapshot-file.js';

/** Items sorted in memory before a run is written. */
const RUN_SIZE = 5_000;
/** Bytes read from each run at a time while merging. */
const MERGE_CHUNK_BYTES = 64 * 1024;

interface Head<T> {
  item: T;
  run: number;
  rest: Iterator<T>;
}

function* readRun<T>(file: string): Generator<T> {
  for (const line of readSnapshotLines(file, 0, MERGE_CHUNK_BYTES)) yield JSON.parse(line.text) as T;
}

export class SortedRuns<T> {
  private items: T[] = [];
  private readonly runs: string[] = [];

  constructor(
    /** Where runs are written (made when the first one is); removed by `dispose`. */
    private readonly dir: string,
    private readonly compare: (a: T, b: T) => number,
    private readonly runSize = RUN_SIZE,
  ) {}

  async add(item: T): Promise<void> {
    this.items.push(item);
    if (this.items.length >= this.runSize) await this.spill();
  }

  /** Every item added, in order. Read it once. */
  *sorted(): Generator<T> {
    this.items.sort(this.compare);
    if (this.runs.length === 0) {
      yield* this.items;
      return;
    }
    const heads: Head<T>[] = [];
    const sources: Iterator<T>[] = [...this.runs.map((file) => readRun<T>(file)), this.items.values()];
    const next = (run: number, rest: Iterator<T>) => {
      const value = rest.next();
      if (!value.done) this.push(heads, { item: value.value, run, rest });
    };
    try {
      sources.forEach((rest, run) => next(run, rest));
      while (heads.length > 0) {
        const head = this.pop(heads);
        yield head.item;
        next(head.run, head.rest);
      }
    } finally {
      // A merge left early closes the runs it was reading.
      for (const source of sources) source.return?.();
    }
  }

  async dispose(): Promise<void> {
    this.items = [];
    await fs.promises.rm(this.dir, { recursive: true, force: true });
  }

  private async spill(): Promise<void> {
    this.items.sort(this.compare);
    await fs.promises.mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, `run-${this.runs.length}.jsonl`);
    await fs.promises.writeFile(file, this.items.map((item) => `${JSON.stringify(item)}\n`).join(''));
    this.runs.push(file);
    this.items = [];
  }

  private before(a: Head<T>, b: Head<T>): boolean {
    return (this.compare(a.item, b.item) || a.run - b.run) < 0;
  }

  private push(heap: Head<T>[], head: Head<T>): void {
    heap.push(head);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private pop(heap: Head<T>[]): Head<T> {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const left = 2 * i + 1;
        const right = left + 1;
        let least = i;
        if (left < heap.length && this.before(heap[left], heap[least])) least = left;
        if (right < heap.length && this.before(heap[right], heap[least])) least = right;
        if (least === i) break;
        [heap[i], heap[least]] = [heap[least], heap[i]];
        i = least;
      }
    }
    return top;
  }
}
