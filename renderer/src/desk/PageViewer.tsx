/**
 * A page of the batch larger (desk.pageImage, rotation applied) in a modal dialog that Escape
 * closes: whole on the screen at first, at full width to read the small print.
 */
import { useEffect, useRef, useState } from 'react';
import type { DeskPage } from '../../../shared/desk.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { useT } from '../i18n.js';
import { useCall } from '../use-call.js';

/** Wide enough for a page to be read on the librarian's 1366-pixel screen. */
const VIEW_WIDTH = 1000;

export function PageViewer({ batchId, page, onClose }: { batchId: string; page: DeskPage; onClose(): void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const image = useCall('desk.pageImage', { batchId, pageId: page.id, width: VIEW_WIDTH });
  const [zoomed, setZoomed] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const name = t('deskUi.page', { n: page.index + 1 });
  return (
    <dialog ref={dialog} className={zoomed ? 'desk-viewer zoomed' : 'desk-viewer'} aria-label={name} onClose={onClose} data-testid="page-viewer">
      <div className="desk-viewer-bar">
        <h2>{name}</h2>
        <button type="button" className="button" aria-pressed={zoomed} onClick={() => setZoomed(!zoomed)}>
          {t('deskUi.zoom')}
        </button>
        <button type="button" className="button" onClick={() => dialog.current?.close()}>
          {t('deskUi.close')}
        </button>
      </div>
      {image.status === 'loading' && <Loading />}
      {image.status === 'error' && <ErrorMessage error={image.error} onRetry={image.retry} />}
      {image.status === 'ok' && <img src={image.data.dataUrl} alt={name} />}
    </dialog>
  );
}
