/**
 * The bar for finding words in the PDF: the words, previous / next match (Shift+Enter: previous),
 * the count and close. On a phone one compact row: Enter (the keyboard's "search" key) finds, the
 * count is short ("2/14").
 */
import { useT } from '../../i18n.js';
import { CloseIcon, DownIcon, SearchIcon, UpIcon } from '../shared/icons.js';
import { useNarrowScreen } from '../shared/narrow-screen.js';
import { IconButton } from './IconButton.js';
import type { PdfFind } from './use-pdf-find.js';

/** `query`: the words of the search that led here (the field is not focused then). */
export function FindBar({ find, query }: { find: PdfFind; query?: string }) {
  const t = useT();
  const narrow = useNarrowScreen();
  const counted = { current: find.current || 1, total: find.total };
  const status = find.total > 0 ? t('pdf.searchCount', counted) : find.pending ? t('pdf.searching') : find.searched ? t('pdf.searchNone') : '';
  const short = find.total > 0 ? t('pdf.searchCountShort', counted) : find.pending ? '…' : find.searched ? t('pdf.searchNoneShort') : '';
  return (
    <form
      className="pdf-searchbar"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        find.run(false);
      }}
    >
      <SearchIcon />
      <input
        ref={find.input}
        className="pdf-input pdf-search-input"
        type="search"
        enterKeyHint="search"
        value={find.text}
        placeholder={t('pdf.searchPlaceholder')}
        aria-label={t('pdf.searchField')}
        data-testid="pdf-search-input"
        autoFocus={!query}
        onChange={(e) => find.setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.shiftKey) {
            e.preventDefault();
            find.run(true, true);
          }
        }}
      />
      <button type="submit" className="pdf-button primary pdf-search-go">
        {t('pdf.searchGo')}
      </button>
      <IconButton label={t('pdf.searchPrev')} onClick={() => find.run(true, true)} disabled={find.total === 0} testId="pdf-search-prev">
        <UpIcon />
      </IconButton>
      <IconButton label={t('pdf.searchNext')} onClick={() => find.run(true)} disabled={find.total === 0} testId="pdf-search-next">
        <DownIcon />
      </IconButton>
      <span className="pdf-search-count" role="status" aria-live="polite" data-testid="pdf-search-count" data-total={find.total}>
        <span className={narrow ? 'visually-hidden' : undefined}>{status}</span>
        {narrow && <span aria-hidden="true">{short}</span>}
      </span>
      <IconButton label={t('pdf.searchClose')} onClick={find.close}>
        <CloseIcon />
      </IconButton>
    </form>
  );
}
