/** /help: the help topics, for librarians and for officials, and the first-run guide. */
import { Link } from 'react-router';
import { useT } from '../i18n.js';
import { HelpLayout } from './HelpLayout.js';
import { FIRST_RUN, LIBRARIAN_TOPICS, OFFICIAL_TOPICS, helpPath, topicLead, topicTitle } from './topics.js';
import type { HelpTopic } from './topics.js';

function TopicList({ title, id, topics }: { title: string; id: string; topics: readonly HelpTopic[] }) {
  const t = useT();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul className="staff-areas">
        {topics.map((topic) => (
          <li key={topic}>
            <Link className="staff-area" to={helpPath(topic)}>
              <strong>{t(topicTitle(topic))}</strong>
              <span>{t(topicLead(topic))}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function HelpIndex() {
  const t = useT();
  return (
    <HelpLayout title={t('help.title')} lead={t('help.lead')} back={false}>
      <p>
        <Link className="button" to={helpPath(FIRST_RUN)}>
          {t('help.firstRun.title')}
        </Link>
      </p>
      <div className="official-columns">
        <TopicList title={t('help.forLibrarians')} id="help-librarians" topics={LIBRARIAN_TOPICS} />
        <TopicList title={t('help.forOfficials')} id="help-officials" topics={OFFICIAL_TOPICS} />
      </div>
    </HelpLayout>
  );
}
