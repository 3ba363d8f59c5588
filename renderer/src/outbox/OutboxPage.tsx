/**
 * The librarians' outbox screen: add a document to send (chosen from the station's own
 * documents not sent yet, AddToOutbox.tsx), and every item with its state, a progress bar while
 * sending, the hub's reason when rejected, and "try again" / "remove" where they apply; "Chép ra
 * USB" copies what waits onto a drive (UsbExport.tsx), those items then said carried. The list
 * refreshes itself every two seconds while something is waiting or being sent.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { ClientError } from '../../../shared/client.js';
import type { OutboxItem } from '../../../shared/outbox.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { asClientError, client } from '../client.js';
import { formatDateTime, formatSize } from '../format.js';
import { useLanguage } from '../i18n.js';
import { FormError } from '../staff/FormError.js';
import { useFormCall } from '../staff/use-form-call.js';
import { useDocumentTitle } from '../use-document-title.js';
import { AddToOutbox } from './AddToOutbox.js';
import { UsbExport } from './UsbExport.js';
import { aboutEnrolment } from '../enrolment/enrolment-words.js';
import { officialPath } from '../official/official-paths.js';
import './outbox.css';

const REFRESH_MS = 2000;
const ACTIVE = new Set(['waiting', 'sending']);

function ItemRow({ item, onChanged }: { item: OutboxItem; onChanged: () => void }) {
  const { lang, t } = useLanguage();
  const form = useFormCall();
  const act = async (send: () => Promise<unknown>) => {
    if ((await form.run(send)) !== undefined) onChanged();
  };
  // Carried on a USB drive (catalog/outbox/bundle-export.ts): said as such, not as a reason.
  const carried = item.state === 'sent' && item.reason?.key === 'usbBundle.carried' ? item.reason : null;
  const canRemove = item.state === 'waiting' || item.state === 'rejected' || (item.state === 'failed' && item.bytesSent === 0);
  return (
    <li className={`outbox-item outbox-${item.state}`} aria-labelledby={`outbox-item-${item.id}`}>
      <h3 id={`outbox-item-${item.id}`}>{item.title}</h3>
      <p className="outbox-state">{carried ? t('usbBundle.carried', carried.params) : t(`outbox.state.${item.state}`, { percent: item.percent })}</p>
      {(item.state === 'sending' || item.state === 'waiting' || item.state === 'failed') && (
        <div className="outbox-progress">
          <progress max={100} value={item.percent} aria-label={t('outbox.state.sending', { percent: item.percent })} />
          <span>{t('outbox.progress', { sent: formatSize(lang, item.bytesSent), total: formatSize(lang, item.bytesTotal) })}</span>
        </div>
      )}
      {item.reason && !carried && <p className="outbox-reason">{t('outbox.reason', { reason: item.reason })}</p>}
      {aboutEnrolment(item.reason) && (
        <p>
          <Link to={officialPath('enrolment')} className="staff-link">
            {t('enrolScreen.outboxLink')}
          </Link>
        </p>
      )}
      {item.state === 'failed' && item.nextAttemptAt && <p className="outbox-next">{t('outbox.nextAttempt', { time: formatDateTime(item.nextAttemptAt) })}</p>}
      <div className="outbox-actions">
        {(item.state === 'failed' || item.state === 'rejected') && (
          <button type="button" className="button primary" disabled={form.busy} onClick={() => void act(() => client.call('outbox.retry', { id: item.id }))}>
            {t(item.state === 'failed' ? 'outbox.retry' : 'outbox.resend')}
          </button>
        )}
        {canRemove && (
          <button type="button" className="button" disabled={form.busy} onClick={() => void act(() => client.call('outbox.remove', { id: item.id }))}>
            {t('outbox.remove')}
          </button>
        )}
      </div>
      <FormError error={form.error} />
    </li>
  );
}

export function OutboxPage() {
  const { t } = useLanguage();
  useDocumentTitle(t('outbox.title'));
  const [items, setItems] = useState<OutboxItem[] | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const load = useCallback(() => {
    client.call('outbox.list', {}).then(
      (list) => {
        setItems(list);
        setError(null);
      },
      (thrown: unknown) => setError(asClientError(thrown)),
    );
  }, []);
  useEffect(load, [load]);
  const active = items?.some((item) => ACTIVE.has(item.state)) ?? false;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, load]);

  return (
    <section className="outbox" aria-labelledby="outbox-title">
      <h1 id="outbox-title">{t('outbox.title')}</h1>
      <p className="staff-lead">{t('outbox.intro')}</p>
      <AddToOutbox outboxKey={items?.map((item) => `${item.id}:${item.state}`).join() ?? ''} onAdded={load} />
      <UsbExport onExported={load} />
      <div className="outbox-list-head">
        <h2 id="outbox-list-title">{t('outbox.listLabel')}</h2>
        <button type="button" className="button" onClick={load}>
          {t('outbox.refresh')}
        </button>
      </div>
      {error && <ErrorMessage error={error} onRetry={load} />}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p>{t('outbox.empty')}</p>}
      {items && items.length > 0 && (
        <ul className="outbox-list" aria-labelledby="outbox-list-title">
          {items.map((item) => (
            <ItemRow key={item.id} item={item} onChanged={load} />
          ))}
        </ul>
      )}
    </section>
  );
}
