/** The two steps of a batch (scan and arrange pages; describe and save), with the current one marked for sight and for screen readers. */
import { Link } from 'react-router';
import { useT } from '../i18n.js';
import { batchPath, describePath } from './desk-paths.js';

export function DeskSteps({ batchId, current }: { batchId: string; current: 'scan' | 'describe' }) {
  const t = useT();
  const steps = [
    { key: 'scan', label: t('deskUi.stepScan'), to: batchPath(batchId) },
    { key: 'describe', label: t('deskUi.stepDescribe'), to: describePath(batchId) },
  ] as const;
  return (
    <nav className="desk-steps" aria-label={t('deskUi.steps')}>
      <ol>
        {steps.map((step) => (
          <li key={step.key}>
            {step.key === current ? (
              <span className="desk-step current" aria-current="step">
                {step.label}
              </span>
            ) : (
              <Link className="desk-step" to={step.to}>
                {step.label}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
