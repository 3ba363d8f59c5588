import type { DocumentStatus, PublicationKind, PublicationSummary } from '../../../shared/domain.js';
import { useT } from '../i18n.js';
import { CheckIcon, PendingIcon } from './icons.js';

/** Legal force matters for legal documents; a novel "of unknown legal status" would only confuse. */
export function showsLegalStatus(p: Pick<PublicationSummary, 'kind' | 'status'>): boolean {
  return p.kind === 'legal' || p.status !== 'unknown';
}

/** Legal status (as shown: given, else derived) in words and colour (never colour alone). */
export function StatusBadge({ status }: { status: DocumentStatus }) {
  const t = useT();
  return <span className={`badge status status-${status}`}>{t(`status.${status}`)}</span>;
}

export function KindTag({ kind }: { kind: PublicationKind }) {
  const t = useT();
  return <span className={`badge kind kind-${kind}`}>{t(`kind.${kind}`)}</span>;
}

/** Whether the main file is on this station, not yet downloaded, or not kept here (selective sync). */
export function Availability({ available, excluded = false, id }: { available: boolean; excluded?: boolean; id?: string }) {
  const t = useT();
  const state = available ? 'present' : excluded ? 'excluded' : 'pending';
  return (
    <p className={`availability ${state}`} id={id}>
      {state === 'present' ? <CheckIcon /> : state === 'pending' && <PendingIcon />}
      <span>{t(`file.${state}`)}</span>
    </p>
  );
}
