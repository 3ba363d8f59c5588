/**
 * /official/enrolment, at a station: its enrolment with its hub — the state in words (not
 * enrolled, pending, approved, refused, revoked, unknown to the hub), the hub's last refusal, when
 * it asked and when the hub decided; the key fingerprint to read out by phone to the hub's
 * official; "Check again", which asks the hub now; and the request form while one may be sent.
 */
import { useState } from 'react';
import type { Enrolment } from '../../../shared/contract/stations.js';
import { client } from '../client.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { formatDateTime } from '../format.js';
import { useT } from '../i18n.js';
import { ActionError } from '../official/ActionError.js';
import { OfficialLayout } from '../official/OfficialLayout.js';
import { useFormCall } from '../staff/use-form-call.js';
import { useCall } from '../use-call.js';
import { EnrolmentForm } from './EnrolmentForm.js';
import { ENROLMENT_TONE, mayRequest } from './enrolment-words.js';
import { Fingerprint } from './Fingerprint.js';
import '../styles/enrolment.css';

function Fact({ label, value }: { label: string; value: string | null }) {
  if (!value) return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd className="break">{value}</dd>
    </div>
  );
}

function EnrolmentView({ enrolment, onChange }: { enrolment: Enrolment; onChange(next: Enrolment, said: string): void }) {
  const t = useT();
  const check = useFormCall();
  const state = t(`enrolScreen.state.${enrolment.state}`);
  const tone = ENROLMENT_TONE[enrolment.state];
  const at = (iso: string | null) => (iso ? formatDateTime(iso) : null);
  const refresh = () => void client.call('enrolment.get', {}).then((next) => onChange(next, ''), () => undefined);
  const checkAgain = async () => {
    const next = await check.run(() => client.call('enrolment.check', {}));
    if (next) onChange(next, t('enrolScreen.checked', { time: formatDateTime(next.checkedAt ?? new Date().toISOString()), state: t(`enrolScreen.state.${next.state}`) }));
    else refresh();
  };
  return (
    <>
      <div className="official-columns">
        <section className={`official-section enrolment-state tone-edge-${tone}`} aria-labelledby="enrolment-state-title">
          <h2 id="enrolment-state-title">{t('enrolScreen.stateTitle')}</h2>
          <p className={`tone tone-${tone} enrolment-tone`} data-testid="enrolment-state">
            {state}
          </p>
          <p>{t(`enrolScreen.explain.${enrolment.state}`)}</p>
          {enrolment.refusal && (
            <p className="notice error" data-testid="enrolment-refusal">
              {t('enrolScreen.refusal', { reason: enrolment.refusal })}
            </p>
          )}
          <dl className="official-facts enrolment-facts">
            <Fact label={t('enrolScreen.hub')} value={enrolment.hubUrl ?? t('enrolScreen.noHub')} />
            <Fact label={t('enrolScreen.name')} value={enrolment.name} />
            <Fact label={t('enrolScreen.commune')} value={enrolment.commune} />
            <Fact label={t('enrolScreen.province')} value={enrolment.province} />
            <Fact label={t('enrolScreen.requestedAt')} value={at(enrolment.requestedAt)} />
            <Fact label={t('enrolScreen.decidedAt')} value={at(enrolment.decidedAt)} />
            <Fact label={t('enrolScreen.checkedAt')} value={at(enrolment.checkedAt)} />
            <Fact label={t('enrolScreen.stationId')} value={enrolment.stationId} />
          </dl>
          {enrolment.hubUrl && enrolment.state !== 'none' && (
            <div className="official-actions">
              <button type="button" className="button big" disabled={check.busy} onClick={() => void checkAgain()}>
                {check.busy ? t('enrolScreen.checking') : t('enrolScreen.check')}
              </button>
            </div>
          )}
          <ActionError error={check.error} />
        </section>
        <section className="official-section" aria-labelledby="fingerprint-title">
          <h2 id="fingerprint-title">{t('enrolScreen.fingerprintTitle')}</h2>
          <Fingerprint hex={enrolment.fingerprint} testId="station-fingerprint" />
          <p className="hint">{t('enrolScreen.fingerprintHint')}</p>
        </section>
      </div>
      {mayRequest(enrolment.state) ? (
        <EnrolmentForm
          enrolment={enrolment}
          onAnswer={(next) => onChange(next, t('enrolScreen.sent', { state: t(`enrolScreen.state.${next.state}`) }))}
          onRefresh={refresh}
        />
      ) : (
        enrolment.state === 'revoked' && <p className="notice warning">{t('enrolScreen.revokedNoForm')}</p>
      )}
    </>
  );
}

export function EnrolmentPage() {
  const t = useT();
  const got = useCall('enrolment.get', {});
  const [latest, setLatest] = useState<Enrolment | null>(null);
  const [said, setSaid] = useState('');
  return (
    <OfficialLayout page="enrolment" lead={t('enrolScreen.lead')}>
      <p role="status" className="official-status enrolment-said" data-testid="enrolment-said">
        {said}
      </p>
      {got.status === 'loading' && <Loading />}
      {got.status === 'error' && <ErrorMessage error={got.error} onRetry={got.retry} />}
      {got.status === 'ok' && (
        <EnrolmentView
          enrolment={latest ?? got.data}
          onChange={(next, words) => {
            setLatest(next);
            setSaid(words);
          }}
        />
      )}
    </OfficialLayout>
  );
}
