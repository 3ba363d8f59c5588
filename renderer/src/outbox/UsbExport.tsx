/**
 * "Chép ra USB" on the outbox screen: the items waiting to be sent copied into a signed bundle on
 * the drive (`outbox.exportBundle`), then how many and how large, and the bundle's folder name.
 */
import { useState } from 'react';
import type { BundleExport } from '../../../shared/contract/outbox.js';
import { client } from '../client.js';
import { formatSize } from '../format.js';
import { useLanguage } from '../i18n.js';
import { UsbFolderForm } from './UsbFolderForm.js';

export function UsbExport({ onExported }: { onExported(): void }) {
  const { lang, t } = useLanguage();
  const [done, setDone] = useState<BundleExport | null>(null);
  const send = async (folder: string) => {
    setDone(null);
    const result = await client.call('outbox.exportBundle', { folder });
    setDone(result);
    onExported();
  };
  return (
    <UsbFolderForm title="usbBundleUi.exportTitle" lead="usbBundleUi.exportLead" button="usbBundleUi.export" working="usbBundleUi.exporting" send={send}>
      {done && (
        <p className="outbox-added" role="status">
          {done.bundle ? t('usbBundleUi.exported', { items: done.items, size: formatSize(lang, done.bytes), bundle: done.bundle }) : t('usbBundleUi.nothingWaiting')}
        </p>
      )}
    </UsbFolderForm>
  );
}
