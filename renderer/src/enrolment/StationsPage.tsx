/**
 * /official/stations, at a hub: the commune stations that asked to send to it. Pending ones first,
 * each with its key fingerprint and "Approve" / "Refuse"; approved ones with when last seen, their
 * last usage report, how far they synced, uploads waiting and "Revoke"; refused, revoked and
 * unenrolled ones below.
 * Filters by state (with how many in each) and by province; after a decision the page says what
 * was done (for a revocation, how many uploads were dropped) and the focus goes to those words.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ClientError } from '../../../shared/client.js';
import { HUB_STATION_STATES } from '../../../shared/contract/stations.js';
import type { HubStation, HubStationState } from '../../../shared/contract/stations.js';
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
/** The place of each state's group on the page: decisions to take first. */
const GROUP_PLACE: Record<HubStationState, number> = { pending: 0, approved: 1, refused: 2, revoked: 3, unenrolled: 4 };
const GROUPS = [...HUB_STATION_STATES].sort((a, b) => GROUP_PLACE[a] - GROUP_PLACE[b]);
const FILTERS: readonly Filter[] = ['all', ...GROUPS];

function Group({ state, stations, onDecided }: { state: HubStationState; stations: HubStation[]; onDecided(words: string): void }) {
  const { lang, t } = useLanguage();
  const title = t('stationsScreen.counted', { label: t(`stationsScreen.state.${state}`), count: formatCount(lang, stations.length) });
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
}

function StationList({ stations, filters, onFilters, onDecided }: { stations: HubStation[]; filters: Filters; onFilters(next: Filters): void; onDecided(words: string): void }) {
  const { lang, t } = useLanguage();
  const { state: filter, province } = filters;
  const provinces = useMemo(() => [...new Set(stations.map((station) => station.province))].sort((a, b) => a.localeCompare(b, 'vi')), [stations]);
  const inProvince = stations.filter((station) => province === '' || station.province === province);
  const count = (state: Filter) => inProvince.filter((station) => state === 'all' || station.state === state).length;
  const groups = GROUPS.filter((state) => filter === 'all' || filter === state)
    .map((state) => ({ state, members: inProvince.filter((station) => station.state === state) }))
    .filter((group) => group.members.length > 0);
  if (stations.length === 0) return <p className="notice empty">{t('stationsScreen.empty')}</p>;
  return (
    <>
      <form className="staff-form filter-form station-filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>{t('stationsScreen.filterState')}</legend>
          <div className="station-filter-choices">
            {FILTERS.filter((value) => value === 'all' || value === filter || count(value) > 0).map((value) => (
              <label key={value} className="staff-choice">
                <input type="radio" name="station-state" checked={filter === value} onChange={() => onFilters({ ...filters, state: value })} />
                <span>{t('stationsScreen.counted', { label: t(`stationsScreen.state.${value}`), count: formatCount(lang, count(value)) })}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <label className="station-province">
          <span>{t('stationsScreen.filterProvince')}</span>
          <select name="province" value={province} onChange={(event) => onFilters({ ...filters, province: event.target.value })}>
            <option value="">{t('stationsScreen.allProvinces')}</option>
            {provinces.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </form>
      {groups.length === 0 && <p className="notice empty">{t('stationsScreen.emptyFilter')}</p>}
      {groups.map(({ state, members }) => (
        <Group key={state} state={state} stations={members} onDecided={onDecided} />
      ))}
    </>
  );
}

export function StationsPage() {
  const { t } = useLanguage();
  // The list stays on screen while it reloads after a decision; the filters stay as chosen.
  const [stations, setStations] = useState<HubStation[] | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [filters, setFilters] = useState<Filters>({ state: 'all', province: '' });
  const [said, setSaid] = useState('');
  const saidRef = useRef<HTMLParagraphElement>(null);
  const load = useCallback(() => {
    client.call('stations.list', { state: 'all' }).then(
      (list) => {
        setStations(list);
        setError(null);
      },
      (thrown: unknown) => setError(asClientError(thrown)),
    );
  }, []);
  useEffect(load, [load]);
  // The button pressed leaves the list with its station: the focus goes to what was done.
  useEffect(() => {
    if (said) saidRef.current?.focus();
  }, [said]);
  const decided = (words: string) => {
    setSaid(words);
    load();
  };
  return (
    <OfficialLayout page="stations" lead={t('stationsScreen.lead')}>
      <div className="official-actions station-head">
        <p ref={saidRef} role="status" tabIndex={-1} className="official-status enrolment-said" data-testid="stations-said">
          {said}
        </p>
        <button type="button" className="button" onClick={load}>
          {t('stationsScreen.refresh')}
        </button>
      </div>
      {error && <ErrorMessage error={error} onRetry={load} />}
      {!stations && !error && <Loading />}
      {stations && <StationList stations={stations} filters={filters} onFilters={setFilters} onDecided={decided} />}
    </OfficialLayout>
  );
}
