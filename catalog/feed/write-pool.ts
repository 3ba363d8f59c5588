/**
 * Durable writes kept in flight together: a publish places tens of thousands of files and OPDS
 * pages, each fsynced with its folder, and a disk completes many fsyncs at once in about the time
 * of one. `run` waits while `limit` writes are running; `drain` waits for all of them and throws
 * the first failure (after which `run` refuses new work), so nothing is still writing when a
 * publish returns or fails.
 */

/** Writes in flight at once. */
const WRITES_IN_FLIGHT = 16;

export class WritePool {
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | null = null;

  constructor(private readonly limit = WRITES_IN_FLIGHT) {}

  /** Starts `task` once fewer than `limit` are running (resolves when it has started). */
  async run(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    if (this.failure) throw this.failure.error;
    const running: Promise<void> = task()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.running.delete(running));
    this.running.add(running);
  }

  /** Waits for every write started; throws the first that failed. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
    if (this.failure) throw this.failure.error;
  }
}
