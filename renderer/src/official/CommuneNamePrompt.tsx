/**
 * Asks for the commune's name while it is not set (the overview and the usage page show it): the
 * yearly report names its unit and never makes one up, so the official types it here — or on the
 * settings page, which the prompt links to.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { COMMUNE_NAME_MAX } from '../../../shared/domain.js';
import { client } from '../client.js';
import { useT } from '../i18n.js';
import { useFormCall } from '../staff/use-form-call.js';
import { ActionError } from './ActionError.js';
import { officialPath } from './official-paths.js';

export function CommuneNamePrompt({ onSaved }: { onSaved: () => void }) {
  const t = useT();
  const form = useFormCall();
  const [name, setName] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await form.run(() => client.call('admin.updateSettings', { communeName: name }))) onSaved();
  };
  return (
    <section className="notice pending commune-prompt" aria-labelledby="commune-prompt-title" data-testid="commune-prompt">
      <h2 id="commune-prompt-title">{t('commune.missingTitle')}</h2>
      <p>{t('commune.missingLead')}</p>
      <form className="staff-form filter-form" onSubmit={(event) => void submit(event)}>
        <label>
          <span>{t('settings.commune')}</span>
          <input name="communeName" maxLength={COMMUNE_NAME_MAX} placeholder={t('commune.example')} value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <button type="submit" className="button primary" disabled={form.busy || name.trim() === ''}>
          {t('commune.save')}
        </button>
      </form>
      <ActionError error={form.error} />
      <p>
        <Link to={officialPath('settings')}>{t('commune.toSettings')}</Link>
      </p>
    </section>
  );
}
