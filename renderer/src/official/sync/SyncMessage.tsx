/**
 * What a sync run or a source's last failure says: the words, and — folded away under "Chi tiết
 * kỹ thuật" — the system's own text the engine kept as `detail` ("connect ECONNREFUSED …"), for a
 * technician to read; it is never part of the sentence an official reads.
 */
import type { MessageRef } from '../../../../shared/messages.js';
import { useT } from '../../i18n.js';
import './sync-message.css';

/** The `detail` texts a reference and the references nested in it keep. */
export function technicalDetails(ref: MessageRef): string[] {
  return Object.entries(ref.params ?? {}).flatMap(([name, value]) => {
    if (typeof value === 'object') return technicalDetails(value);
    return name === 'detail' && String(value).trim() !== '' ? [String(value)] : [];
  });
}

export function SyncMessage({ message, className = 'run-message' }: { message: MessageRef; className?: string }) {
  const t = useT();
  const details = technicalDetails(message);
  return (
    <div className={`${className} sync-message`} data-testid="sync-message">
      <p>{t(message.key, message.params)}</p>
      {details.length > 0 && (
        <details className="tech-detail">
          <summary>{t('sync.techDetail')}</summary>
          {details.map((detail, i) => (
            <code key={i} className="break">
              {detail}
            </code>
          ))}
        </details>
      )}
    </div>
  );
}
