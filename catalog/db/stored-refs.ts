/**
 * Messages a table keeps — a sync run's outcome (sync_runs.message), a source's last error, an
 * outbox item's reason — as references in JSON (`{key, params}`), so each screen says them in
 * its own language. Several things said at once are kept as one reference that joins them; words
 * as someone wrote them (an official's rejection) are `message.written`.
 */
import { isMessageRef } from '../../shared/messages.js';
import type { MessageRef } from '../../shared/messages.js';

/** One reference for several (nulls left out), said one after the other; null for none. */
export function joinRefs(refs: (MessageRef | null)[]): MessageRef | null {
  const said = refs.filter((ref) => ref !== null);
  if (said.length === 0) return null;
  return said.reduce((first, then) => ({ key: 'message.joined', params: { first, then } }));
}

/** The column's value for a reference. */
export function storeRef(ref: MessageRef | null): string | null {
  return ref === null ? null : JSON.stringify(ref);
}

/**
 * The reference a column keeps. A value that is not one of this version's references (a key a
 * later version removed, a hand-edited row) is shown as it is written rather than lost.
 */
export function readStoredRef(stored: string | null): MessageRef | null {
  if (stored === null) return null;
  try {
    const parsed: unknown = JSON.parse(stored);
    if (isMessageRef(parsed)) return parsed;
  } catch {
    // not JSON: shown as written, below
  }
  return { key: 'message.written', params: { text: stored } };
}
