/**
 * The hub's stations past a decision, one table per state: approved ones with when last seen,
 * their last usage report, how far they synced (as that report said), their uploads waiting and "Revoke" (asked first: it drops those
 * uploads, and the page then says how many went); refused, revoked and unenrolled ones with who
 * decided when. Tables scroll sideways inside their box on a narrow screen.
 */
import type { HubStation, HubStationState } from '../../../shared/contract/stations.js';
import { client } from '../client.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { formatCount, formatDateTime } from '../format.js';
import { useLanguage } from '../i18n.js';
import { ActionError } from '../official/ActionError.js';
import { TableWrap } from '../official/TableWrap.js';
import { useFormCall } from '../staff/use-form-call.js';

function useWhen(): (iso: string | null) => string {
  const { t } = useLanguage();
  return (iso) => (iso ? formatDateTime(iso) : t('stationsScreen.never'));
}

/** How far a station synced, as its last usage report said. */
function FeedCell({ station }: { station: HubStation }) {
  const { t } = useLanguage();
  if (typeof station.feedSequence !== 'number') return <td>{t('stationsScreen.never')}</td>;
  return <td>{t('stationsScreen.feed', { sequence: station.feedSequence, time: station.feedAppliedAt ? formatDateTime(station.feedAppliedAt) : '—' })}</td>;
}

function RevokeCell({ station, onDecided }: { station: HubStation; onDecided(words: string): void }) {
  const { lang, t } = useLanguage();
  const form = useFormCall();
  const revoke = async () => {
    const decision = await form.run(() => client.call('stations.revoke', { stationId: station.stationId }));
    if (decision) onDecided(t('stationsScreen.revokedDone', { name: decision.station.name, count: formatCount(lang, decision.droppedUploads) }));
  };
  return (
    <td className="station-action">
      <ConfirmButton
        label={t('stationsScreen.revoke')}
        ariaLabel={t('stationsScreen.revokeLabel', { name: station.name })}
        question={t('stationsScreen.revokeQuestion', { name: station.name, count: formatCount(lang, station.pendingUploads) })}
        confirmLabel={t('stationsScreen.revokeConfirm')}
        disabled={form.busy}
        testId="revoke"
        onConfirm={() => void revoke()}
      />
      <ActionError error={form.error} />
    </td>
  );
}

function PlaceCells({ station }: { station: HubStation }) {
  return (
    <>
      <th scope="row" className="break">
        {station.name}
      </th>
      <td className="break">{station.commune}</td>
      <td className="break">{station.province}</td>
    </>
  );
}

function PlaceHeads() {
  const { t } = useLanguage();
  return (
    <>
      <th scope="col">{t('stationsScreen.colStation')}</th>
      <th scope="col">{t('stationsScreen.colCommune')}</th>
      <th scope="col">{t('stationsScreen.colProvince')}</th>
    </>
  );
}

export function ApprovedStations({ stations, label, onDecided }: { stations: HubStation[]; label: string; onDecided(words: string): void }) {
  const { lang, t } = useLanguage();
  const when = useWhen();
  return (
    <TableWrap label={label}>
      <table className="official-table station-table" data-testid="approved-stations">
        <thead>
          <tr>
            <PlaceHeads />
            <th scope="col">{t('stationsScreen.colLastSeen')}</th>
            <th scope="col">{t('stationsScreen.colLastReport')}</th>
            <th scope="col">{t('stationsScreen.colFeed')}</th>
            <th scope="col">{t('stationsScreen.colUploads')}</th>
            <th scope="col">{t('stationsScreen.colAction')}</th>
          </tr>
        </thead>
        <tbody>
          {stations.map((station) => (
            <tr key={station.stationId}>
              <PlaceCells station={station} />
              <td>{when(station.lastSeenAt)}</td>
              <td>{when(station.lastReportAt)}</td>
              <FeedCell station={station} />
              <td>{formatCount(lang, station.pendingUploads)}</td>
              <RevokeCell station={station} onDecided={onDecided} />
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function DecidedStations({ stations, state, label }: { stations: HubStation[]; state: Exclude<HubStationState, 'pending' | 'approved'>; label: string }) {
  const { t } = useLanguage();
  const when = useWhen();
  return (
    <TableWrap label={label}>
      <table className="official-table station-table" data-testid={`${state}-stations`}>
        <thead>
          <tr>
            <PlaceHeads />
            {state !== 'unenrolled' && <th scope="col">{t('stationsScreen.colDecided')}</th>}
            <th scope="col">{t('stationsScreen.colLastSeen')}</th>
            <th scope="col">{t('stationsScreen.colLastReport')}</th>
          </tr>
        </thead>
        <tbody>
          {stations.map((station) => (
            <tr key={station.stationId}>
              <PlaceCells station={station} />
              {state !== 'unenrolled' && (
                <td>{station.decidedAt ? t('stationsScreen.decided', { time: formatDateTime(station.decidedAt), who: station.decidedBy ?? '—' }) : '—'}</td>
              )}
              <td>{when(station.lastSeenAt)}</td>
              <td>{when(station.lastReportAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
