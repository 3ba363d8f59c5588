/**
 * /official/stations, at a hub: the commune stations that asked to send to it — thousands at
 * national scale, so the hub answers a page of 50 at a time (`stations.list`) and "Show more"
 * adds the next, saying how many are shown of how many. Pending ones first, each with its key
 * fingerprint and "Approve" / "Refuse"; approved ones with when last seen, their last usage
 * report, how far they synced, uploads waiting and "Revoke"; refused, revoked and unenrolled
 * ones below. Filters by state (with how many in each), by province (with its stations) and a
 * search of name and commune, with or without diacritics (applied as one types, after a pause);
 * after a decision the page says what was done (for a revocation, how many uploads were
 * dropped), the focus goes to those words and the stations shown are read again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientError } from '../../../shared/client.js';
import { HUB_STATION_ORDER, STATIONS_PAGE_MAX, STATIONS_PAGE_SIZE } from '../../../shared/contract/stations.js';
import type { HubStation, HubStationState, StationList } from '../../../shared/contract/stations.js';
import { asClientError, client } from '../client.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { formatCount } from '../format.js';
import { useLanguage } from '../i18n.js';
import { OfficialLayout } from '../official/OfficialLayout.js';
import { PendingStation } from './PendingStation.js';
import { ApprovedStations, DecidedStations } from './StationTables.js';
import '../styles/enrolment.css';

type Filter = HubStationState | 'all';
const FILTERS: readonly Filter[] = ['all', ...HUB_STATION_ORDER];
/** The pause in typing after which the search is asked. */
const SEARCH_PAUSE_MS = 300;

function Group({ state, stations, count, onDecided }: { state: HubStationState; stations: HubStation[]; count: number; onDecided(words: string): void }) {
  const { lang, t } = useLanguage();
  const title = t('stationsScreen.counted', { label: t(`stationsScreen.state.${state}`), count: formatCount(lang, count) });
  return (
    <section className="official-section" aria-labelledby={`group-${state}`} data-testid={`group-${state}`}>
      <h2 id={`group-${state}`}>{title}</h2>
      {state === 'pending' ? (
        <ul className="official-cards station-cards">
          {stations.map((station) => (
            <PendingStation key={station.stationId} station={station} onDecided={onDecided} />
          ))}
        </ul>
      ) : state === 'approved' ? (
        <ApprovedStations stations={stations} label={title} onDecided={onDecided} />
      ) : (
        <DecidedStations stations={stations} state={state} label={title} />
      )}
    </section>
  );
}

interface Filters {
  state: Filter;
  province: string;
  query: string;
}

const NO_FILTER: Filters = { state: 'all', province: '', query: '' };

function FilterForm({ list, filters, onFilters }: { list: StationList; filters: Filters; onFilters(next: Filters): void }) {
  const { lang, t } = useLanguage();
  const [text, setText] = useState(filters.query);
  const count = (state: Filter) => (state === 'all' ? Object.values(list.counts).reduce((a, b) => a + b, 0) : list.counts[state]);
  // The search is asked once typing pauses (or at once on Enter).
  useEffect(() => {
    if (text.trim() === filters.query) return undefined;
    const timer = setTimeout(() => onFilters({ ...filters, query: text.trim() }), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, filters, onFilters]);
  return (
    <form
      className="staff-form filter-form station-filters"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onFilters({ ...filters, query: text.trim() });
      }}
    >
      <label className="station-search">
        <span>{t('stationsScreen.search')}</span>
        <input type="search" name="query" value={text} onChange={(event) => setText(event.target.value)} aria-describedby="station-search-hint" />
        <small id="station-search-hint" className="hint">
          {t('stationsScreen.searchHint')}
        </small>
      </label>
      <label className="station-province">
        <span>{t('stationsScreen.filterProvince')}</span>
        <select name="province" value={filters.province} onChange={(event) => onFilters({ ...filters, province: event.target.value })}>
          <option value="">{t('stationsScreen.allProvinces')}</option>
          {list.provinces.map((province) => (
            <option key={province.name} value={province.name}>
              {t('stationsScreen.province', { name: province.name, count: formatCount(lang, province.count) })}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('stationsScreen.filterState')}</legend>
        <div className="station-filter-choices">
          {FILTERS.filter((value) => value === 'all' || value === filters.state || count(value) > 0).map((value) => (
            <label key={value} className="staff-choice">
              <input type="radio" name="station-state" checked={filters.state === value} onChange={() => onFilters({ ...filters, state: value })} />
              <span>{t('stationsScreen.counted', { label: t(`stationsScreen.state.${value}`), count: formatCount(lang, count(value)) })}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </form>
  );
}

function StationPages({ list, busy, onMore, onDecided }: { list: StationList; busy: boolean; onMore(): void; onDecided(words: string): void }) {
  const { lang, t } = useLanguage();
  const groups = HUB_STATION_ORDER.map((state) => ({ state, members: list.stations.filter((station) => station.state === state) })).filter((group) => group.members.length > 0);
  const shown = list.stations.length;
  if (list.total === 0) return <p className="notice empty">{t('stationsScreen.emptyFilter')}</p>;
  return (
    <>
      {groups.map(({ state, members }) => (
        <Group key={state} state={state} stations={members} count={list.counts[state]} onDecided={onDecided} />
      ))}
      <div className="station-more">
        <p aria-live="polite" data-testid="stations-shown">
          {t('stationsScreen.shown', { shown: formatCount(lang, shown), total: formatCount(lang, list.total) })}
        </p>
        {shown < list.total && (
          <button type="button" className="button big" disabled={busy} onClick={onMore}>
            {t('stationsScreen.more', { count: formatCount(lang, Math.min(STATIONS_PAGE_SIZE, list.total - shown)) })}
          </button>
        )}
      </div>
    </>
  );
}

export function StationsPage() {
  const { t } = useLanguage();
  // The list stays on screen while it reloads after a decision; the filters stay as chosen.
  const [list, setList] = useState<StationList | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);
  const [filters, setFilters] = useState<Filters>(NO_FILTER);
  const [said, setSaid] = useState('');
  const saidRef = useRef<HTMLParagraphElement>(null);
  const shownRef = useRef(0);
  /** Only the latest answer counts: filters changed since make an earlier one stale. */
  const asked = useRef(0);
  const fetchPage = useCallback(
    (offset: number, limit: number) => {
      const ask = ++asked.current;
      setBusy(true);
      const input = { state: filters.state, offset, limit, ...(filters.province && { province: filters.province }), ...(filters.query && { query: filters.query }) };
      client.call('stations.list', input).then(
        (page) => {
          if (ask !== asked.current) return;
          setList((before) => (offset > 0 && before ? { ...page, stations: [...before.stations, ...page.stations] } : page));
          setError(null);
          setBusy(false);
        },
        (thrown: unknown) => {
          if (ask !== asked.current) return;
          setError(asClientError(thrown));
          setBusy(false);
        },
      );
    },
    [filters],
  );
  useEffect(() => fetchPage(0, STATIONS_PAGE_SIZE), [fetchPage]);
  shownRef.current = list?.stations.length ?? 0;
  /** The stations shown read again (after a decision, or asked): as many as were shown. */
  const reload = useCallback(() => fetchPage(0, Math.min(STATIONS_PAGE_MAX, Math.max(STATIONS_PAGE_SIZE, shownRef.current))), [fetchPage]);
  // The button pressed leaves the list with its station: the focus goes to what was done.
  useEffect(() => {
    if (said) saidRef.current?.focus();
  }, [said]);
  const decided = (words: string) => {
    setSaid(words);
    reload();
  };
  const unfiltered = filters.state === 'all' && filters.province === '' && filters.query === '';
  return (
    <OfficialLayout page="stations" lead={t('stationsScreen.lead')}>
      <div className="official-actions station-head">
        <p ref={saidRef} role="status" tabIndex={-1} className="official-status enrolment-said" data-testid="stations-said">
          {said}
        </p>
        <button type="button" className="button" onClick={reload}>
          {t('stationsScreen.refresh')}
        </button>
      </div>
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {!list && !error && <Loading />}
      {list && unfiltered && list.total === 0 && <p className="notice empty">{t('stationsScreen.empty')}</p>}
      {list && !(unfiltered && list.total === 0) && (
        <>
          <FilterForm list={list} filters={filters} onFilters={setFilters} />
          <StationPages list={list} busy={busy} onMore={() => fetchPage(list.stations.length, STATIONS_PAGE_SIZE)} onDecided={decided} />
        </>
      )}
    </OfficialLayout>
  );
}
