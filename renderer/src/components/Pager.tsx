import { useT } from '../i18n.js';
import { ChevronLeftIcon, ChevronRightIcon } from './icons.js';

interface PagerProps {
  page: number;
  pages: number;
  onPage(page: number): void;
}

/** Previous / "Trang 1 / 2" / next. A direction with no page stays in place, greyed out. */
export function Pager({ page, pages, onPage }: PagerProps) {
  const t = useT();
  if (pages <= 1) return null;
  const previous = (
    <>
      <ChevronLeftIcon />
      <span>{t('paging.previous')}</span>
    </>
  );
  const next = (
    <>
      <span>{t('paging.next')}</span>
      <ChevronRightIcon />
    </>
  );
  return (
    <nav className="pager" aria-label={t('paging.label')}>
      <button type="button" className="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {previous}
      </button>
      <p className="pager-status">
        {t('paging.status', { page, pages })}
      </p>
      <button type="button" className="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {next}
      </button>
    </nav>
  );
}
