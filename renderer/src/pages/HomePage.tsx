/**
 * / — the kiosk's home: one large search box with typeahead, tiles of the fields on the shelf
 * (largest first), new arrivals that can be read here now, what is read most at this station,
 * and a way to everything. While the demo set stands in for the catalog, a note says so: most of
 * its documents have their details only, no file to read.
 * /?all=1&sort=…&page=N — the whole shelf as a sorted, paged list.
 */
import { useEffect } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import type { ChangeEvent } from 'react';
import { PUBLICATION_SORTS } from '../../../shared/domain.js';
import type { LibraryInfo, PublicationSort } from '../../../shared/domain.js';
import { formatCount } from '../format.js';
import { useLanguage } from '../i18n.js';
import { allPath, fieldPath } from '../routes.js';
import type { BackTo } from '../routes.js';
import { useCall } from '../use-call.js';
import type { CallState } from '../use-call.js';
import { useDocumentTitle } from '../use-document-title.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { focusMain } from '../components/Header.js';
import { ArrowLeftIcon, ChevronRightIcon } from '../components/icons.js';
import { Loading } from '../components/Loading.js';
import { Pager } from '../components/Pager.js';
import { PublicationCard } from '../components/PublicationCard.js';
import { SearchBox } from '../components/SearchBox.js';
import '../styles/search.css';
import '../styles/home.css';

export const PAGE_SIZE = 20;
const SHELF_SIZE = 6;
const HOME: BackTo = { path: '/', kind: 'home' };

function sortFrom(value: string | null): PublicationSort {
  return (PUBLICATION_SORTS as readonly string[]).includes(value ?? '') ? (value as PublicationSort) : 'title';
}

function pageFrom(value: string | null): number {
  const page = Number(value);
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

export function HomePage() {
  const [params] = useSearchParams();
  return params.has('all') ? <AllPublications /> : <Home />;
}

/** Says that the shelf is the demo set, while it is. */
function SampleNotice({ info }: { info: CallState<LibraryInfo> }) {
  const { lang, t } = useLanguage();
  if (info.status !== 'ok' || info.data.demo.state !== 'loaded') return null;
  return (
    <div className="notice sample-notice" data-testid="sample-notice">
      <p className="notice-title">{t('home.sampleTitle')}</p>
      <p>{t('home.sampleLead', { count: formatCount(lang, info.data.demo.count) })}</p>
    </div>
  );
}

function Home() {
  const { lang, t } = useLanguage();
  const facets = useCall('facets', {});
  const info = useCall('library.info', {});
  // New arrivals a resident can open now: a document whose file is not here yet waits its turn.
  const added = useCall('publications.list', { offset: 0, limit: SHELF_SIZE, sort: 'added', available: true });
  const mostRead = useCall('publications.mostRead', { limit: SHELF_SIZE });
  useDocumentTitle(null);
  const fields = facets.status === 'ok' ? facets.data.field : [];
  const total = info.status === 'ok' ? info.data.publications : null;

  return (
    <div className="home">
      <section className="home-search" aria-label={t('searchBox.heading')}>
        <SearchBox large headingLevel={2} />
      </section>
      <SampleNotice info={info} />

      {facets.status === 'error' && <ErrorMessage error={facets.error} onRetry={facets.retry} />}
      {fields.length > 0 && (
        <section className="home-section" aria-labelledby="fields-heading">
          <h2 id="fields-heading">{t('home.fieldsHeading')}</h2>
          <ul className="field-tiles" data-testid="field-tiles">
            {fields.map((field) => (
              <li key={field.value}>
                <Link className="field-tile" to={fieldPath(field.value)} data-testid="field-tile">
                  <span className="field-tile-name">{field.value}</span>
                  <span className="field-tile-count">{t('home.fieldCount', { count: formatCount(lang, field.count) })}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {total === 0 && (
        <div className="notice empty">
          <p>{t('home.empty')}</p>
        </div>
      )}
      {(added.status !== 'ok' || added.data.items.length > 0) && (
        <section className="home-section" aria-labelledby="new-heading">
          <h2 id="new-heading">{t('home.newHeading')}</h2>
          {added.status === 'loading' && <Loading />}
          {added.status === 'error' && <ErrorMessage error={added.error} onRetry={added.retry} />}
          {added.status === 'ok' && (
            <ol className="publication-list shelf" aria-labelledby="new-heading" data-testid="new-arrivals">
              {added.data.items.map((publication) => (
                <PublicationCard key={publication.id} publication={publication} back={HOME} compact />
              ))}
            </ol>
          )}
        </section>
      )}

      {mostRead.status === 'ok' && mostRead.data.length > 0 && (
        <section className="home-section" aria-labelledby="most-read-heading">
          <h2 id="most-read-heading">{t('home.mostReadHeading')}</h2>
          <ol className="publication-list shelf" aria-labelledby="most-read-heading" data-testid="most-read">
            {mostRead.data.map((publication) => (
              <PublicationCard key={publication.id} publication={publication} back={HOME} compact />
            ))}
          </ol>
        </section>
      )}

      {total !== null && total > 0 && (
        <p className="home-all">
          <Link className="button big all-link" to={allPath()} data-testid="all-link">
            <span>{t('home.allLink', { count: formatCount(lang, total) })}</span>
            <ChevronRightIcon />
          </Link>
        </p>
      )}
    </div>
  );
}

function AllPublications() {
  const { lang, t } = useLanguage();
  const [params, setParams] = useSearchParams();
  const sort = sortFrom(params.get('sort'));
  const page = pageFrom(params.get('page'));
  const list = useCall('publications.list', { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE, sort });
  const info = useCall('library.info', {});
  useDocumentTitle(t('home.allHeading'));

  // Coming from the home page (same path, same page number) is a new page all the same.
  useEffect(() => {
    window.scrollTo(0, 0);
    focusMain();
  }, []);

  const onSort = (event: ChangeEvent<HTMLSelectElement>) => {
    setParams(new URLSearchParams(allPath(sortFrom(event.target.value)).slice(2)), { replace: true });
  };
  const pages = list.status === 'ok' ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const back: BackTo = { path: allPath(sort, page), kind: 'list' };

  return (
    <section className="home all" aria-labelledby="all-heading">
      <p className="back">
        <Link to="/" className="back-link">
          <ArrowLeftIcon />
          <span>{t('home.allBack')}</span>
        </Link>
      </p>
      <div className="home-top">
        <div>
          <h2 id="all-heading">{t('home.allHeading')}</h2>
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
      <SampleNotice info={info} />

      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorMessage error={list.error} onRetry={list.retry} />}
      {list.status === 'ok' && list.data.total === 0 && (
        <div className="notice empty">
          <p>{t('home.empty')}</p>
        </div>
      )}
      {list.status === 'ok' && list.data.total > 0 && list.data.items.length === 0 && (
        // Past the last page (an old link, or documents removed since): go to the last one.
        <Navigate to={allPath(sort, pages)} replace />
      )}
      {list.status === 'ok' && list.data.items.length > 0 && (
        <>
          <ol className="publication-list" aria-labelledby="all-heading" start={(page - 1) * PAGE_SIZE + 1}>
            {list.data.items.map((publication) => (
              <PublicationCard key={publication.id} publication={publication} back={back} />
            ))}
          </ol>
          <Pager page={page} pages={pages} onPage={(n) => setParams(new URLSearchParams(allPath(sort, n).slice(2)))} />
        </>
      )}
    </section>
  );
}
