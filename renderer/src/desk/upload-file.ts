/**
 * Sends a file chosen in a browser to the station, for the desk to import it: opened with its
 * name and size (the engine refuses a type or size it would not import before any byte goes),
 * then its bytes in order, UPLOAD_CHUNK_BYTES at a time as base64 (an API call's body is small),
 * reporting the bytes sent; then the station imports it. From another PC on the LAN the station
 * limits how fast calls come: a call refused for that waits a second and goes again. Stopping
 * (the signal) or a failure drops the upload at the station.
 */
import type { Client } from '../../../shared/client.js';
import { ClientError } from '../../../shared/client.js';
import { UPLOAD_CHUNK_BYTES } from '../../../shared/desk.js';
import type { DeskBatch } from '../../../shared/desk.js';

/** The engine's client (renderer/src/client.ts in the app; a test's own from another PC). */
type Api = Pick<Client, 'call'>;

/** How long a chunk refused as too fast waits, and how many times it goes again. */
const WAIT_MS = 1000;
const MAX_WAITS = 60;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // String.fromCharCode takes its arguments on the stack: a slice at a time.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export class UploadStopped extends Error {}

/** A call again after a pause while the station answers "too many requests" (the LAN's rate limit). */
async function patiently<T>(send: () => Promise<T>, signal: AbortSignal): Promise<T> {
  for (let waits = 0; ; waits++) {
    try {
      return await send();
    } catch (error) {
      const tooFast = error instanceof ClientError && error.ref?.key === 'http.tooManyRequests';
      if (!tooFast || waits >= MAX_WAITS || signal.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    }
  }
}

/** Sends the whole file; resolves with the upload's id, ready for desk.uploadFinish. */
export async function sendFile(api: Api, file: File, onSent: (bytes: number) => void, signal: AbortSignal): Promise<string> {
  const { uploadId } = await patiently(() => api.call('desk.uploadStart', { name: file.name, size: file.size }), signal);
  try {
    for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
      if (signal.aborted) throw new UploadStopped();
      const data = toBase64(new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer()));
      const { received } = await patiently(() => api.call('desk.uploadChunk', { uploadId, offset, data }), signal);
      onSent(received);
    }
    if (signal.aborted) throw new UploadStopped();
    return uploadId;
  } catch (error) {
    api.call('desk.uploadCancel', { uploadId }).catch(() => undefined);
    throw error;
  }
}

/** Has the station import a complete upload (as a file on this PC would be). */
export function finishUpload(api: Api, uploadId: string, signal: AbortSignal): Promise<DeskBatch> {
  return patiently(() => api.call('desk.uploadFinish', { uploadId }), signal);
}
