import type { LegalStatus, PublicationKind } from '../../../shared/domain.js';
import { useT } from '../i18n.js';
import { CheckIcon, PendingIcon } from './icons.js';

/** Legal status in words and colour (never colour alone). */
export function StatusBadge({ status }: { status: LegalStatus }) {
  const t = useT();
  return <span className={`badge status status-${status}`}>{t(`status.${status}`)}</span>;
}

export function KindTag({ kind }: { kind: PublicationKind }) {
  const t = useT();
  return <span className={`badge kind kind-${kind}`}>{t(`kind.${kind}`)}</span>;
}

/** Whether the main file is on this station. */
export function Availability({ available }: { available: boolean }) {
  const t = useT();
  return (
    <p className={available ? 'availability present' : 'availability pending'}>
      {available ? <CheckIcon /> : <PendingIcon />}
      <span>{t(available ? 'file.present' : 'file.pending')}</span>
    </p>
  );
}
