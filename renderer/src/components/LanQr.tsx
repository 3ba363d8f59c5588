/**
 * A QR code with this document's address on the commune LAN (http://<station>:<port>/#/publications/<id>),
 * so a resident can carry it away on her phone. Shown only while the station serves the LAN
 * (library.info → lanUrl), and not to a phone that is already reading over the LAN.
 */
import { useEffect, useState } from 'react';
import { useT } from '../i18n.js';
import { readingOverLan, useDisplay } from '../kiosk/display.js';
import { qrDataUrl } from '../qr.js';

export function lanPublicationUrl(lanUrl: string, id: string): string {
  return `${lanUrl}/#/publications/${encodeURIComponent(id)}`;
}

export function LanQr({ id }: { id: string }) {
  const t = useT();
  const { lanUrl } = useDisplay();
  const url = lanUrl && !readingOverLan(lanUrl) ? lanPublicationUrl(lanUrl, id) : null;
  const [image, setImage] = useState<{ url: string; src: string } | null>(null);
  useEffect(() => {
    if (!url) return;
    let current = true;
    qrDataUrl(url).then(
      (src) => current && setImage({ url, src }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [url]);
  if (!url || image?.url !== url) return null;
  return (
    <section className="lan-qr" aria-labelledby="lan-qr-title" data-testid="lan-qr">
      <img src={image.src} alt={t('lanQr.alt')} width={160} height={160} />
      <div>
        <h2 id="lan-qr-title">{t('lanQr.title')}</h2>
        <p>{t('lanQr.hint')}</p>
        <p className="break">
          <code data-testid="lan-qr-url">{url}</code>
        </p>
      </div>
    </section>
  );
}
