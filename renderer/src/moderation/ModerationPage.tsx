/**
 * The hub's moderation screen, for officials: uploads from stations waiting for a decision (or
 * already decided), each with its description, the station that sent it and its file; approve
 * puts it into the hub's bookshelf for the next publish, reject asks for the reason the station
 * will read; "Nhận từ USB" takes in the bundles a station without network carried on a drive
 * (UsbImport.tsx). Below, the use each station reported, summed. On an ordinary station both are empty.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { MODERATION_STATES } from '../../../shared/outbox.js';
import type { ModerationItem, StationUsage } from '../../../shared/outbox.js';
import { client } from '../client.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { formatCount, formatDate, formatDateTime, formatSize } from '../format.js';
import { useLanguage } from '../i18n.js';
import { TableWrap } from '../official/TableWrap.js';
import { FormError } from '../staff/FormError.js';
import { useFormCall } from '../staff/use-form-call.js';
import { useCall } from '../use-call.js';
import { useDocumentTitle } from '../use-document-title.js';
import { UsbImport } from './UsbImport.js';
import '../outbox/outbox.css';
import '../styles/staff.css';

type Filter = (typeof MODERATION_STATES)[number] | 'all';
const FILTERS: Filter[] = [...MODERATION_STATES, 'all'];

function RejectForm({ item, onDone }: { item: ModerationItem; onDone: () => void }) {
  const { t } = useLanguage();
  const form = useFormCall();
  const [reason, setReason] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await form.run(() => client.call('moderation.reject', { id: item.id, reason }))) onDone();
  };
  return (
    <form className="staff-form" onSubmit={(event) => void submit(event)}>
      <div className="staff-field">
        <label htmlFor={`reason-${item.id}`}>{t('moderationUi.rejectReason')}</label>
        <textarea id={`reason-${item.id}`} required maxLength={1000} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />
      </div>
      <FormError error={form.error} />
      <button type="submit" className="button" disabled={form.busy}>
        {t('moderationUi.rejectConfirm')}
      </button>
    </form>
  );
}

function UploadCard({ item, onChanged }: { item: ModerationItem; onChanged: () => void }) {
  const { lang, t } = useLanguage();
  const approve = useFormCall();
  const [rejecting, setRejecting] = useState(false);
  const d = item.description;
  const facts = [d.number, d.docType, d.issuer, d.issuedDate ? formatDate(d.issuedDate) : null].filter(Boolean).join(' · ');
  return (
    <li className={`outbox-item outbox-${item.state === 'approved' ? 'accepted' : item.state === 'rejected' ? 'rejected' : 'waiting'}`} aria-labelledby={`upload-${item.id}`}>
      <h3 id={`upload-${item.id}`}>{item.title}</h3>
      {facts && <p>{facts}</p>}
      {d.description && <p>{d.description}</p>}
      <p>{t('moderationUi.from', { station: item.stationName })}</p>
      <p>
        {t('moderationUi.received', { time: formatDateTime(item.receivedAt) })} · {t('moderationUi.file', { name: item.fileName, size: formatSize(lang, item.size) })}
      </p>
      {item.decidedAt && <p className="outbox-state">{t('moderationUi.decided', { who: item.decidedBy ?? '—', time: formatDateTime(item.decidedAt) })}</p>}
      {item.reason && <p className="outbox-reason">{t('moderationUi.reason', { reason: item.reason })}</p>}
      {item.state === 'pending' && (
        <div className="outbox-actions">
          <button
            type="button"
            className="button primary"
            disabled={approve.busy}
            onClick={() => void approve.run(() => client.call('moderation.approve', { id: item.id })).then((done) => done && onChanged())}
          >
            {t('moderationUi.approve')}
          </button>
          <button type="button" className="button" aria-expanded={rejecting} onClick={() => setRejecting(!rejecting)}>
            {t('moderationUi.reject')}
          </button>
        </div>
      )}
      <FormError error={approve.error} />
      {rejecting && item.state === 'pending' && <RejectForm item={item} onDone={onChanged} />}
    </li>
  );
}

function UsageTable({ stations }: { stations: StationUsage[] }) {
  const { lang, t } = useLanguage();
  const count = (station: StationUsage, key: string) => formatCount(lang, station.totals[key] ?? 0);
  if (stations.length === 0) return <p>{t('moderationUi.usageEmpty')}</p>;
  return (
    <TableWrap label={t('moderationUi.usageTitle')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('moderationUi.station')}</th>
            <th scope="col">{t('moderationUi.period')}</th>
            <th scope="col">{t('moderationUi.opened')}</th>
            <th scope="col">{t('moderationUi.searches')}</th>
            <th scope="col">{t('moderationUi.sessions')}</th>
            <th scope="col">{t('moderationUi.phoneSessions')}</th>
            <th scope="col">{t('moderationUi.lastReport')}</th>
          </tr>
        </thead>
        <tbody>
          {stations.map((station) => (
            <tr key={station.stationId}>
              <th scope="row">{station.stationName}</th>
              <td>{station.firstDay ? `${formatDate(station.firstDay)} – ${formatDate(station.lastDay)}` : '—'}</td>
              <td>{count(station, 'opened')}</td>
              <td>{count(station, 'search')}</td>
              <td>{count(station, 'kiosk_session')}</td>
              <td>{count(station, 'phone_session')}</td>
              <td>{formatDateTime(station.lastReportAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function ModerationPage() {
  const { t } = useLanguage();
  useDocumentTitle(t('moderationUi.title'));
  const [filter, setFilter] = useState<Filter>('pending');
  const items = useCall('moderation.list', { state: filter });
  const usage = useCall('moderation.usage', {});
  const changed = () => {
    items.retry();
    usage.retry();
  };
  return (
    <section className="outbox" aria-labelledby="moderation-title">
      <h1 id="moderation-title">{t('moderationUi.title')}</h1>
      <p className="staff-lead">{t('moderationUi.lead')}</p>
      <UsbImport onImported={changed} />
      <fieldset className="staff-form">
        <legend>{t('moderationUi.filter')}</legend>
        <div className="outbox-actions">
          {FILTERS.map((value) => (
            <label key={value} className="staff-choice">
              <input type="radio" name="moderation-filter" checked={filter === value} onChange={() => setFilter(value)} />
              <span>{t(`moderationUi.state.${value}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {items.status === 'loading' && <Loading />}
      {items.status === 'error' && <ErrorMessage error={items.error} onRetry={items.retry} />}
      {items.status === 'ok' &&
        (items.data.length === 0 ? (
          <p className="notice empty">{t('moderationUi.empty')}</p>
        ) : (
          <ul className="outbox-list">
            {items.data.map((item) => (
              <UploadCard key={item.id} item={item} onChanged={changed} />
            ))}
          </ul>
        ))}
      <h2>{t('moderationUi.usageTitle')}</h2>
      {usage.status === 'loading' && <Loading />}
      {usage.status === 'error' && <ErrorMessage error={usage.error} onRetry={usage.retry} />}
      {usage.status === 'ok' && <UsageTable stations={usage.data} />}
    </section>
  );
}
