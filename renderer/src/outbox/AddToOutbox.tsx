/**
 * Adding a document to the outbox by choosing it, never by typing its id: the station's own
 * documents not queued yet (`outbox.candidates`), newest first, narrowed as the librarian types
 * words of the title or the number; each with its number, kind, when it was saved and its size,
 * and one button that adds it. The list is read again whenever the outbox changes.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { OutboxCandidate } from '../../../shared/outbox.js';
import { client } from '../client.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { formatDateTime, formatSize } from '../format.js';
import { useLanguage } from '../i18n.js';
import { FormError } from '../staff/FormError.js';
import { useFormCall } from '../staff/use-form-call.js';
import { useCall } from '../use-call.js';

/** Typing pauses this long before the list is asked again. */
const TYPING_MS = 250;
const SHOWN = 20;

interface AddToOutboxProps {
  /** Changes whenever the outbox's items change (one removed comes back to the list). */
  outboxKey: string;
  onAdded(): void;
}

function CandidateRow({ candidate, busy, onAdd }: { candidate: OutboxCandidate; busy: boolean; onAdd(candidate: OutboxCandidate): void }) {
  const { t, lang } = useLanguage();
  const facts = [candidate.number, t(`kind.${candidate.kind}`), t('outbox.savedAt', { time: formatDateTime(candidate.savedAt) }), formatSize(lang, candidate.size)];
  return (
    <li className="card-row outbox-candidate" data-testid="outbox-candidate">
      <div className="outbox-candidate-text">
        <strong>{candidate.title}</strong>
        <span>{facts.filter(Boolean).join(' · ')}</span>
      </div>
      <button type="button" className="button primary" disabled={busy} aria-label={t('outbox.addOne', { title: candidate.title })} onClick={() => onAdd(candidate)}>
        {t('outbox.addButton')}
      </button>
    </li>
  );
}

export function AddToOutbox({ outboxKey, onAdded }: AddToOutboxProps) {
  const { t } = useLanguage();
  const [query, setQuery] = useState('');
  const [asked, setAsked] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const searchId = useId();
  const form = useFormCall();
  useEffect(() => {
    const timer = setTimeout(() => setAsked(query.trim()), TYPING_MS);
    return () => clearTimeout(timer);
  }, [query]);
  const candidates = useCall('outbox.candidates', { query: asked, limit: SHOWN });
  const { retry } = candidates;
  const seenKey = useRef(outboxKey);
  useEffect(() => {
    if (seenKey.current === outboxKey) return;
    seenKey.current = outboxKey;
    retry();
  }, [outboxKey, retry]);

  const add = async (candidate: OutboxCandidate) => {
    setAdded(null);
    if (await form.run(() => client.call('outbox.enqueue', { publicationId: candidate.id }))) {
      setAdded(candidate.title);
      onAdded();
      // The row goes away with its button: the keyboard stays in the search field.
      search.current?.focus();
    }
  };

  return (
    <section className="outbox-add staff-form" aria-labelledby="outbox-add-title">
      <h2 id="outbox-add-title">{t('outbox.add')}</h2>
      <p className="staff-lead">{t('outbox.addLead')}</p>
      <div className="staff-field">
        <label htmlFor={searchId}>{t('outbox.search')}</label>
        <input
          ref={search}
          id={searchId}
          type="search"
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <div role="status">{added && <p className="outbox-added">{t('outbox.added', { title: added })}</p>}</div>
      <FormError error={form.error} />
      {candidates.status === 'loading' && <Loading />}
      {candidates.status === 'error' && <ErrorMessage error={candidates.error} onRetry={retry} />}
      {candidates.status === 'ok' &&
        (candidates.data.length === 0 ? (
          <p className="notice empty">{asked ? t('outbox.noMatch', { query: asked }) : t('outbox.noCandidates')}</p>
        ) : (
          <ul className="outbox-candidates" aria-label={t('outbox.candidatesLabel')}>
            {candidates.data.map((candidate) => (
              <CandidateRow key={candidate.id} candidate={candidate} busy={form.busy} onAdd={(chosen) => void add(chosen)} />
            ))}
          </ul>
        ))}
    </section>
  );
}
