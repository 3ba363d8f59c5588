/**
 * A station waiting for the hub's decision: its name and places, when it asked, its id and its
 * key fingerprint (to compare with what its official reads out by phone), with "Approve" and
 * "Refuse" (a refused station may ask again).
 */
import type { HubStation } from '../../../shared/contract/stations.js';
import { client } from '../client.js';
import { formatDateTime } from '../format.js';
import { useT } from '../i18n.js';
import { ActionError } from '../official/ActionError.js';
import { useFormCall } from '../staff/use-form-call.js';
import { Fingerprint } from './Fingerprint.js';

export function PendingStation({ station, onDecided }: { station: HubStation; onDecided(words: string): void }) {
  const t = useT();
  const form = useFormCall();
  const titleId = `station-${station.stationId}`;
  const decide = async (approve: boolean) => {
    const input = { stationId: station.stationId };
    const decision = await form.run(() => (approve ? client.call('stations.approve', input) : client.call('stations.refuse', input)));
    if (decision) onDecided(t(approve ? 'stationsScreen.approvedDone' : 'stationsScreen.refusedDone', { name: decision.station.name }));
  };
  return (
    <li className="official-card station-card tone-edge-warn" aria-labelledby={titleId} data-testid="pending-station">
      <h3 id={titleId}>{station.name}</h3>
      <dl className="official-facts enrolment-facts">
        <div>
          <dt>{t('enrolScreen.commune')}</dt>
          <dd>{station.commune}</dd>
        </div>
        <div>
          <dt>{t('enrolScreen.province')}</dt>
          <dd>{station.province}</dd>
        </div>
        {station.requestedAt && (
          <div>
            <dt>{t('stationsScreen.requestedAt')}</dt>
            <dd>{formatDateTime(station.requestedAt)}</dd>
          </div>
        )}
        <div>
          <dt>{t('enrolScreen.stationId')}</dt>
          <dd className="break">{station.stationId}</dd>
        </div>
      </dl>
      <p className="station-fingerprint-label">{t('stationsScreen.fingerprint')}</p>
      {station.fingerprint && <Fingerprint hex={station.fingerprint} testId="hub-fingerprint" />}
      <div className="official-actions">
        <button type="button" className="button primary big" aria-label={t('stationsScreen.approveLabel', { name: station.name })} disabled={form.busy} onClick={() => void decide(true)}>
          {t('stationsScreen.approve')}
        </button>
        <button type="button" className="button big" aria-label={t('stationsScreen.refuseLabel', { name: station.name })} disabled={form.busy} onClick={() => void decide(false)}>
          {t('stationsScreen.refuse')}
        </button>
      </div>
      <ActionError error={form.error} />
    </li>
  );
}
