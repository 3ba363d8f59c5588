/** The book's table of contents: each entry goes to its place; the chapter being read is marked. */
import { useT } from '../../../i18n.js';
import type { PanelProps } from './panels.js';

export function TocPanel({ book, close }: PanelProps) {
  const t = useT();
  const current = book.position ? book.chapterOf(book.position.href) : undefined;
  return (
    <nav aria-label={t('epub.toc')}>
      {book.toc.length === 0 ? (
        <p>{t('epub.tocEmpty')}</p>
      ) : (
        <ol className="epub-toc">
          {book.toc.map((entry) => (
            <li key={`${entry.id}-${entry.href}`} style={{ paddingInlineStart: `${entry.depth * 1.25}rem` }}>
              <button
                type="button"
                className="epub-toc-item"
                aria-current={current !== undefined && entry.label === current ? 'location' : undefined}
                onClick={() => {
                  book.display(entry.href);
                  close();
                }}
              >
                {entry.label}
              </button>
            </li>
          ))}
        </ol>
      )}
    </nav>
  );
}
