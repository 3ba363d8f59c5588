/**
 * The station the browser tests run against (Playwright's webServer): a fresh library with the
 * demo set, plus — when ../shared/corpora is here — the 343-page gazette PDF, Vietnamese and
 * scripted EPUBs through the real importer, and a damaged and a password-protected PDF placed
 * as a sync would deliver them (the importer refuses those; a reader must still cope). Serves
 * the built UI (BOOKSHELF_RENDERER_DIR, default dist/renderer) on 127.0.0.1:E2E_PORT.
 * Usage: tsx tests/e2e/support/serve-e2e.ts <library dir> <port>
 */
import path from 'node:path';
import { saveDocuments } from '../../../catalog/documents.js';
import { importFiles } from '../../../catalog/import/importer.js';
import { Library } from '../../../catalog/library.js';
import { loadDemoIfEmpty } from '../../../catalog/demo.js';
import { startStation } from '../../../catalog/station.js';
import { corporaMissing, corpusFile } from '../../helpers/corpora.js';
import { E2E_DOCUMENTS } from './e2e-documents.js';
import { E2E_STAFF } from './staff.js';
import type { StaffKind } from './staff.js';
import { Accounts } from '../../../catalog/accounts/accounts.js';

const [libraryDir, port] = process.argv.slice(2);

const library = await Library.open(libraryDir);
await loadDemoIfEmpty(library);
if (!corporaMissing) {
  const imported = await importFiles(library, E2E_DOCUMENTS.imported.map(corpusFile));
  if (imported.refused.length > 0) throw new Error(`e2e import refused: ${JSON.stringify(imported.refused)}`);
  for (const broken of E2E_DOCUMENTS.placed) {
    const stored = await library.files.putFile(corpusFile(broken.file));
    saveDocuments(library.db, [
      {
        publication: { id: broken.id, kind: 'legal', title: broken.title, docType: 'Thông tư', issuer: 'Bộ Tư pháp', fields: ['Hộ tịch'] },
        files: [{ ...stored, mediaType: 'application/pdf', state: 'present', role: 'content' }],
      },
    ]);
  }
}
const accounts = new Accounts(library.db);
if (accounts.firstRun()) {
  for (const [role, account] of Object.entries(E2E_STAFF)) await accounts.create({ ...account, role: role as StaffKind });
}
library.close();

const rendererDir = process.env.BOOKSHELF_RENDERER_DIR ? path.resolve(process.env.BOOKSHELF_RENDERER_DIR) : undefined;
const station = await startStation({ libraryDir, host: '127.0.0.1', port: Number(port), demo: false, rendererDir });
console.log(`e2e station: ${station.server.url}`);
