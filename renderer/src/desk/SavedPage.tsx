/** /desk/saved/:id — the document is on the shelf: see it as a reader does, send it upstream (into the outbox), or scan another. */
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { client } from '../client.js';
import { CheckIcon } from '../components/icons.js';
import { useT } from '../i18n.js';
import { publicationPath } from '../routes.js';
import { FormError } from '../staff/FormError.js';
import { useFormCall } from '../staff/use-form-call.js';
import { useCall } from '../use-call.js';
import { useDocumentTitle } from '../use-document-title.js';
import { OUTBOX_HOME, batchPath } from './desk-paths.js';

export function SavedPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { state } = useLocation() as { state: { title?: string } | null };
  const publication = useCall('publications.get', { id });
  const form = useFormCall();
  useDocumentTitle(t('deskUi.savedTitle'));
  const title = publication.status === 'ok' ? publication.data.title : (state?.title ?? '');
  const sendUpstream = async () => {
    if (await form.run(() => client.call('outbox.enqueue', { publicationId: id }))) void navigate(OUTBOX_HOME);
  };
  const scanAnother = async () => {
    const batch = await form.run(() => client.call('desk.createBatch', {}));
    if (batch) void navigate(batchPath(batch.id));
  };
  return (
    <div className="desk desk-saved">
      <h1 className="desk-saved-title">
        <CheckIcon />
        <span>{t('deskUi.savedTitle')}</span>
      </h1>
      {title && <p className="desk-lead" data-testid="saved-lead">{t('deskUi.savedLead', { title })}</p>}
      <ul className="desk-links">
        <li>
          <Link to={publicationPath(id)} className="desk-link" data-testid="view-at-kiosk">
            <strong>{t('deskUi.viewAtKiosk')}</strong>
          </Link>
        </li>
        <li>
          <button type="button" className="desk-link" disabled={form.busy} onClick={() => void sendUpstream()} data-testid="send-upstream">
            <strong>{t('deskUi.sendUpstream')}</strong>
            <span>{t('deskUi.sendUpstreamLead')}</span>
          </button>
        </li>
      </ul>
      <FormError error={form.error} />
      <button type="button" className="button primary big" disabled={form.busy} onClick={() => void scanAnother()}>
        {t('deskUi.scanAnother')}
      </button>
    </div>
  );
}
