/**
 * USB bundles of uploads from a terminal (docs/uploads.md § USB bundles): `bookshelf outbox
 * --export-bundle DIR` at a station copies the items waiting to be sent onto the drive, and
 * `bookshelf moderate --import-bundle DIR` at a hub takes the bundles found there into the
 * moderation queue, one line per item: taken, or refused and why. Output is bilingual; `--json`
 * prints the result as one JSON line. A bundle's words (titles, a station's name) are made plain.
 */
import { exportBundle } from '../outbox/bundle-export.js';
import { importBundles } from '../hub/bundle-import.js';
import { bilingual } from '../../shared/messages.js';
import { terminalSafe } from '../../shared/text.js';
import { onLibrary } from './on-library.js';

export interface BundleFlags {
  libraryDir: string;
  folder: string;
  json: boolean;
}

export function runExportUploads(flags: BundleFlags, write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  return onLibrary(flags.libraryDir, async (library) => {
    const result = await exportBundle(library, flags.folder);
    if (flags.json) write(`${JSON.stringify(result)}\n`);
    else if (!result.bundle) write(`${bilingual({ key: 'usbBundleUi.nothingWaiting' })}\n`);
    else write(`${bilingual({ key: 'cli.usbBundle.exported', params: { items: result.items, bytes: result.bytes, folder: result.folder ?? '' } })}\n`);
    return 0;
  });
}

export function runImportUploads(flags: BundleFlags, write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  return onLibrary(flags.libraryDir, async (library) => {
    const result = await importBundles(library, flags.folder);
    if (flags.json) {
      write(`${JSON.stringify(result)}\n`);
      return 0;
    }
    for (const bundle of result.bundles) {
      write(`${terminalSafe(`${bundle.bundle}  ${bundle.stationName ?? '—'}  ${bundle.createdAt ?? ''}`)}\n`);
      if (bundle.reason && !bundle.items.length) write(`  ${bilingual(bundle.reason)}\n`);
      for (const item of bundle.items) {
        const outcome = item.accepted ? bilingual({ key: 'usbBundleUi.accepted' }) : bilingual({ key: 'usbBundleUi.refused', params: { reason: item.reason ?? '' } });
        write(`  ${item.uploadId}  ${terminalSafe(item.title)}\n      ${outcome}\n`);
      }
    }
    write(`${bilingual({ key: 'cli.usbBundle.imported', params: { accepted: result.accepted, refused: result.refused } })}\n`);
    return 0;
  });
}
