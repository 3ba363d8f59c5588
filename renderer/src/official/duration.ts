/** A duration in words for the officials' screens ("3 phút", "1 giờ 5 phút"). */
import type { TFunction } from '../i18n.js';

export function formatDuration(t: TFunction, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('time.seconds', { n: s });
  if (s < 3600) return t('time.minutes', { n: Math.round(s / 60) });
  return t('time.hours', { h: Math.floor(s / 3600), m: Math.round((s % 3600) / 60) });
}
