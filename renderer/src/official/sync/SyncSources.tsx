/**
 * The sources a station syncs from, each with its trusted keys and last outcome, a button to sync
 * it and one to remove it (asked twice); below, the form that adds a source (a URL, or a folder:
 * the drives plugged in are offered as buttons, staff/DriveChoices.tsx) with a pasted PEM public
 * key, or adds a key to a source already there.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { SyncSourceInfo } from '../../../../shared/sync-status.js';
import { client } from '../../client.js';
import { useT } from '../../i18n.js';
import { ActionError } from '../ActionError.js';
import { DriveChoices } from '../../staff/DriveChoices.js';
import { useFormCall } from '../../staff/use-form-call.js';
import { formatDateTime } from '../../format.js';
import { SyncMessage } from './SyncMessage.js';

interface Props {
  sources: SyncSourceInfo[];
  running: boolean;
  onChanged(): void;
  onStart(sourceId: number): void;
}

function SourceItem({ source, running, onChanged, onStart }: Omit<Props, 'sources'> & { source: SyncSourceInfo }) {
  const t = useT();
  const form = useFormCall();
  const [confirming, setConfirming] = useState(false);
  const remove = async () => {
    if (await form.run(() => client.call('sync.removeSource', { id: source.id }))) onChanged();
  };
  return (
    <li className="official-card source" data-testid="sync-source">
      <h3 className="source-name">{source.label ?? source.location}</h3>
      <dl className="official-facts">
        {source.label && (
          <div>
            <dt>{t('sync.addLocation')}</dt>
            <dd className="break">{source.location}</dd>
          </div>
        )}
        <div>
          <dt>{t('sync.keys')}</dt>
          <dd>
            {t('sync.keyCount', { count: source.keyIds.length })}
            {source.keyIds.map((id) => (
              <code key={id} className="key-id">
                {id.slice(0, 16)}
              </code>
            ))}
          </dd>
        </div>
        <div>
          <dt>{t('sync.lastSync')}</dt>
          <dd>{source.lastSyncAt ? formatDateTime(source.lastSyncAt) : t('sync.never')}</dd>
        </div>
      </dl>
      {source.lastError && <SyncMessage message={{ key: 'sync.lastError', params: { error: source.lastError } }} className="notice warning" />}
      <div className="official-actions">
        <button type="button" className="button" disabled={running} onClick={() => onStart(source.id)}>
          {t('sync.startSource')}
        </button>
        {confirming ? (
          <>
            <span role="alert">{t('sync.removeConfirm', { location: source.label ?? source.location })}</span>
            <button type="button" className="button danger" disabled={form.busy || running} onClick={() => void remove()}>
              {t('sync.removeYes')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('official.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="button" disabled={running} onClick={() => setConfirming(true)}>
            {t('sync.remove')}
          </button>
        )}
      </div>
      <ActionError error={form.error} />
    </li>
  );
}

function AddSource({ onChanged }: { onChanged(): void }) {
  const t = useT();
  const form = useFormCall();
  const [location, setLocation] = useState('');
  const [label, setLabel] = useState('');
  const [key, setKey] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    const source = await form.run(() =>
      client.call('sync.addSource', { location, ...(label.trim() ? { label } : {}), publicKeys: key.trim() ? [key.trim()] : [] }),
    );
    if (!source) return;
    setAdded(source.location);
    setLocation('');
    setLabel('');
    setKey('');
    onChanged();
  };
  return (
    <form className="staff-form official-form" onSubmit={(event) => void submit(event)} aria-labelledby="add-source-title">
      <h3 id="add-source-title">{t('sync.addTitle')}</h3>
      <p className="hint">{t('sync.addLead')}</p>
      <DriveChoices chosen={location} onChoose={setLocation} />
      <label>
        <span>{t('sync.addLocation')}</span>
        <input name="location" required value={location} onChange={(event) => setLocation(event.target.value)} placeholder="https://… /  E:\tusach" />
      </label>
      <label>
        <span>{t('sync.addLabel')}</span>
        <input name="label" value={label} onChange={(event) => setLabel(event.target.value)} />
      </label>
      <label>
        <span>{t('sync.addKey')}</span>
        <textarea name="publicKey" rows={4} value={key} onChange={(event) => setKey(event.target.value)} placeholder="-----BEGIN PUBLIC KEY-----" spellCheck={false} />
      </label>
      <ActionError error={form.error} />
      {added && <p role="status">{t('sync.added', { location: added })}</p>}
      <button type="submit" className="button primary" disabled={form.busy}>
        {form.busy ? t('official.working') : t('sync.add')}
      </button>
    </form>
  );
}

export function SyncSources(props: Props) {
  const t = useT();
  return (
    <section className="official-section" aria-labelledby="sources-title">
      <h2 id="sources-title">{t('sync.sources')}</h2>
      {props.sources.length === 0 ? (
        <p className="notice empty">{t('sync.noSources')}</p>
      ) : (
        <ul className="official-cards">
          {props.sources.map((source) => (
            <SourceItem key={source.id} source={source} running={props.running} onChanged={props.onChanged} onStart={props.onStart} />
          ))}
        </ul>
      )}
      <AddSource onChanged={props.onChanged} />
    </section>
  );
}
