/** /help/<topic>: one topic's numbered steps. */
import { useParams } from 'react-router';
import { useT } from '../i18n.js';
import { NotFound } from '../components/NotFound.js';
import { HelpLayout } from './HelpLayout.js';
import { TOPIC_STEPS, isHelpTopic, topicLead, topicStep, topicTitle } from './topics.js';

export function HelpTopicPage() {
  const t = useT();
  const { topic = '' } = useParams();
  if (!isHelpTopic(topic)) return <NotFound />;
  const steps = Array.from({ length: TOPIC_STEPS[topic] }, (_, i) => i + 1);
  return (
    <HelpLayout title={t(topicTitle(topic))} lead={t(topicLead(topic))}>
      <h2 className="visually-hidden">{t('help.steps')}</h2>
      <ol className="help-steps" data-testid="help-steps">
        {steps.map((n) => (
          <li key={n}>{t(topicStep(topic, n))}</li>
        ))}
      </ol>
    </HelpLayout>
  );
}
