/** A running sync in plain words: what it does, a progress bar, counts, bytes, speed and time left. */
import type { SyncProgressInfo } from '../../../../shared/sync-status.js';
import { formatCount, formatSize } from '../../format.js';
import { useLanguage } from '../../i18n.js';
import { formatDuration } from '../duration.js';

function fraction(p: SyncProgressInfo): number | null {
  if (p.phase === 'files' && p.bytesTotal) return p.bytesDone / p.bytesTotal;
  if (p.phase === 'texts') return p.textsTotal ? p.textsDone / p.textsTotal : null;
  if (p.phase === 'pages' && p.pagesTotal) return p.pagesDone / p.pagesTotal;
  if (p.publicationsTotal) return p.publicationsDone / p.publicationsTotal;
  return null;
}

export function SyncProgress({ progress: p }: { progress: SyncProgressInfo | null }) {
  const { lang, t } = useLanguage();
  const unknown = t('sync.unknown');
  const count = (n: number | null) => (n === null ? unknown : formatCount(lang, n));
  const done = p ? fraction(p) : null;
  return (
    <div className="sync-progress" data-testid="sync-progress">
      <p className="sync-phase">{t('sync.phaseLine', { phase: p ? t(`sync.phase.${p.phase}`) : t('sync.phase.checking') })}</p>
      <progress
        aria-label={t('sync.progressLabel')}
        max={1}
        {...(done === null ? {} : { value: Math.min(1, done) })}
      />
      {p && (
        <ul className="sync-figures">
          <li>{t('sync.publications', { done: formatCount(lang, p.publicationsDone), total: count(p.publicationsTotal) })}</li>
          <li>{t('sync.files', { done: formatCount(lang, p.filesDone), total: count(p.filesTotal) })}</li>
          <li>{t('sync.bytes', { done: formatSize(lang, p.bytesDone), total: p.bytesTotal === null ? unknown : formatSize(lang, p.bytesTotal) })}</li>
          <li>{t('sync.rate', { rate: formatSize(lang, p.bytesPerSecond) })}</li>
          <li>{t('sync.left', { time: p.secondsLeft === null ? unknown : formatDuration(t, p.secondsLeft) })}</li>
          {p.filesFailed > 0 && <li className="sync-failed">{t('sync.filesFailed', { count: p.filesFailed })}</li>}
          {p.textsTotal !== null && p.textsTotal > 0 && <li>{t('sync.texts', { done: formatCount(lang, p.textsDone), total: formatCount(lang, p.textsTotal) })}</li>}
        </ul>
      )}
    </div>
  );
}
