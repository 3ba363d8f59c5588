/**
 * /help/first-run: where the setup page leads after the first official is made — set the
 * commune's name, add a sync source, create a librarian, turn the kiosk on — each step with a
 * button to its screen.
 */
import { Link } from 'react-router';
import { useT } from '../i18n.js';
import { officialPath } from '../official/official-paths.js';
import type { OfficialPage } from '../official/official-paths.js';
import { HelpLayout } from './HelpLayout.js';
import { topicStep } from './topics.js';

const STEPS: OfficialPage[] = ['settings', 'sync', 'accounts', 'settings'];

export function FirstRunGuide() {
  const t = useT();
  return (
    <HelpLayout title={t('help.firstRun.title')} lead={t('help.firstRun.lead')}>
      <ol className="help-steps first-run" data-testid="first-run-steps">
        {STEPS.map((page, i) => (
          <li key={i}>
            <p>{t(topicStep('firstRun', i + 1))}</p>
            <Link className="button" to={officialPath(page)}>
              {t('help.goTo', { page: t(`official.nav.${page}`) })}
            </Link>
          </li>
        ))}
      </ol>
    </HelpLayout>
  );
}
