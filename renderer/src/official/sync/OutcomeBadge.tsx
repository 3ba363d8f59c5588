/** A sync run's outcome as a coloured word: good, worth a look, or failed. */
import type { SyncRunStatus } from '../../../../shared/sync-status.js';
import { useT } from '../../i18n.js';

const TONE: Record<SyncRunStatus, 'ok' | 'warn' | 'bad' | 'neutral'> = {
  running: 'neutral',
  ok: 'ok',
  unchanged: 'ok',
  expired: 'warn',
  stopped: 'warn',
  interrupted: 'warn',
  refused: 'bad',
  failed: 'bad',
};

export function OutcomeBadge({ status }: { status: SyncRunStatus }) {
  const t = useT();
  return <span className={`tone tone-${TONE[status]}`}>{t(`sync.status.${status}`)}</span>;
}

export function outcomeTone(status: SyncRunStatus): 'ok' | 'warn' | 'bad' | 'neutral' {
  return TONE[status];
}
