/** The facts a card shows of a publication: number, type (optional), issuer and date, as a definition list. */
import type { PublicationSummary } from '../../../shared/domain.js';
import { formatDate, machineDate } from '../format.js';
import { useT } from '../i18n.js';

export function PublicationMeta({ publication: p, docType = false, numberId }: { publication: PublicationSummary; docType?: boolean; numberId?: string }) {
  const t = useT();
  return (
    <dl className="card-meta">
      {p.number && (
        <div>
          <dt>{t('field.number')}</dt>
          <dd className="doc-number" id={numberId}>
            {p.number}
          </dd>
        </div>
      )}
      {p.docType && docType && (
        <div>
          <dt>{t('field.docType')}</dt>
          <dd>{p.docType}</dd>
        </div>
      )}
      {p.issuer && (
        <div>
          <dt>{t('field.issuer')}</dt>
          <dd>{p.issuer}</dd>
        </div>
      )}
      {p.issuedDate && (
        <div>
          <dt>{t('field.issuedDate')}</dt>
          <dd>
            <time dateTime={machineDate(p.issuedDate)}>{formatDate(p.issuedDate)}</time>
          </dd>
        </div>
      )}
    </dl>
  );
}
