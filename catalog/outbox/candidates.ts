/**
 * What a librarian may add to the outbox, to pick from a list instead of typing an id: the
 * documents this station made (origin 'local') whose content file (PDF or EPUB) is on disk and
 * that are not in the outbox yet, newest first. A query keeps those whose title has syllables
 * starting with its words, in any order and with or without accents, or whose number holds it.
 */
import type { Db } from '../db/open.js';
import { tokenize } from '../../shared/search/tokens.js';
import { numberKey } from '../../shared/text.js';
import { UPLOAD_MEDIA_TYPES } from '../../shared/outbox.js';
import type { OutboxCandidate } from '../../shared/outbox.js';

export function outboxCandidates(db: Db, query: string, limit: number): OutboxCandidate[] {
  const words = tokenize(query.normalize('NFC')).map((token) => token.text);
  const number = numberKey(query);
  // Each word starts a syllable of the folded title (title_key: folded syllables, one space apart).
  const byTitle = words.length > 0 ? words.map(() => `instr(' ' || p.title_key, ' ' || ?) > 0`).join(' AND ') : '0';
  const matches = query.trim() === '' ? '1' : `((${byTitle}) OR instr(coalesce(p.number_key, ''), ?) > 0)`;
  const params = query.trim() === '' ? [] : [...words, number];
  return db
    .prepare(
      `SELECT p.id, p.kind, p.title, p.number, p.created_at AS savedAt, f.media_type AS mediaType, f.size
       FROM publications p
       JOIN publication_files pf ON pf.publication_id = p.id AND pf.role = 'content'
       JOIN files f ON f.sha256 = pf.sha256
       WHERE p.origin = 'local' AND f.state = 'present' AND f.media_type IN (SELECT value FROM json_each(?))
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.publication_id = p.id)
         AND ${matches}
       ORDER BY p.created_at DESC, p.id
       LIMIT ?`,
    )
    .all(JSON.stringify(UPLOAD_MEDIA_TYPES), ...params, limit) as OutboxCandidate[];
}
