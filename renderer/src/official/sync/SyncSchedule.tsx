/** The sync schedule (minutes between runs, or none) and the download speed cap (`sync.updateSettings`). */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { MessageRef } from '../../../../shared/messages.js';
import type { SyncSettings } from '../../../../shared/sync-status.js';
import { client } from '../../client.js';
import { formatSize } from '../../format.js';
import { useLanguage } from '../../i18n.js';
import { ActionError } from '../ActionError.js';
import { useFormCall } from '../../staff/use-form-call.js';
import { intervalWords } from './interval.js';

const INTERVALS = [60, 360, 720, 1440, 10080];
const CAPS = [64 * 1024, 256 * 1024, 1024 * 1024, 5 * 1024 * 1024];

/** The choices, with the current value added when it is not one of them (set from the CLI). */
function withCurrent(choices: number[], current: number | null): number[] {
  return current === null || choices.includes(current) ? choices : [...choices, current].sort((a, b) => a - b);
}

export function SyncSchedule({ settings, onSaved }: { settings: SyncSettings; onSaved(settings: SyncSettings): void }) {
  const { lang, t } = useLanguage();
  const say = (ref: MessageRef) => t(ref.key, ref.params);
  const form = useFormCall();
  const [interval, setInterval] = useState(String(settings.intervalMinutes ?? ''));
  const [cap, setCap] = useState(String(settings.maxBytesPerSecond ?? ''));
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const next = await form.run(() =>
      client.call('sync.updateSettings', { intervalMinutes: interval ? Number(interval) : null, maxBytesPerSecond: cap ? Number(cap) : null }),
    );
    if (!next) return;
    setSaved(true);
    onSaved(next);
  };
  return (
    <form className="staff-form official-form" onSubmit={(event) => void submit(event)} aria-labelledby="schedule-title">
      <h2 id="schedule-title">{t('sync.settings')}</h2>
      <label>
        <span>{t('sync.interval')}</span>
        <select name="interval" value={interval} onChange={(event) => setInterval(event.target.value)}>
          <option value="">{t('sync.intervalNone')}</option>
          {withCurrent(INTERVALS, settings.intervalMinutes).map((minutes) => (
            <option key={minutes} value={minutes}>
              {say(intervalWords(minutes))}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('sync.cap')}</span>
        <select name="cap" value={cap} onChange={(event) => setCap(event.target.value)}>
          <option value="">{t('sync.capNone')}</option>
          {withCurrent(CAPS, settings.maxBytesPerSecond).map((bytes) => (
            <option key={bytes} value={bytes}>
              {t('sync.rate', { rate: formatSize(lang, bytes) })}
            </option>
          ))}
        </select>
      </label>
      <ActionError error={form.error} />
      {saved && <p role="status">{t('official.saved')}</p>}
      <button type="submit" className="button primary" disabled={form.busy}>
        {t('sync.saveSettings')}
      </button>
    </form>
  );
}
