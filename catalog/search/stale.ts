/**
 * What a read-only connection found out of date while searching — the common-term counts
 * (term-stats.ts) or the accent model (accent-model.ts) — so that whoever runs the reads (the read
 * pool) has them counted again over a writable connection (catalog/read-pool/worker.ts).
 */
let stale = false;

export function noteStale(): void {
  stale = true;
}

/** Whether something was noted stale since the last call. */
export function takeStale(): boolean {
  const noted = stale;
  stale = false;
  return noted;
}
