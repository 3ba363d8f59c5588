import type { ClientError } from '../../../shared/client.js';
import { useT } from '../i18n.js';
import { WarningIcon } from './icons.js';

/** A failed call, in words for its error code, with a retry button. */
export function ErrorMessage({ error, onRetry }: { error: ClientError; onRetry?: () => void }) {
  const t = useT();
  return (
    <div className="notice error" role="alert">
      <h2 className="notice-title">
        <WarningIcon />
        <span>{t('error.title')}</span>
      </h2>
      <p>{t(`error.${error.code}`)}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
