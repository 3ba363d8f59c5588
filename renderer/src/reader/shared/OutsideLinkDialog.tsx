/**
 * A web address from a book or a document: shown in large text with a QR code for the reader's
 * own phone, never opened (the kiosk has no browser to go to). Both readers show this dialog.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n.js';
import { qrDataUrl } from '../../qr.js';
import './reader.css';

export function OutsideLinkDialog({ url, onClose }: { url: string; onClose(): void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    let live = true;
    qrDataUrl(url).then(
      (data) => live && setQr(data),
      () => live && setQr(null),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <dialog ref={ref} className="reader-link-dialog" aria-labelledby="reader-link-title" onClose={onClose} data-testid="reader-link-dialog">
      <h2 id="reader-link-title">{t('reader.linkTitle')}</h2>
      <p>{t('reader.linkExplain')}</p>
      <p className="reader-link-url" data-testid="reader-link-url">
        {url}
      </p>
      {qr && <img className="reader-link-qr" src={qr} alt={t('reader.linkQr', { url })} width={240} height={240} data-testid="reader-link-qr" />}
      <button type="button" className="button primary big" autoFocus onClick={() => ref.current?.close()} data-testid="reader-link-close">
        {t('reader.linkClose')}
      </button>
    </dialog>
  );
}
