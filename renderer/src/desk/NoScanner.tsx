/**
 * What the scan screen says when no scanner is found: that none was, why for each kind of source
 * (the engine's words: no scanner program, no device answering, no scan folder set up), and that
 * a PDF or EPUB file can be imported meanwhile. The way to look again is the form's own button.
 */
import { Link } from 'react-router';
import type { MessageRef } from '../../../shared/messages.js';
import { WarningIcon } from '../components/icons.js';
import { useT } from '../i18n.js';
import { DESK_HOME } from '../staff/staff-paths.js';

export function NoScanner({ whyNone }: { whyNone: MessageRef[] }) {
  const t = useT();
  return (
    <div className="notice desk-warning" role="alert" data-testid="no-scanner">
      <h3 className="notice-title">
        <WarningIcon />
        <span>{t('deskUi.noScanner')}</span>
      </h3>
      <ul>
        {whyNone.map((why) => (
          <li key={why.key}>{t(why.key, why.params)}</li>
        ))}
      </ul>
      <p>
        <Link to={DESK_HOME}>{t('deskUi.noScannerMeanwhile')}</Link>
      </p>
    </div>
  );
}
