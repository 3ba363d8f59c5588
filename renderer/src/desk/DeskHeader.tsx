/** The top of a batch's screens, kept short so the work starts high on a 768-pixel screen: the way back, the title with the batch's name, and the steps. */
import { Link } from 'react-router';
import type { DeskBatch } from '../../../shared/desk.js';
import { useT } from '../i18n.js';
import { batchName } from './batch-name.js';
import { DeskSteps } from './DeskSteps.js';

interface DeskHeaderProps {
  title: string;
  batch: DeskBatch;
  back: { to: string; label: string };
  /** The current step of a scanned batch; none for an imported file. */
  step: 'scan' | 'describe' | null;
}

export function DeskHeader({ title, batch, back, step }: DeskHeaderProps) {
  const t = useT();
  return (
    <div className="desk-header">
      <Link to={back.to} className="desk-back">
        ← {back.label}
      </Link>
      <div className="desk-title-row">
        <h1>{title}</h1>
        <p className="desk-lead">{batchName(t, batch)}</p>
        {step && <DeskSteps batchId={batch.id} current={step} />}
      </div>
    </div>
  );
}
