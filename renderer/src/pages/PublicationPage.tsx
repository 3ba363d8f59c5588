/**
 * /publications/:id — one publication: a banner when it is not (or not yet, or only partly) in
 * force, its details and legal status, whether its file is on this station, a large "Đọc" button,
 * "Xem chữ to" (its text in large type, read aloud on request: also where its file is not here
 * but its text is) and "In" (print), the documents related to it, its table of contents (each
 * article opens the reader at its page), and the way back to the results or list she came from.
 * While it is shown, the PDF reader readies itself and the document for "Đọc" (reader/pdf/warm-up.ts),
 * and the reader page opened from here takes the publication as shown (shown-publication.ts).
 */
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { ReactNode } from 'react';
import type { Publication, PublicationDetail, PublicationFile } from '../../../shared/domain.js';
import { publicationFileUrl } from '../../../shared/urls.js';
import { formatDate, formatSize, languageName, machineDate, mediaTypeName } from '../format.js';
import { useLanguage } from '../i18n.js';
import type { MessageKey } from '../../../shared/messages.js';
import { isBackTo, readerPath, textPath } from '../routes.js';
import type { BackTo } from '../routes.js';
import { useCall } from '../use-call.js';
import { useDocumentTitle } from '../use-document-title.js';
import { Availability, KindTag, StatusBadge, showsLegalStatus } from '../components/Badges.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { ArrowLeftIcon, CheckIcon, OpenIcon, PendingIcon, PrintIcon, WarningIcon } from '../components/icons.js';
import { LanQr } from '../components/LanQr.js';
import { Loading } from '../components/Loading.js';
import { NotFound } from '../components/NotFound.js';
import { TableOfContents } from '../components/TableOfContents.js';
import { readingOverLan, useDisplay } from '../kiosk/display.js';
import { RelatedSection } from '../related/RelatedSection.js';
import { LargeTextIcon } from '../text/icons.js';
import { StatusBanner } from '../related/StatusBanner.js';
import { showPublication } from './shown-publication.js';
import '../styles/search.css';
import '../styles/official.css';
import '../text/text-links.css';

const PDF = 'application/pdf';

const BACK_LABEL: Record<BackTo['kind'], MessageKey> = {
  results: 'publication.backToResults',
  list: 'publication.back',
  home: 'publication.backHome',
};

export function PublicationPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const { t } = useLanguage();
  const publication = useCall('publications.get', { id });
  // An official's correction answers with the page as it now is: shown over what was loaded, until the next load.
  const loaded = publication.status === 'ok' ? publication.data : null;
  const [corrected, setCorrected] = useState<{ over: PublicationDetail; detail: PublicationDetail } | null>(null);
  const shown = loaded && corrected?.over === loaded ? corrected.detail : loaded;
  const onCorrected = (detail: PublicationDetail) => loaded && setCorrected({ over: loaded, detail });
  const back: BackTo = isBackTo(location.state) ? location.state : { path: '/', kind: 'home' };
  useDocumentTitle(publication.status === 'ok' ? publication.data.title : null);

  if (publication.status === 'error' && publication.error.code === 'not_found') return <NotFound />;
  return (
    <article className="publication" aria-labelledby="publication-title">
      <p className="back">
        <Link to={back.path} className="back-link" data-testid="back-link">
          <ArrowLeftIcon />
          <span>{t(BACK_LABEL[back.kind])}</span>
        </Link>
      </p>
      {publication.status === 'loading' && <Loading />}
      {publication.status === 'error' && <ErrorMessage error={publication.error} onRetry={publication.retry} />}
      {shown && <PublicationDetails publication={shown} onCorrected={onCorrected} />}
    </article>
  );
}

function contentFileOf(publication: Publication): PublicationFile | undefined {
  return publication.files.find((file) => file.role === 'content');
}

function PublicationDetails({ publication: p, onCorrected }: { publication: PublicationDetail; onCorrected(detail: PublicationDetail): void }) {
  const { lang, t } = useLanguage();
  const content = contentFileOf(p);
  /** The files a reader reads (a cover is only a picture of the book). */
  const readingFiles = p.files.filter((file) => file.role === 'content');
  const readable = p.available && content?.state === 'present';
  // A file read here has its text; a document whose structure is known has it too, file or not.
  const hasText = readable || p.sections.length > 0;
  const textLink = (
    <Link className="button big secondary text-view-link" to={textPath(p.id)} data-testid="text-view-button">
      <LargeTextIcon />
      <span>{t('textView.open')}</span>
    </Link>
  );
  const { printingAllowed, lanUrl } = useDisplay();
  // The reader opened from here starts with this publication (shown-publication.ts).
  useEffect(() => showPublication(p), [p]);
  // "Đọc" opens page 1 at once: the PDF reader's code, pdf.js's worker and the document are readied
  // now (on a phone over the LAN, the code only: the Wi-Fi is shared).
  const warmPdf = readable && content?.mediaType === PDF;
  const codeOnly = readingOverLan(lanUrl);
  useEffect(() => {
    if (!warmPdf) return;
    let left = false;
    let leave: (() => void) | undefined;
    import('../reader/pdf/warm-up.js')
      .then(({ warmUpPdfReader }) => {
        if (!left) leave = warmUpPdfReader(publicationFileUrl(p.id), { codeOnly });
      })
      .catch(() => undefined);
    return () => {
      left = true;
      leave?.();
    };
  }, [warmPdf, codeOnly, p.id]);
  const rows: Array<[MessageKey, ReactNode]> = [];
  const add = (key: MessageKey, value: ReactNode) => {
    if (value !== null && value !== undefined && value !== '' && value !== false) rows.push([key, value]);
  };
  add('field.number', p.number && <span className="doc-number">{p.number}</span>);
  add('field.docType', p.docType);
  add('field.issuer', p.issuer);
  add('field.issuedDate', p.issuedDate && <time dateTime={machineDate(p.issuedDate)}>{formatDate(p.issuedDate)}</time>);
  add('field.effectiveDate', p.effectiveDate && <time dateTime={machineDate(p.effectiveDate)}>{formatDate(p.effectiveDate)}</time>);
  if (showsLegalStatus(p)) add('field.status', <StatusBadge status={p.status} />);
  add('field.fields', p.fields.length > 0 && p.fields.join(', '));
  add('field.authors', p.authors.length > 0 && p.authors.join(', '));
  add('field.publisher', p.publisher);
  add('field.language', p.language && languageName(lang, p.language));
  add('field.description', p.description && <p className="description">{p.description}</p>);

  return (
    <>
      <StatusBanner publication={p} />
      <header className="publication-header">
        <div className="card-tags">
          <KindTag kind={p.kind} />
          {showsLegalStatus(p) && <StatusBadge status={p.status} />}
        </div>
        <h1 id="publication-title" data-testid="publication-title">
          {p.title}
        </h1>
        {p.number ? (
          <p className="lead doc-number">{p.number}</p>
        ) : (
          p.authors.length > 0 && <p className="lead">{p.authors.join(', ')}</p>
        )}
      </header>

      <section className="read-box" aria-label={t('publication.read')}>
        {readable && content ? (
          <>
            <div className="read-actions">
              <Link className="button primary big" to={readerPath(p.id)} data-testid="read-button">
                <OpenIcon />
                <span>{t('publication.read')}</span>
              </Link>
              {textLink}
              {content.mediaType === PDF && printingAllowed && (
                <Link className="button big secondary" to={readerPath(p.id, { print: true })} data-testid="print-button" aria-describedby="print-hint">
                  <PrintIcon />
                  <span>{t('publication.print')}</span>
                </Link>
              )}
            </div>
            <div className="read-status">
              <Availability available />
              <p className="read-hint">
                {mediaTypeName(content.mediaType)} · {formatSize(lang, content.size)}
                <span className="visually-hidden" id="print-hint">
                  {t('publication.printHint')}
                </span>
              </p>
            </div>
          </>
        ) : content?.state === 'corrupt' ? (
          <p className="notice warning">
            <WarningIcon />
            <span>{t('file.corrupt')}</span>
          </p>
        ) : content?.state === 'excluded' || p.excluded ? (
          <div className="notice excluded">
            <Availability available={false} excluded />
            <p>{t('publication.notKept')}</p>
            {hasText && textLink}
          </div>
        ) : (
          <div className="notice pending">
            <Availability available={false} />
            <p>{t('publication.notAvailable')}</p>
            {hasText && textLink}
          </div>
        )}
      </section>
      <LanQr id={p.id} />

      <div className="publication-body">
        <section className="publication-about" aria-labelledby="details-heading">
          <h2 id="details-heading">{t(p.kind === 'legal' ? 'publication.details' : 'publication.detailsOther')}</h2>
          <dl className="details">
            {rows.map(([key, value]) => (
              <div key={key} className={key === 'field.description' ? 'wide' : undefined}>
                <dt>{t(key)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>

          {readingFiles.length > 0 && (
            <section className="files" aria-labelledby="files-heading">
              <h2 id="files-heading">{t('field.files')}</h2>
              <ul className="file-list">
                {readingFiles.map((file) => (
                  <li key={file.sha256} className={`file file-${file.state}`}>
                    <span className="file-type">{mediaTypeName(file.mediaType)}</span>
                    <span className="file-size">{formatSize(lang, file.size)}</span>
                    <span className="file-state">
                      {file.state === 'present' ? <CheckIcon /> : file.state === 'pending' ? <PendingIcon /> : file.state === 'corrupt' && <WarningIcon />}
                      <span>{t(`file.${file.state}`)}</span>
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </section>

        <RelatedSection publication={p} onCorrected={onCorrected} />

        {p.sections.some((s) => s.level === 'article') && (
          <TableOfContents id={p.id} sections={p.sections} readable={readable} headingId="toc-heading" />
        )}
      </div>
    </>
  );
}
