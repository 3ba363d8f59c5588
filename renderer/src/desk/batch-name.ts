/** A batch's name on screen: its running number (no two open batches share one), what it holds and when it was started, in local time (dd/mm/yyyy hh:mm). */
import type { DeskBatchSummary } from '../../../shared/desk.js';
import type { TFunction } from '../i18n.js';

function localTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getDate())}/${two(at.getMonth() + 1)}/${at.getFullYear()} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

export function batchName(t: TFunction, batch: Pick<DeskBatchSummary, 'number' | 'createdAt' | 'origin'>): string {
  return t(batch.origin === 'file' ? 'deskUi.fileBatchName' : 'deskUi.batchName', { number: batch.number, time: localTime(batch.createdAt) });
}
