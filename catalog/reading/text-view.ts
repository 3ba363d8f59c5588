/**
 * publications.text: one part of a publication's stored text as blocks (./blocks.ts, ./parts.ts)
 * with the table of contents of the whole, the sentences a voice reads
 * (shared/reading/sentences.ts) and the search words marked as the results page marks them (the
 * same reading of the query: marks restored, everyday words' legal phrases; catalog/search/). A
 * read: it runs in the read pool, off the kiosk's thread. The blocks of the last few texts are
 * kept, so turning to the next part of a long code does not reflow it again.
 */
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { summariesByIds } from '../publications.js';
import { highlightOf } from '../search/search.js';
import { matchRanges } from '../search/snippets.js';
import type { Highlight } from '../search/snippets.js';
import { understandQuery } from '../search/understand.js';
import { AppError } from '../../shared/errors.js';
import type { ParsedInputOf } from '../../shared/contract.js';
import type { Contract } from '../../shared/contract.js';
import type { PublicationText, TextBlock } from '../../shared/contract/reading.js';
import { textBlocks } from './blocks.js';
import type { PlacedBlock, StoredSection } from './blocks.js';
import { contentsOf, partOfBlocks } from './parts.js';
import { sentenceStarts } from '../../shared/reading/sentences.js';

interface Reflowed {
  /** The publication, its text, section ids and line wrapping: a text or structure stored again is reflowed again. */
  key: string;
  text: string;
  blocks: PlacedBlock[];
  partOf: number[];
}

const KEPT = 4;
const EPUB = 'application/epub+zip';
const kept: Reflowed[] = [];

function reflowed(id: string, text: string, sections: StoredSection[], wrapped: boolean): Reflowed {
  const key = `${id}\n${wrapped}\n${sections.map((s) => s.id).join(',')}`;
  const found = kept.find((r) => r.key === key && r.text === text);
  if (found) return found;
  const blocks = textBlocks(text, sections, wrapped);
  const made = { key, text, blocks, partOf: partOfBlocks(blocks) };
  kept.unshift(made);
  kept.length = Math.min(kept.length, KEPT);
  return made;
}

/** A block as the view gets it: its sentences when a paragraph, and the search words in it. */
function finished({ start: _start, ...block }: PlacedBlock, highlight: Highlight | null): TextBlock {
  const marks = highlight ? matchRanges(block.text, highlight) : [];
  return block.kind === 'heading' ? { ...block, marks } : { ...block, sentences: sentenceStarts(block.text), marks };
}

export function publicationText(db: Db, input: ParsedInputOf<Contract, 'publications.text'>): PublicationText {
  const [publication] = summariesByIds(db, [input.id]);
  if (!publication) throw new AppError('not_found', { key: 'error.not_found' });
  const { id, kind, title, number, available } = publication;
  const text = statement(db, 'SELECT text FROM publication_texts WHERE publication_id = ?').pluck().get(id) as string | undefined;
  const base = { id, kind, title, number, readable: available };
  if (text === undefined || text.trim() === '') return { ...base, hasText: false, contents: [], parts: 0, part: 0, blocks: [], at: null };

  const sections = statement(db, 'SELECT id, level, number, heading, start, page FROM sections WHERE publication_id = ? ORDER BY ordinal').all(id) as StoredSection[];
  // An EPUB's text has a line per block (a paragraph, a line of verse); a PDF's, a scan's, lines wrapped at the page's width.
  const mediaType = statement(db, "SELECT f.media_type FROM publication_files pf JOIN files f ON f.sha256 = pf.sha256 WHERE pf.publication_id = ? AND pf.role = 'content'").pluck().get(id);
  const { blocks, partOf } = reflowed(id, text, sections, mediaType !== EPUB);
  const parts = partOf[partOf.length - 1] + 1;
  const sectionAt = input.section === undefined ? -1 : blocks.findIndex((b) => b.kind === 'heading' && b.section === input.section);
  const part = Math.min(input.part ?? (sectionAt >= 0 ? partOf[sectionAt] : 0), parts - 1);
  const highlight = input.q.trim() ? highlightOf(understandQuery(db, input.q).query) : null;
  return {
    ...base,
    hasText: true,
    contents: contentsOf(blocks, partOf),
    parts,
    part,
    blocks: blocks.flatMap((block, i) => (partOf[i] === part ? [finished(block, highlight)] : [])),
    at: sectionAt >= 0 && partOf[sectionAt] === part ? (input.section ?? null) : null,
  };
}
