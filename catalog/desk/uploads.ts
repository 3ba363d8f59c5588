/**
 * Files a browser sends to the desk to import (its file input): an API call's body is at most
 * 64 KB, so the bytes arrive in order, in chunks of UPLOAD_CHUNK_BYTES, into a partial file in
 * <library>/desk/uploads/. Bounded: a file of at most MAX_UPLOAD_BYTES, of the types the path
 * import takes (checked by name before any byte is sent), never more bytes than announced, a few
 * uploads open at once; one left idle is dropped. A restart drops every partial file (the desk
 * store's recovery removes the folder, which belongs to no batch).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import { MAX_UPLOAD_BYTES } from '../../shared/desk.js';
import { formatOf } from './file-batch.js';

/** Uploads open at once; a new one beyond this is refused until one ends or idles out. */
export const MAX_OPEN_UPLOADS = 4;
/** An upload that received nothing for this long is dropped. */
export const UPLOAD_IDLE_MS = 10 * 60 * 1000;

interface Slot {
  file: string;
  name: string;
  size: number;
  received: number;
  touchedAt: number;
}

/** The name a browser gave, without any folder part (some send "C:\fakepath\…"). */
function baseName(name: string): string {
  return name.split(/[\\/]/).pop()?.trim() ?? '';
}

export class DeskUploads {
  private readonly slots = new Map<string, Slot>();

  constructor(
    readonly dir: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Opens an upload of `size` bytes of a file called `name`; refuses a type or size the import would not take. */
  start(name: string, size: number): { uploadId: string } {
    const file = baseName(name);
    if (!formatOf(file)) throw new AppError('bad_request', { key: 'desk.fileType' });
    if (size > MAX_UPLOAD_BYTES) throw new AppError('bad_request', { key: 'desk.fileTooLarge', params: { maxMb: String(MAX_UPLOAD_BYTES / 1024 / 1024) } });
    this.dropIdle();
    if (this.slots.size >= MAX_OPEN_UPLOADS) throw new AppError('conflict', { key: 'desk.uploadsBusy' });
    const uploadId = `u${randomBytes(16).toString('hex')}`;
    fs.mkdirSync(this.dir, { recursive: true });
    const part = path.join(this.dir, `${uploadId}.part`);
    fs.writeFileSync(part, '');
    this.slots.set(uploadId, { file: part, name: file, size, received: 0, touchedAt: this.now() });
    return { uploadId };
  }

  /** Appends the next bytes; `offset` must be what was received so far. */
  append(uploadId: string, offset: number, bytes: Buffer): { received: number } {
    const slot = this.slot(uploadId);
    if (offset !== slot.received) throw new AppError('conflict', { key: 'desk.uploadOutOfStep' });
    if (slot.received + bytes.byteLength > slot.size) {
      this.cancel(uploadId);
      throw new AppError('bad_request', { key: 'desk.uploadTooLong' });
    }
    fs.appendFileSync(slot.file, bytes);
    slot.received += bytes.byteLength;
    slot.touchedAt = this.now();
    return { received: slot.received };
  }

  /** A complete upload, handed over: the caller imports the file and removes it. */
  take(uploadId: string): { file: string; name: string } {
    const slot = this.slot(uploadId);
    if (slot.received !== slot.size) throw new AppError('bad_request', { key: 'desk.uploadIncomplete' });
    this.slots.delete(uploadId);
    return { file: slot.file, name: slot.name };
  }

  cancel(uploadId: string): boolean {
    const slot = this.slots.get(uploadId);
    if (!slot) return false;
    this.slots.delete(uploadId);
    fs.rmSync(slot.file, { force: true });
    return true;
  }

  /** Drops every open upload (the desk is closing). */
  dispose(): void {
    for (const uploadId of [...this.slots.keys()]) this.cancel(uploadId);
  }

  private slot(uploadId: string): Slot {
    this.dropIdle();
    const slot = this.slots.get(uploadId);
    if (!slot) throw new AppError('not_found', { key: 'desk.uploadNotFound' });
    return slot;
  }

  private dropIdle(): void {
    const now = this.now();
    for (const [uploadId, slot] of this.slots) if (now - slot.touchedAt > UPLOAD_IDLE_MS) this.cancel(uploadId);
  }
}
