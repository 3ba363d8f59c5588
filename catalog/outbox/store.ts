/**
 * The station's outbox (table outbox, migration 10): what librarians asked to send to the hub,
 * with its state and, when it failed or was rejected, the reason as a message reference (JSON,
 * migration 14). Every change goes through `durably` (synchronous=FULL): an acknowledged
 * enqueue, a sent upload or the hub's answer is never lost to a power cut.
 */
import type { Db } from '../db/open.js';
import { getPublication } from '../publications.js';
import { AppError } from '../../shared/errors.js';
import type { MessageRef } from '../../shared/messages.js';
import { UPLOAD_MEDIA_TYPES } from '../../shared/outbox.js';
import type { OutboxItem, OutboxState, UploadDescription } from '../../shared/outbox.js';
import { durably } from '../db/durable.js';
import { readStoredRef, storeRef } from '../db/stored-refs.js';

/** What is sent of a publication, copied when it is queued (and kept by the hub that receives it). */
export interface SentDocumentColumns {
  title: string;
  description: string;
  sha256: string;
  size: number;
  media_type: string;
  file_name: string;
}

export interface OutboxRow extends SentDocumentColumns {
  id: number;
  publication_id: string;
  state: OutboxState;
  bytes_sent: number;
  upload_url: string | null;
  /** A MessageRef as JSON. */
  reason: string | null;
  attempts: number;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * The longest summary sent with an upload: it rides base64-encoded in the Upload-Metadata header,
 * and a hub refuses request headers over 16 KB (1,500 Vietnamese characters are about 4 KB).
 */
const MAX_SUMMARY_CHARS = 1500;

export function toItem(row: OutboxRow, live?: { bytesSent: number }): OutboxItem {
  const bytesSent = live && row.state === 'sending' ? Math.max(live.bytesSent, row.bytes_sent) : row.bytes_sent;
  const done = row.state === 'sent' || row.state === 'accepted';
  const shown = done ? row.size : Math.min(bytesSent, row.size);
  return {
    id: row.id,
    publicationId: row.publication_id,
    title: row.title,
    fileName: row.file_name,
    mediaType: row.media_type,
    sha256: row.sha256,
    state: row.state,
    bytesSent: shown,
    bytesTotal: row.size,
    percent: row.size === 0 ? (done ? 100 : 0) : Math.floor((shown / row.size) * 100),
    reason: readStoredRef(row.reason),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function getRow(db: Db, id: number): OutboxRow | null {
  return (db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined) ?? null;
}

export function listRows(db: Db): OutboxRow[] {
  return db.prepare('SELECT * FROM outbox ORDER BY id DESC').all() as OutboxRow[];
}

/** What is sent of a publication: its description now and its content file (PDF or EPUB, on disk). */
function snapshotOf(db: Db, publicationId: string): SentDocumentColumns {
  const publication = getPublication(db, publicationId);
  if (!publication) throw new AppError('not_found', { key: 'outbox.noPublication', params: { id: publicationId } });
  if (publication.origin !== 'local') throw new AppError('bad_request', { key: 'outbox.notLocal' });
  const file = publication.files.find((f) => f.role === 'content');
  if (!file || file.state !== 'present' || !(UPLOAD_MEDIA_TYPES as readonly string[]).includes(file.mediaType)) {
    throw new AppError('bad_request', { key: 'outbox.noFile' });
  }
  const description: UploadDescription = {
    id: publication.id,
    kind: publication.kind,
    title: publication.title.slice(0, 1000),
    number: publication.number,
    docType: publication.docType,
    issuer: publication.issuer,
    issuedDate: publication.issuedDate,
    effectiveDate: publication.effectiveDate,
    legalStatus: publication.legalStatus,
    fields: publication.fields,
    language: publication.language,
    authors: publication.authors,
    publisher: publication.publisher,
    description: publication.description ? publication.description.slice(0, MAX_SUMMARY_CHARS) : null,
  };
  return {
    title: publication.title,
    description: JSON.stringify(description),
    sha256: file.sha256,
    size: file.size,
    media_type: file.mediaType,
    file_name: `${publicationId.replace(/[^\w.-]+/g, '_')}.${file.mediaType === 'application/pdf' ? 'pdf' : 'epub'}`,
  };
}

/** Queues a librarian's publication (origin 'local', its content file on disk) for the hub. */
export function enqueue(db: Db, publicationId: string, now = new Date()): OutboxRow {
  const at = now.toISOString();
  return durably(db, () => {
    const snapshot = snapshotOf(db, publicationId);
    const active = db.prepare(`SELECT id FROM outbox WHERE publication_id = ? AND sha256 = ? AND state <> 'rejected'`).get(publicationId, snapshot.sha256);
    if (active) throw new AppError('conflict', { key: 'outbox.alreadyQueued' });
    const id = db
      .prepare(
        `INSERT INTO outbox (publication_id, title, description, sha256, size, media_type, file_name, created_at, updated_at)
         VALUES (@publicationId, @title, @description, @sha256, @size, @media_type, @file_name, @at, @at)`,
      )
      .run({ ...snapshot, publicationId, at }).lastInsertRowid;
    return getRow(db, Number(id)) as OutboxRow;
  });
}

/** Takes an item out of the queue: only before any byte was sent (waiting, or failed with no upload). */
export function remove(db: Db, id: number): void {
  durably(db, () => {
    const row = getRow(db, id);
    if (!row) throw new AppError('not_found', { key: 'outbox.noItem' });
    const untouched = row.state === 'waiting' || (row.state === 'failed' && row.upload_url === null) || row.state === 'rejected';
    if (!untouched) throw new AppError('conflict', { key: 'outbox.cannotRemove' });
    db.prepare('DELETE FROM outbox WHERE id = ?').run(id);
  });
}

/** A failed item is tried again now, from where the hub stopped; a rejected one from the start, with the publication's description as it is now. */
export function retry(db: Db, id: number, now = new Date()): OutboxRow {
  return durably(db, () => {
    const row = getRow(db, id);
    if (!row) throw new AppError('not_found', { key: 'outbox.noItem' });
    if (row.state !== 'failed' && row.state !== 'rejected') throw new AppError('conflict', { key: 'outbox.cannotRetry' });
    const at = now.toISOString();
    db.prepare(`UPDATE outbox SET state = 'waiting', next_attempt_at = NULL, reason = NULL, attempts = 0, updated_at = ? WHERE id = ?`).run(at, id);
    if (row.state === 'rejected') {
      // Sent again from the start, as the publication is now (the librarian may have fixed it).
      const snapshot = snapshotOf(db, row.publication_id);
      db.prepare(
        `UPDATE outbox SET title = @title, description = @description, sha256 = @sha256, size = @size, media_type = @media_type,
           file_name = @file_name, upload_url = NULL, bytes_sent = 0 WHERE id = @id`,
      ).run({ ...snapshot, id });
    }
    return getRow(db, id) as OutboxRow;
  });
}

/** The next item due for sending: waiting, left 'sending' by a crash, or failed and due again. */
export function nextDue(db: Db, now = new Date()): OutboxRow | null {
  return (
    (db
      .prepare(
        `SELECT * FROM outbox WHERE state IN ('waiting', 'sending') OR (state = 'failed' AND (next_attempt_at IS NULL OR next_attempt_at <= ?))
         ORDER BY CASE state WHEN 'sending' THEN 0 ELSE 1 END, id LIMIT 1`,
      )
      .get(now.toISOString()) as OutboxRow | undefined) ?? null
  );
}

/** A change to an item; its reason is a reference (or null to clear it). */
export type OutboxChange = Partial<Pick<OutboxRow, 'state' | 'bytes_sent' | 'upload_url' | 'attempts' | 'next_attempt_at'>> & { reason?: MessageRef | null };

export function update(db: Db, id: number, change: OutboxChange, now = new Date()): void {
  const fields = change.reason === undefined ? change : { ...change, reason: storeRef(change.reason) };
  const keys = Object.keys(fields);
  const sets = keys.map((key) => `${key} = @${key}`).join(', ');
  durably(db, () => {
    db.prepare(`UPDATE outbox SET ${sets}${sets ? ', ' : ''}updated_at = @now WHERE id = @id`).run({ ...fields, now: now.toISOString(), id });
  });
}

/** Items sent whose moderation outcome the hub has not yet given. */
export function awaitingDecision(db: Db): OutboxRow[] {
  return db.prepare(`SELECT * FROM outbox WHERE state = 'sent' AND upload_url IS NOT NULL ORDER BY id`).all() as OutboxRow[];
}

/** What would be sent now waits, saying why (the hub has not approved this station): none is sent, none loses its turn. */
export function holdDue(db: Db, reason: MessageRef, now = new Date()): void {
  durably(db, () => {
    db.prepare(
      `UPDATE outbox SET reason = ?, state = CASE state WHEN 'sending' THEN 'waiting' ELSE state END, updated_at = ?
       WHERE state IN ('waiting', 'sending', 'failed')`,
    ).run(storeRef(reason), now.toISOString());
  });
}
