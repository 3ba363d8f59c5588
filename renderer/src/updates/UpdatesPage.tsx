/**
 * The officials' update panel: the version in use, what the updater is doing (checking,
 * downloading with a percentage, ready to install), a check on demand, "Install now" for a
 * downloaded version (the only way a kiosk installs one: never at quit, where Windows' elevation
 * prompt would face the public), and the update server and channel. Inside the installed app
 * only; a browser says so.
 */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { UpdateChannel } from '../../../shared/update-settings.js';
import { UPDATE_CHANNELS } from '../../../shared/update-settings.js';
import type { UpdateStatus } from '../../../shared/updates.js';
import { client } from '../client.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { formatDateTime } from '../format.js';
import { useT } from '../i18n.js';
import { Field } from '../staff/Field.js';
import { FormError } from '../staff/FormError.js';
import { useFormCall } from '../staff/use-form-call.js';
import { useCall } from '../use-call.js';
import { useDocumentTitle } from '../use-document-title.js';
import '../styles/staff.css';
import '../styles/official.css';

const BUSY = new Set<UpdateStatus['phase']>(['checking', 'downloading']);

function PhaseLine({ status }: { status: UpdateStatus }) {
  const t = useT();
  return (
    <div className="notice" role="status" aria-live="polite">
      <p>
        {t(`updates.phase.${status.phase}`, { version: status.version ?? '', percent: status.percent ?? 0, error: status.error ?? '' })}
      </p>
      {status.phase === 'downloading' && <progress max={100} value={status.percent ?? 0} aria-label={t('updates.title')} />}
      {status.checkedAt && <p>{t('updates.checkedAt', { time: formatDateTime(status.checkedAt) })}</p>}
    </div>
  );
}

function SettingsForm({ status, onSaved }: { status: UpdateStatus; onSaved: (next: UpdateStatus) => void }) {
  const t = useT();
  const form = useFormCall();
  const [url, setUrl] = useState(status.url ?? '');
  const [channel, setChannel] = useState<UpdateChannel>(status.channel);
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const next = await form.run(() => client.call('updates.updateSettings', { url: url.trim() === '' ? null : url.trim(), channel }));
    if (next) {
      setSaved(true);
      onSaved(next);
    }
  };
  return (
    <form className="staff-form" onSubmit={(event) => void submit(event)}>
      <Field label={t('updates.url')} hint={t('updates.urlHint')} type="url" inputMode="url" value={url} placeholder="https://" onChange={(event) => setUrl(event.target.value)} />
      <fieldset className="staff-field">
        <legend>{t('updates.channel')}</legend>
        {UPDATE_CHANNELS.map((value) => (
          <label key={value} className="staff-choice">
            <input type="radio" name="channel" value={value} checked={channel === value} onChange={() => setChannel(value)} />
            <span>{t(`updates.channel.${value}`)}</span>
          </label>
        ))}
      </fieldset>
      <FormError error={form.error} />
      {saved && <p role="status">{t('updates.saved')}</p>}
      <button type="submit" className="button primary" disabled={form.busy}>
        {t('updates.save')}
      </button>
    </form>
  );
}

export function UpdatesPage() {
  const t = useT();
  useDocumentTitle(t('updates.title'));
  const first = useCall('updates.status', {});
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  const check = useFormCall();
  const install = useFormCall();
  const current = status ?? (first.status === 'ok' ? first.data : null);
  const busy = current !== null && BUSY.has(current.phase);

  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void client.call('updates.status', {}).then(setStatus, () => undefined), 1_000);
    return () => clearInterval(timer);
  }, [busy]);

  if (first.status === 'loading') return <Loading />;
  if (first.status === 'error') return <ErrorMessage error={first.error} onRetry={first.retry} />;
  const shown = current ?? first.data;
  return (
    <section className="staff-card" aria-labelledby="updates-title">
      <h1 id="updates-title">{t('updates.title')}</h1>
      <p className="staff-lead">{t('updates.lead')}</p>
      <p>{t('updates.version', { version: shown.appVersion })}</p>
      <PhaseLine status={shown} />
      {shown.phase !== 'not_in_app' && (
        <div className="official-actions">
          {shown.phase === 'ready' && (
            <button
              type="button"
              className="button primary big"
              disabled={install.busy}
              onClick={() => void install.run(() => client.call('updates.install', {})).then((next) => next && setStatus(next))}
            >
              {t('updates.install')}
            </button>
          )}
          <button
            type="button"
            className="button big"
            disabled={busy || check.busy}
            onClick={() => void check.run(() => client.call('updates.check', {})).then((next) => next && setStatus(next))}
          >
            {t('updates.check')}
          </button>
        </div>
      )}
      {shown.phase === 'ready' && <p className="staff-lead">{t('updates.installNote')}</p>}
      <FormError error={install.error} />
      <FormError error={check.error} />
      <SettingsForm status={shown} onSaved={setStatus} />
      <p className="staff-lead">{t('updates.windowsNote')}</p>
    </section>
  );
}
