import { Link } from 'react-router';
import type { To } from 'react-router';
import { useT } from '../i18n.js';
import { ChevronLeftIcon, ChevronRightIcon } from './icons.js';

interface PagerProps {
  page: number;
  pages: number;
  /** Where the link to another page goes. */
  toPage(page: number): To;
}

/** Previous / "Trang 1 / 2" / next. Missing directions stay in place, greyed out. */
export function Pager({ page, pages, toPage }: PagerProps) {
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
      {page > 1 ? (
        <Link className="button" to={toPage(page - 1)} rel="prev">
          {previous}
        </Link>
      ) : (
        <span className="button" aria-disabled="true">
          {previous}
        </span>
      )}
      <p className="pager-status">
        {t('paging.status', { page, pages })}
      </p>
      {page < pages ? (
        <Link className="button" to={toPage(page + 1)} rel="next">
          {next}
        </Link>
      ) : (
        <span className="button" aria-disabled="true">
          {next}
        </span>
      )}
    </nav>
  );
}
