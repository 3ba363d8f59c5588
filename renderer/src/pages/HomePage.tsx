import { Navigate, useLocation, useSearchParams } from 'react-router';
import type { ChangeEvent } from 'react';
import { PUBLICATION_SORTS } from '../../../shared/domain.js';
import type { PublicationSort } from '../../../shared/domain.js';
import { formatCount } from '../format.js';
import { useLanguage } from '../i18n.js';
import { useCall } from '../use-call.js';
import { useDocumentTitle } from '../use-document-title.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { Pager } from '../components/Pager.js';
import { PublicationCard } from '../components/PublicationCard.js';

export const PAGE_SIZE = 20;

function sortFrom(value: string | null): PublicationSort {
  return (PUBLICATION_SORTS as readonly string[]).includes(value ?? '') ? (value as PublicationSort) : 'title';
}

function pageFrom(value: string | null): number {
  const page = Number(value);
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

/** The list's place (sort, page) lives in the URL, so "back" returns to it. */
function listSearch(sort: PublicationSort, page: number): string {
  const params = new URLSearchParams();
  if (sort !== 'title') params.set('sort', sort);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function HomePage() {
  const { lang, t } = useLanguage();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const sort = sortFrom(params.get('sort'));
  const page = pageFrom(params.get('page'));
  const list = useCall('publications.list', { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE, sort });
  useDocumentTitle(null);

  const onSort = (event: ChangeEvent<HTMLSelectElement>) => {
    const search = listSearch(sortFrom(event.target.value), 1);
    setParams(new URLSearchParams(search), { replace: true });
  };

  const pages = list.status === 'ok' ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  return (
    <section className="home" aria-labelledby="home-heading">
      <div className="home-top">
        <div>
          <h2 id="home-heading">{t('home.heading')}</h2>
          <p className="lead count" aria-live="polite">
            {list.status === 'ok' && list.data.total > 0 ? t('home.count', { count: formatCount(lang, list.data.total) }) : '\u00a0'}
          </p>
        </div>
        <div className="sort">
          <label htmlFor="sort-select">{t('home.sort')}</label>
          <select id="sort-select" data-testid="sort-select" value={sort} onChange={onSort}>
            {PUBLICATION_SORTS.map((value) => (
              <option key={value} value={value}>
                {t(`sort.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>

      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'ok' && list.data.total === 0 && (
        <div className="notice empty">
          <p>{t('home.empty')}</p>
        </div>
      )}
      {list.status === 'ok' && list.data.total > 0 && list.data.items.length === 0 && (
        // Past the last page (an old link, or documents removed since): go to the last one.
        <Navigate to={{ pathname: location.pathname, search: listSearch(sort, pages) }} replace />
      )}
      {list.status === 'ok' && list.data.items.length > 0 && (
        <>
          <ol className="publication-list" aria-labelledby="home-heading" start={(page - 1) * PAGE_SIZE + 1}>
            {list.data.items.map((publication) => (
              <PublicationCard key={publication.id} publication={publication} listSearch={location.search} />
            ))}
          </ol>
          <Pager page={page} pages={pages} onPage={(n) => setParams(new URLSearchParams(listSearch(sort, n)))} />
        </>
      )}
    </section>
  );
}
