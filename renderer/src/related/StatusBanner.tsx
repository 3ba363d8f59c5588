/**
 * The banner over a legal document that is not in force, not yet in force, partly in force or in
 * force until a known day (a document replacing it takes effect then): the
 * status in words beside an icon (never colour alone), why (the reason the engine derived, else a
 * plain sentence), and a link to the document the station holds that replaces or repeals it. The
 * publication page shows it in full; a reader shows it as one line over its toolbar — the reason
 * naming documents by their numbers, the status word alone on a phone — so that the reader still
 * fills the screen.
 */
import { Link } from 'react-router';
import type { PublicationDetail } from '../../../shared/domain.js';
import type { MessageRef } from '../../../shared/messages.js';
import { showsLegalStatus } from '../components/Badges.js';
import { PendingIcon, WarningIcon } from '../components/icons.js';
import { useT } from '../i18n.js';
import { useNarrowScreen } from '../reader/shared/narrow-screen.js';
import { publicationPath } from '../routes.js';
import { reasonByNumber, replacementOf, warnedStatus } from './related-documents.js';
import '../styles/related.css';

export function StatusBanner({ publication: p, compact = false }: { publication: PublicationDetail; compact?: boolean }) {
  const t = useT();
  const narrow = useNarrowScreen();
  const status = warnedStatus(p);
  if (!status || !showsLegalStatus(p)) return null;
  const say = (ref: MessageRef | null) => (ref ? t(ref.key, ref.params) : t(`related.banner.${status}`));
  const reason = say(p.statusReason);
  const replacement = replacementOf(p);
  const see = replacement && t(`related.see.${replacement.kind}`, { document: replacement.number ?? replacement.title ?? '' });
  const link = replacement && (
    <Link
      className={compact ? 'status-banner-link' : 'button status-banner-link'}
      to={publicationPath(replacement.publicationId)}
      aria-label={compact ? (see ?? undefined) : undefined}
      data-testid="status-banner-link"
    >
      {compact ? t(`related.seeShort.${replacement.kind}`) : see}
    </Link>
  );
  const icon = status === 'not_yet_in_force' ? <PendingIcon /> : <WarningIcon />;
  const common = { role: 'status', 'aria-label': t('related.bannerLabel'), 'data-testid': 'status-banner', 'data-status': status };

  if (compact) {
    return (
      <div className={`status-banner compact status-banner-${status}`} {...common}>
        {icon}
        <p className="status-banner-line" title={reason}>
          {narrow ? <strong>{t(`status.${status}`)}</strong> : say(p.statusReason && reasonByNumber(p.statusReason))}
        </p>
        {narrow && <span className="visually-hidden">{reason}</span>}
        {link}
      </div>
    );
  }
  return (
    <div className={`status-banner status-banner-${status}`} {...common}>
      <p className="status-banner-status">
        {icon}
        <span>{t(`status.${status}`)}</span>
      </p>
      <p className="status-banner-reason">{reason}</p>
      {link}
    </div>
  );
}
