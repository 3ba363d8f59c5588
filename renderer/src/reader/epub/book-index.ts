/**
 * The search index of an open book: every section's passages (extract.ts) in a BookSearchIndex,
 * with the text nodes behind each passage kept, so that a hit becomes a DOM Range (and then a
 * place epub.js can show). Built in the background, section by section, while the book is read.
 */
import { loadSection, sectionsOf } from './adapter.js';
import type { Book } from './adapter.js';
import { extractPassages, rangeOf } from './extract.js';
import type { PassageSource } from './extract.js';
import { BookSearchIndex } from './search-index.js';
import type { SearchHit } from './search-index.js';

/** At most this many hits are listed. */
const HIT_LIMIT = 100;

export class BookIndex {
  private readonly index = new BookSearchIndex();
  /** Passage id → the text nodes behind it. */
  private readonly sources = new Map<number, PassageSource>();

  /** Indexes every section in reading order, telling `progress` after each; stops when `cancelled()`. */
  async build(book: Book, progress: (done: number, total: number) => void, cancelled: () => boolean): Promise<void> {
    const sections = sectionsOf(book);
    progress(0, sections.length);
    for (const [i, section] of sections.entries()) {
      if (cancelled()) return;
      try {
        const doc = await loadSection(book, section);
        if (doc) this.add(section.index, extractPassages(doc));
      } catch {
        // A section that cannot be read is left out of search; reading goes on.
      }
      progress(i + 1, sections.length);
      await new Promise((resolve) => setTimeout(resolve, 0)); // let the page breathe
    }
  }

  private add(section: number, sources: PassageSource[]): void {
    const added = this.index.add(section, sources.map((s) => s.text));
    // add() skips passages without letters: match them up by text, in order.
    let k = 0;
    for (const source of sources) {
      if (added[k] && added[k].text === source.text) {
        this.sources.set(added[k].id, source);
        k += 1;
      }
    }
  }

  search(query: string): SearchHit[] {
    return this.index.search(query, HIT_LIMIT);
  }

  /** The runs of a hit's words in its section's document, the run shown first at the head; empty when they cannot be placed. */
  rangesOf(hit: SearchHit): Range[] {
    const source = this.sources.get(hit.passage.id);
    const doc = source?.segments[0]?.node.ownerDocument;
    if (!source || !doc) return [];
    const runs = [...hit.runs].sort((a, b) => Number(b.start === hit.start) - Number(a.start === hit.start));
    return runs.map((run) => rangeOf(doc, source, run.start, run.end)).filter((range): range is Range => range !== null);
  }
}
