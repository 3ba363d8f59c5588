/**
 * /desk/batches/:id/describe — describing a scanned batch or an imported file before saving it:
 * the pages or the file at a glance, the form pre-filled from `desk.draft`, and the way back.
 * The lead says where the fields came from: the text read, or — when no text was read, OCR not
 * run or finding nothing — that they are to be filled in by hand.
 */
import { Link, useParams } from 'react-router';
import type { DeskBatch } from '../../../shared/desk.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { formatSize, mediaTypeName } from '../format.js';
import { useLanguage } from '../i18n.js';
import { useCall } from '../use-call.js';
import { useDocumentTitle } from '../use-document-title.js';
import { DescribeForm } from './DescribeForm.js';
import { DESK_HOME } from '../staff/staff-paths.js';
import { HELP_DESCRIBE, batchPath } from './desk-paths.js';
import { DeskHeader } from './DeskHeader.js';
import { useBatch } from './use-batch.js';

function BatchGlance({ batch }: { batch: DeskBatch }) {
  const { t, lang } = useLanguage();
  if (batch.file) {
    return <p className="notice">{t('deskUi.fileInfo', { name: batch.file.name, type: mediaTypeName(batch.file.mediaType), size: formatSize(lang, batch.file.size) })}</p>;
  }
  return (
    <ol className="desk-glance" aria-label={t('deskUi.pagesTitle', { count: batch.pages.length })}>
      {batch.pages.slice(0, 8).map((page) => (
        <li key={page.id}>
          <img src={page.thumbnail} alt={t('deskUi.pageThumb', { n: page.index + 1 })} />
        </li>
      ))}
    </ol>
  );
}

export function DescribePage() {
  const { t } = useLanguage();
  const { id = '' } = useParams();
  const { batch, error, reload } = useBatch(id);
  const draft = useCall('desk.draft', { batchId: id });
  useDocumentTitle(t('deskUi.describeTitle'));

  if (error) return <ErrorMessage error={error} onRetry={reload} />;
  if (draft.status === 'error') return <ErrorMessage error={draft.error} onRetry={draft.retry} />;
  if (!batch || draft.status === 'loading') return <Loading />;
  const notRecognised = batch.pages.some((page) => page.textChars === null);
  const lead = batch.hasText ? 'deskUi.describeLead' : notRecognised ? 'deskUi.describeLeadNoOcr' : 'deskUi.describeLeadUnreadable';

  return (
    <div className="desk desk-describe-page">
      <DeskHeader
        title={t('deskUi.describeTitle')}
        batch={batch}
        back={batch.origin === 'file' ? { to: DESK_HOME, label: t('deskUi.backHome') } : { to: batchPath(batch.id), label: t('deskUi.backToPages') }}
        step={batch.origin === 'pages' ? 'describe' : null}
      />
      <BatchGlance batch={batch} />
      <p className={batch.hasText ? 'desk-lead' : 'desk-lead notice desk-warning'} data-testid="describe-lead">
        {t(lead)} <Link to={HELP_DESCRIBE}>{t('deskUi.helpDescribe')}</Link>
      </p>
      <DescribeForm batch={batch} draft={draft.data} />
    </div>
  );
}
