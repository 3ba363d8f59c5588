/**
 * /search?q=…&field=…&docType=…&issuer=…&year=…&legalStatus=…&page=N&asTyped=1 — search
 * results: what the engine understood of the words (and the offer to search them as typed), each
 * publication with its article-level hits, facets to narrow them, paging, and a friendly answer
 * when nothing is found. With no words, the filters alone browse the shelf (a field tile).
 */
import { useEffect, useRef, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { DOCUMENT_STATUSES } from '../../../shared/domain.js';
import type { DocumentStatus } from '../../../shared/domain.js';
import type { SearchResult } from '../../../shared/search/results.js';
import { vnFold } from '../../../shared/text.js';
import { formatCount } from '../format.js';
import { useLanguage } from '../i18n.js';
import { FILTER_PARAMS, searchPath } from '../routes.js';
import type { BackTo, FilterParam, FilterValues } from '../routes.js';
import { useCall } from '../use-call.js';
import { useDocumentTitle } from '../use-document-title.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { FacetPanel, activeFilterCount, filterValueLabel } from '../components/FacetPanel.js';
import { Loading } from '../components/Loading.js';
import { NoResults } from '../components/NoResults.js';
import { Pager } from '../components/Pager.js';
import { QueryUnderstood } from '../components/QueryUnderstood.js';
import { SearchBox } from '../components/SearchBox.js';
import { SearchHitCard } from '../components/SearchHitCard.js';
import '../styles/search.css';

export const RESULTS_PAGE_SIZE = 10;
const MAX_VALUES = 50;

function pageFrom(value: string | null): number {
  const page = Number(value);
  return Number.isSafeInteger(page) && page >= 1 && page <= 1000 ? page : 1;
}

/** The filters in the URL, keeping only values the engine accepts (an edited link cannot break the page). */
function filtersFrom(params: URLSearchParams): FilterValues {
  const filters: FilterValues = {};
  for (const name of FILTER_PARAMS) {
    const values = [...new Set(params.getAll(name).map((v) => v.trim()))].filter((v) => {
      if (!v || v.length > 200) return false;
      if (name === 'year') return /^\d{4}$/.test(v) && Number(v) >= 1800 && Number(v) <= 2200;
      if (name === 'legalStatus') return (DOCUMENT_STATUSES as readonly string[]).includes(v);
      return true;
    });
    if (values.length) filters[name] = values.slice(0, MAX_VALUES);
  }
  return filters;
}

function engineFilters(filters: FilterValues) {
  return {
    ...(filters.field && { field: filters.field }),
    ...(filters.docType && { docType: filters.docType }),
    ...(filters.issuer && { issuer: filters.issuer }),
    ...(filters.year && { year: filters.year.map(Number) }),
    ...(filters.legalStatus && { legalStatus: filters.legalStatus as DocumentStatus[] }),
  };
}

export function SearchPage() {
  const { lang, t } = useLanguage();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim().slice(0, 500);
  const filters = filtersFrom(params);
  const page = pageFrom(params.get('page'));
  const asTyped = params.get('asTyped') === '1';
  const result = useCall('search', { q, offset: (page - 1) * RESULTS_PAGE_SIZE, limit: RESULTS_PAGE_SIZE, filters: engineFilters(filters), facets: true, asTyped });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstQuery = useRef(q);
  useEffect(() => {
    // A new search from this page: start reading at the new results, as a page load would.
    if (q !== firstQuery.current) headingRef.current?.focus();
  }, [q]);

  const filtered = activeFilterCount(filters) > 0;
  const only = FILTER_PARAMS.flatMap((name) => (filters[name] ?? []).map((value) => ({ name, value })));
  const heading = q
    ? t('results.headingFor', { q })
    : only.length === 1
      ? filterValueLabel(t, only[0].name, only[0].value)
      : filtered
        ? t('results.browseHeading')
        : t('home.allHeading');
  useDocumentTitle(q ? t('results.headingFor', { q }) : heading);

  const go = (next: FilterValues, nextPage = 1) => {
    const path = searchPath(q, next, nextPage, asTyped);
    setParams(new URLSearchParams(path.slice('/search'.length)));
  };
  // The router commits a navigation in a transition; a ticked box shows ticked at once.
  const [ticked, setTicked] = useState<{ from: string; filters: FilterValues } | null>(null);
  const shownFilters = ticked && ticked.from === params.toString() ? ticked.filters : filters;
  const toggle = (name: FilterParam, value: string) => {
    const current = shownFilters[name] ?? [];
    const next = { ...shownFilters, [name]: current.includes(value) ? current.filter((v) => v !== value) : [...current, value] };
    setTicked({ from: params.toString(), filters: next });
    go(next);
  };

  // While a new page of results loads, the last one stays (dimmed): the facet panel keeps its
  // place, its open state on a phone and the focus of the box just ticked.
  const [last, setLast] = useState<SearchResult | null>(null);
  if (result.status === 'ok' && last !== result.data) setLast(result.data);
  const data = result.status === 'ok' ? result.data : result.status === 'loading' ? last : null;
  const stale = result.status === 'loading';

  const back: BackTo = { path: searchPath(q, filters, page, asTyped), kind: 'results' };
  const total = data ? data.total : 0;
  const pages = Math.max(1, Math.ceil(total / RESULTS_PAGE_SIZE));
  const typedMarks = q !== '' && vnFold(q) !== q.toLowerCase();
  const understood = data && !stale ? data.understood : null;

  return (
    <div className="search-page">
      <div className="search-top">
        <SearchBox key={q} initial={q} />
      </div>
      <div className="results-head">
        <h1 id="results-heading" data-testid="results-heading" tabIndex={-1} ref={headingRef}>
          {heading}
        </h1>
        <p className="lead results-count" aria-live="polite" data-testid="results-count">
          {data && !stale ? (total > 0 ? t('results.count', { count: formatCount(lang, total) }) : t('results.countNone')) : '\u00a0'}
        </p>
        {q && understood && (
          <QueryUnderstood q={q} understood={understood} asTyped={asTyped} asTypedPath={searchPath(q, filters, 1, true)} understoodPath={searchPath(q, filters)} />
        )}
        {typedMarks && data && total > 0 && <p className="folded-note">{t('results.foldedNote')}</p>}
      </div>
      {result.status === 'loading' && !data && <Loading />}
      {result.status === 'error' && <ErrorMessage error={result.error} onRetry={result.retry} />}
      {result.status === 'ok' && total > 0 && result.data.items.length === 0 && <Navigate to={searchPath(q, filters, pages, asTyped)} replace />}
      {data && (
        <div className={`results-layout${total > 0 || filtered ? ' with-facets' : ''}${stale ? ' stale' : ''}`} aria-busy={stale}>
          {(total > 0 || filtered) && (
            <FacetPanel facets={data.facets} total={total} filters={shownFilters} onToggle={toggle} onClear={() => go({})} />
          )}
          <div className="results-main">
            {total === 0 ? (
              <NoResults q={q} filtered={filtered} withoutFilters={searchPath(q, {}, 1, asTyped)} scattered={data.understood?.scattered ?? false} />
            ) : (
              <>
                <ol className="hits" aria-labelledby="results-heading" start={(page - 1) * RESULTS_PAGE_SIZE + 1}>
                  {data.items.map((hit) => (
                    <SearchHitCard key={hit.publication.id} hit={hit} q={q} marks={data.understood?.marks || q} back={back} />
                  ))}
                </ol>
                <Pager page={page} pages={pages} onPage={(n) => go(filters, n)} />
              </>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
