/**
 * The e2e library every spec file's station starts from (tests/e2e/support/station.ts): the demo
 * set, plus — when ../shared/corpora is here — the 343-page gazette PDF, Vietnamese and scripted
 * EPUBs through the real importer, a damaged and a password-protected PDF placed as a sync would
 * deliver them (the importer refuses those; a reader must still cope), and the staff accounts;
 * the relations already read, so that a station started on a copy has no backlog to work through.
 * Built once per run, by the global setup, into a template folder that each station copies.
 */
import { Accounts } from '../../../catalog/accounts/accounts.js';
import { loadDemoIfEmpty } from '../../../catalog/demo.js';
import { saveDocuments } from '../../../catalog/documents.js';
import { importFiles } from '../../../catalog/import/importer.js';
import { Library } from '../../../catalog/library.js';
import { readPendingRelations } from '../../../catalog/relations/backfill.js';
import { corporaMissing, corpusFile } from '../../helpers/corpora.js';
import { E2E_DOCUMENTS } from './e2e-documents.js';
import { E2E_STAFF } from './staff.js';
import type { StaffKind } from './staff.js';

/** Fills the empty library folder `libraryDir` and closes it. */
export async function buildE2eLibrary(libraryDir: string): Promise<void> {
  const library = await Library.open(libraryDir);
  try {
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
    for (const [role, account] of Object.entries(E2E_STAFF)) await accounts.create({ ...account, role: role as StaffKind });
    await readPendingRelations(library);
  } finally {
    library.close();
  }
}
