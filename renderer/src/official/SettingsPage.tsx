/**
 * /official/settings: the commune's name and who signs the yearly report as the unit's head,
 * kiosk mode and its idle timeout (kiosk.updateSettings),
 * the residents' screens' defaults (large text, language, printing) and LAN serving, which takes
 * effect at the next start (admin.updateSettings). One form, one save.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { StationSettings } from '../../../shared/contract/admin.js';
import { COMMUNE_NAME_MAX } from '../../../shared/domain.js';
import type { KioskSettings } from '../../../shared/domain.js';
import { client } from '../client.js';
import { useT } from '../i18n.js';
import { useCall } from '../use-call.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { ActionError } from './ActionError.js';
import { useFormCall } from '../staff/use-form-call.js';
import { OfficialLayout } from './OfficialLayout.js';

function SettingsForm({ station, kiosk }: { station: StationSettings; kiosk: KioskSettings }) {
  const t = useT();
  const form = useFormCall();
  const [communeName, setCommuneName] = useState(station.communeName ?? '');
  const [headName, setHeadName] = useState(station.headName ?? '');
  const [kioskOn, setKioskOn] = useState(kiosk.enabled);
  const [idle, setIdle] = useState(String(kiosk.idleSeconds));
  const [largeText, setLargeText] = useState(station.display.largeText);
  const [language, setLanguage] = useState(station.display.language);
  const [printing, setPrinting] = useState(station.display.printingAllowed);
  const [lan, setLan] = useState(station.lan.enabled);
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const done = await form.run(async () => {
      await client.call('kiosk.updateSettings', { enabled: kioskOn, idleSeconds: Number(idle) });
      // A name not given yet stays unset (the report then says it is missing); a head's name left empty is cleared.
      const name = communeName.trim() === '' ? {} : { communeName };
      return client.call('admin.updateSettings', { ...name, headName, largeText, language, printingAllowed: printing, lanEnabled: lan });
    });
    if (done) setSaved(true);
  };

  return (
    <form className="staff-form official-form settings-form" onSubmit={(event) => void submit(event)} data-testid="settings-form">
      <fieldset>
        <legend>{t('settings.unit')}</legend>
        <label>
          <span>{t('settings.commune')}</span>
          <input name="communeName" maxLength={COMMUNE_NAME_MAX} placeholder={t('commune.example')} value={communeName} onChange={(event) => setCommuneName(event.target.value)} />
          <small>{t('settings.communeHint')}</small>
        </label>
        <label>
          <span>{t('settings.head')}</span>
          <input name="headName" maxLength={COMMUNE_NAME_MAX} autoComplete="off" value={headName} onChange={(event) => setHeadName(event.target.value)} />
          <small>{t('settings.headHint')}</small>
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('settings.kiosk')}</legend>
        <label className="check">
          <input type="checkbox" name="kioskEnabled" checked={kioskOn} onChange={(event) => setKioskOn(event.target.checked)} />
          <span>{t('settings.kioskEnabled')}</span>
        </label>
        <label>
          <span>{t('settings.idle')}</span>
          <input name="idleSeconds" type="number" inputMode="numeric" required min={30} max={3600} step={1} value={idle} onChange={(event) => setIdle(event.target.value)} />
          <small>{t('settings.idleHint')}</small>
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('settings.display')}</legend>
        <label className="check">
          <input type="checkbox" name="largeText" checked={largeText} onChange={(event) => setLargeText(event.target.checked)} />
          <span>{t('settings.largeText')}</span>
        </label>
        <label className="check">
          <input type="checkbox" name="printingAllowed" checked={printing} onChange={(event) => setPrinting(event.target.checked)} />
          <span>{t('settings.printing')}</span>
        </label>
        <label>
          <span>{t('settings.language')}</span>
          <select name="language" value={language} onChange={(event) => setLanguage(event.target.value === 'en' ? 'en' : 'vi')}>
            <option value="vi">{t('settings.langVi')}</option>
            <option value="en">{t('settings.langEn')}</option>
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('settings.lan')}</legend>
        <label className="check">
          <input type="checkbox" name="lanEnabled" checked={lan} onChange={(event) => setLan(event.target.checked)} aria-describedby="lan-next-start" />
          <span>{t('settings.lanEnabled')}</span>
        </label>
        <p className="notice warning" id="lan-next-start">
          {t('settings.lanNextStart')}
        </p>
        <p data-testid="lan-now">{station.lan.currentUrl ? t('settings.lanNow', { url: station.lan.currentUrl }) : t('settings.lanNowOff')}</p>
      </fieldset>
      <ActionError error={form.error} />
      {saved && (
        <p role="status" className="saved" data-testid="settings-saved">
          {t('official.saved')}
        </p>
      )}
      <button type="submit" className="button primary big" disabled={form.busy}>
        {form.busy ? t('official.working') : t('settings.save')}
      </button>
    </form>
  );
}

export function SettingsPage() {
  const t = useT();
  const station = useCall('admin.settings', {});
  const info = useCall('library.info', {});
  return (
    <OfficialLayout page="settings" lead={t('settings.lead')}>
      {(station.status === 'loading' || info.status === 'loading') && <Loading />}
      {station.status === 'error' && <ErrorMessage error={station.error} onRetry={station.retry} />}
      {info.status === 'error' && <ErrorMessage error={info.error} onRetry={info.retry} />}
      {station.status === 'ok' && info.status === 'ok' && <SettingsForm station={station.data} kiosk={info.data.kiosk} />}
    </OfficialLayout>
  );
}
