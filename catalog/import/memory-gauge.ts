/**
 * Whose memory the process's growth is, while a file is extracted. The watch in extract.ts
 * stops a worker when the process's resident memory has grown past the budget since its job
 * began; but other threads of the process grow it too — the other extraction worker (another
 * file, or a helper reading pages of this one), a station's search workers warming up (~290 MB
 * in the seconds after a station starts), the writer thread — and none of that is the file's.
 *
 * So the worker reports its own memory (V8 heap and the buffers outside it) into a gauge in
 * shared memory: when its job starts, after the file opens, after each page, and every few
 * milliseconds while its thread is free. At each report the watch excuses the growth the
 * worker's own does not account for (other threads', up to one budget more); between reports
 * every byte the process grows is charged to the file, so a decoder stuck inflating a bomb is
 * stopped at the budget as before.
 */
import v8 from 'node:v8';

const START_KB = 0;
const OWN_KB = 1;
const REPORTS = 2;

/** A job's gauge: [0] the worker's own memory in KiB when the job started, [1] now, [2] how many reports it made. */
export function newGauge(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
}

/** The gauge of the job running in this thread (the worker's side). */
let current: Int32Array | null = null;

/** This thread's job reports into `gauge` from now on (none: it reports nowhere). */
export function useGauge(gauge: Int32Array | null): void {
  current = gauge;
  if (gauge) Atomics.store(gauge, START_KB, ownKb());
  reportMemory();
}

/** Writes this thread's own memory into the current job's gauge. */
export function reportMemory(): void {
  if (!current) return;
  Atomics.store(current, OWN_KB, ownKb());
  Atomics.add(current, REPORTS, 1);
}

function ownKb(): number {
  const heap = v8.getHeapStatistics();
  return Math.round((heap.total_physical_size + heap.external_memory) / 1024);
}

/** The watch's side: the growth of the process charged to one job. */
export class ChargedGrowth {
  private seen = 0;
  private ownPeak = 0;
  private excused = 0;

  constructor(
    private readonly gauge: Int32Array,
    private readonly budgetBytes: number,
    private readonly baseline: number,
  ) {}

  /** The bytes charged to the job when the process's resident memory is `rss`. */
  charged(rss: number): number {
    const growth = rss - this.baseline;
    const reports = Atomics.load(this.gauge, REPORTS);
    if (reports !== this.seen) {
      this.seen = reports;
      const own = (Atomics.load(this.gauge, OWN_KB) - Atomics.load(this.gauge, START_KB)) * 1024;
      // The worker's peak, not its current size: what a collection freed may still be resident.
      this.ownPeak = Math.max(this.ownPeak, own);
      this.excused = Math.min(this.budgetBytes, Math.max(0, growth - this.ownPeak));
    }
    return growth - this.excused;
  }
}
