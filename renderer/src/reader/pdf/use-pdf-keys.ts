/**
 * The PDF reader's keys, anywhere on the page: ← / → and PageUp / PageDown turn pages, Home / End
 * go to the first and last page, + / − zoom, Ctrl+F opens the find bar and Escape closes it.
 * Off while the document is not shown or a dialog is open.
 */
import { useEffect, useRef } from 'react';
import { isReaderKey, pageTurnKey } from '../shared/page-keys.js';
import type { PdfDocument } from './use-pdf-document.js';
import type { PdfFind } from './use-pdf-find.js';

export function usePdfKeys(active: boolean, pdf: PdfDocument, find: PdfFind): void {
  const latest = useRef({ active, pdf, find });
  latest.current = { active, pdf, find };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { active, pdf, find } = latest.current;
      if (!active) return;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        find.show();
        return;
      }
      if (event.key === 'Escape' && find.open) {
        find.close();
        return;
      }
      // The side panel's tabs and lists keep their own arrow keys.
      if (event.target instanceof HTMLElement && event.target.closest('.pdf-panel') && event.key.startsWith('Arrow')) return;
      const turn = pageTurnKey(event);
      const actions: Record<string, () => void> = {
        Home: () => pdf.goTo(1),
        End: () => pdf.goTo(pdf.total),
        '+': () => pdf.zoom(1),
        '=': () => pdf.zoom(1),
        '-': () => pdf.zoom(-1),
        '−': () => pdf.zoom(-1),
      };
      const action = turn === 1 ? pdf.next : turn === -1 ? pdf.previous : isReaderKey(event) ? actions[event.key] : undefined;
      if (action) {
        event.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
