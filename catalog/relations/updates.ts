/**
 * What writing or deleting a publication does to the relations, in the transaction that writes it
 * (catalog/documents.ts): its text's reading stored (or left to the background reader when read
 * on the kiosk's thread would cost too much), its rows relinked (its number may have changed;
 * rows waiting for its number are linked to it), and the status derived again of every
 * publication that may change — itself and what its relations name, before and after. A deleted
 * publication leaves the rows naming it to another copy, if any.
 */
import type { Db } from '../db/open.js';
import { localDay } from '../reads.js';
import type { DocumentRelations } from '../../shared/legal/relations.js';
import { relink, relinkRows, rowsLinkedTo } from './links.js';
import { markUnread, storeReading, targetsOf } from './readings.js';
import { deriveStatuses } from './status.js';

/**
 * What became of the text: read (what it says, null when there is nothing to read; or the hub's
 * reading, given by a feed), changed but left unread, or the same.
 */
export type TextChange = { reading: DocumentRelations | null; source?: 'text' | 'feed' } | 'unread' | 'same';

/** After publication `id` was written at `now` (an ISO time); see the module comment. */
export function relationsAfterWrite(db: Db, id: string, text: TextChange, now: string): void {
  const affected = new Set<string>([id, ...targetsOf(db, id)]);
  if (text === 'unread') markUnread(db, id);
  else if (text !== 'same') storeReading(db, id, text.reading, text.source);
  if (text !== 'same') for (const target of targetsOf(db, id)) affected.add(target); // the same text: the same targets
  for (const changed of relink(db, id)) affected.add(changed);
  deriveStatuses(db, affected, localDay(new Date(now)));
}

/** Deletes publication `id` with `remove` (its rows go with it), then relinks the rows that named it and derives again. */
export function deleteWithRelations(db: Db, id: string, remove: () => void, now: string): void {
  const targets = targetsOf(db, id);
  const naming = rowsLinkedTo(db, id);
  remove();
  deriveStatuses(db, new Set([...targets, ...relinkRows(db, naming)]), localDay(new Date(now)));
}
