/**
 * Parts for the USB bundle tests (docs/uploads.md § USB bundles): a real hub on 127.0.0.1 and a
 * real station with two documents of its own (real PDFs) queued in its outbox — enrolled with
 * that hub and approved there, unless asked not to be — and the bundle it copies into a folder
 * standing for the drive. Both libraries close when the test finishes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { saveDocuments } from '../../catalog/documents.js';
import type { Library } from '../../catalog/library.js';
import { exportBundle } from '../../catalog/outbox/bundle-export.js';
import { enqueue } from '../../catalog/outbox/store.js';
import type { BundleExport } from '../../shared/contract/outbox.js';
import { pdfBytes, startHub, stationWith } from '../catalog/outbox/fixtures.js';
import { enrolApproved } from './enrolled-station.js';
import { tempDir } from './temp-dir.js';

/** A second document of the station's own, its PDF holding `bytes`; its id and sha256. */
async function addLocalDocument(library: Library, bytes: Buffer): Promise<{ id: string; sha256: string }> {
  const source = path.join(tempDir('usb-src-'), 'doc.pdf');
  fs.writeFileSync(source, bytes);
  const stored = await library.files.putFile(source);
  const id = `local-${stored.sha256.slice(0, 12)}`;
  saveDocuments(library.db, [{ publication: { id, kind: 'legal', title: `Thông báo ${id}`, origin: 'local' }, files: [{ ...stored, mediaType: 'application/pdf', state: 'present', role: 'content' }] }]);
  return { id, sha256: stored.sha256 };
}

/** A hub, and a station (enrolled and approved there unless `enrol` is false) with two documents queued. */
export async function stationWithQueued(options: { enrol?: boolean } = {}) {
  const hub = await startHub();
  // A test may close the hub itself (to run a CLI on its library): closing twice is no failure.
  onTestFinished(() => hub.close().catch(() => undefined));
  const first = await stationWith(pdfBytes(40 * 1024), { name: 'Xã Hòa Bình' });
  const second = await addLocalDocument(first.library, pdfBytes(48 * 1024));
  const documents = [{ id: first.id, sha256: first.sha256 }, second];
  if (options.enrol !== false) await enrolApproved(first.library, hub.url, hub.library);
  for (const document of documents) enqueue(first.library.db, document.id);
  return { hub, station: first.library, documents };
}

/** The station's outbox copied into a new folder standing for the drive: the folder, the bundle's folder and the result. */
export async function exportedBundle(station: Library, now?: Date): Promise<{ drive: string; dir: string; result: BundleExport }> {
  const drive = tempDir('usb-drive-');
  const result = await exportBundle(station, drive, now);
  return { drive, dir: result.folder as string, result };
}
