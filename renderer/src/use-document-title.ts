import { useEffect } from 'react';
import { useT } from './i18n.js';

/** Sets the window title to "<page> — <app title>" (or the app title alone). */
export function useDocumentTitle(page?: string | null): void {
  const t = useT();
  const app = t('app.title');
  useEffect(() => {
    document.title = page ? `${page} — ${app}` : app;
  }, [page, app]);
}
