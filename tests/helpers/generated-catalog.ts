/**
 * A hub library filled fast with generated publications (the publish bench, the streamed-publish
 * test): bulk SQL inserts in one transaction — metadata from tests/bench/sync-apply.ts, one
 * content file each (every `presentEvery`-th held in the store, the others named but not held
 * yet), a change-log put each — with no texts and no search index (publish reads neither).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Library } from '../../catalog/library.js';
import { sha256Hex } from '../../catalog/store/hash.js';
import { numberKey, vnSortKey } from '../../shared/text.js';
import { benchPublication } from '../bench/sync-apply.js';

export interface GeneratedCatalog {
  /** Publications `vb-0000001`… added. */
  count: number;
  /** Of them, those whose file is present in the store (and so in the OPDS view). */
  present: number;
}

/** Adds publications `from`…`from + count - 1` to the library, in one transaction. */
export function generateCatalog(library: Library, options: { count: number; from?: number; presentEvery?: number; now?: string }): GeneratedCatalog {
  const db = library.db;
  const now = options.now ?? '2026-11-01T00:00:00.000Z';
  const presentEvery = options.presentEvery ?? 10;
  const from = options.from ?? 1;
  const publication = db.prepare(
    `INSERT INTO publications (id, kind, title, title_sort, number, number_key, doc_type, issuer, issued_date, effective_date,
       legal_status, fields, language, authors, publisher, description, origin, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'national', ?, ?)`,
  );
  const file = db.prepare(`INSERT OR IGNORE INTO files (sha256, size, media_type, state, created_at) VALUES (?, ?, 'application/pdf', ?, ?)`);
  const link = db.prepare(`INSERT INTO publication_files (publication_id, sha256, role) VALUES (?, ?, 'content')`);
  const change = db.prepare(`INSERT INTO changes (publication_id, op, changed_at) VALUES (?, 'put', ?)`);
  let present = 0;
  db.transaction(() => {
    for (let i = from; i < from + options.count; i += 1) {
      const pub = benchPublication(i);
      publication.run(
        pub.id, pub.kind, pub.title, vnSortKey(pub.title), pub.number, pub.number ? numberKey(pub.number) : null, pub.docType, pub.issuer,
        pub.issuedDate, pub.effectiveDate, pub.legalStatus, JSON.stringify(pub.fields), pub.language, JSON.stringify(pub.authors),
        pub.publisher, pub.description, now, now,
      );
      let { sha256, size } = pub.files[0];
      if (i % presentEvery === 0) {
        const bytes = Buffer.from(`%PDF-1.4 generated ${i}\n`);
        sha256 = sha256Hex(bytes);
        size = bytes.length;
        const stored = library.files.pathOf(sha256);
        fs.mkdirSync(path.dirname(stored), { recursive: true });
        fs.writeFileSync(stored, bytes);
        present += 1;
      }
      file.run(sha256, size, i % presentEvery === 0 ? 'present' : 'pending', now);
      link.run(pub.id, sha256);
      change.run(pub.id, now);
    }
  })();
  return { count: options.count, present };
}
