import { useT } from '../i18n.js';

/** A polite "Loading…" that only becomes visible if the wait is noticeable. */
export function Loading() {
  const t = useT();
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{t('loading')}</span>
    </div>
  );
}
