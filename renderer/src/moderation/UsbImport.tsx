/**
 * "Nhận từ USB" on the hub's moderation screen: the bundles stations copied to a drive taken in
 * (`moderation.importBundle`), each checked as a network upload is; then, per bundle, whose and
 * when, and per document whether it now waits for review or why it was refused.
 */
import { useState } from 'react';
import type { BundleImport } from '../../../shared/contract/hub.js';
import { client } from '../client.js';
import { formatDateTime } from '../format.js';
import { useLanguage } from '../i18n.js';
import { UsbFolderForm } from '../outbox/UsbFolderForm.js';

export function UsbImport({ onImported }: { onImported(): void }) {
  const { t } = useLanguage();
  const [done, setDone] = useState<BundleImport | null>(null);
  const send = async (folder: string) => {
    setDone(null);
    const result = await client.call('moderation.importBundle', { folder });
    setDone(result);
    onImported();
  };
  return (
    <UsbFolderForm title="usbBundleUi.importTitle" lead="usbBundleUi.importLead" button="usbBundleUi.import" working="usbBundleUi.importing" send={send}>
      {done && (
        <div className="outbox-usb-result">
          <p className="outbox-added" role="status">
            {t('usbBundleUi.imported', { accepted: done.accepted, refused: done.refused })}
          </p>
          {done.bundles.map((bundle) => (
            <div key={bundle.bundle}>
              <h3>{t('usbBundleUi.bundle', { bundle: bundle.bundle, station: bundle.stationName ?? '—', time: bundle.createdAt ? formatDateTime(bundle.createdAt) : '—' })}</h3>
              {bundle.reason && bundle.items.length === 0 && <p className="outbox-reason">{t('usbBundleUi.refused', { reason: bundle.reason })}</p>}
              <ul className="outbox-list">
                {bundle.items.map((item) => (
                  <li key={item.uploadId} className={`outbox-item ${item.accepted ? 'outbox-accepted' : 'outbox-rejected'}`}>
                    <strong>{item.title}</strong>
                    <p className={item.accepted ? 'outbox-state' : 'outbox-reason'}>{item.accepted ? t('usbBundleUi.accepted') : t('usbBundleUi.refused', { reason: item.reason ?? '' })}</p>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </UsbFolderForm>
  );
}
