/**
 * Search inside the book with Vietnamese folding ("lao hac" finds "Lão Hạc"), the words in any
 * order: results with their chapter and the words marked; choosing one shows its page with the words highlighted (and, on a
 * phone, closes the panel, which covers the page).
 */
import { Highlighted } from '../../../components/Highlighted.js';
import { useT } from '../../../i18n.js';
import { SearchIcon } from '../../shared/icons.js';
import { snippet } from '../search-index.js';
import type { PanelProps } from './panels.js';

export function SearchPanel({ book, search, narrow, close, query }: PanelProps) {
  const t = useT();
  const { hits, indexing } = search;
  const { indexed } = book;
  return (
    <div className="epub-search">
      <form
        role="search"
        className="epub-search-form"
        onSubmit={(event) => {
          event.preventDefault();
          search.run();
        }}
      >
        <label htmlFor="epub-search-input" className="epub-label">
          {t('epub.searchLabel')}
        </label>
        <div className="epub-search-row">
          <input
            id="epub-search-input"
            type="search"
            value={search.text}
            placeholder={t('epub.searchPlaceholder')}
            onChange={(event) => search.setText(event.target.value)}
            autoComplete="off"
            autoFocus={!query}
          />
          <button type="submit" className="epub-button primary">
            <SearchIcon />
            <span>{t('epub.searchButton')}</span>
          </button>
        </div>
      </form>
      {indexing && book.status === 'ready' && (
        <div className="epub-indexing" role="status">
          <span>{t('epub.indexing', { percent: Math.round((indexed.done / Math.max(1, indexed.total)) * 100) })}</span>
          <progress max={indexed.total} value={indexed.done} />
        </div>
      )}
      {hits && (
        <div className="epub-results" data-testid="epub-results">
          <p role="status" className="epub-results-count">
            {hits.length === 0 ? t('epub.noResults', { query: search.query }) : t(hits.length >= 100 ? 'epub.resultsMany' : 'epub.results', { count: hits.length, query: search.query })}
          </p>
          {indexing && hits.length > 0 && <p className="epub-note">{t('epub.indexingPartial')}</p>}
          <ol className="epub-result-list">
            {hits.map((hit) => {
              const part = snippet(hit.passage.text, hit);
              const chapter = book.chapterOf(book.sectionHref(hit.passage.section));
              return (
                <li key={hit.passage.id}>
                  <button
                    type="button"
                    className="epub-result"
                    data-testid="epub-result"
                    onClick={() => {
                      void book.showHit(hit);
                      if (narrow) close();
                    }}
                  >
                    {chapter && <span className="epub-result-chapter">{t('epub.resultIn', { chapter })}</span>}
                    <span className="epub-result-text">
                      <Highlighted text={part.text} ranges={part.ranges} />
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </div>
  );
}
