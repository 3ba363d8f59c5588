/**
 * The drives plugged into the station (`outbox.drives`), as large buttons above a folder field —
 * the USB screens of the outbox and the moderation page, and the sync screen's new source:
 * pressing one fills the field with its path, so staff pick the drive instead of typing it.
 * "Tìm lại ổ USB" looks again after a drive is plugged in; with none found it says so and the
 * field stays for a folder typed by hand.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Drive } from '../../../shared/contract/outbox.js';
import { client } from '../client.js';
import './drive-choices.css';
import { formatSize } from '../format.js';
import { useLanguage } from '../i18n.js';

export function DriveChoices({ chosen, onChoose }: { chosen: string; onChoose(path: string): void }) {
  const { lang, t } = useLanguage();
  const [drives, setDrives] = useState<Drive[] | null>(null);
  const look = useCallback(() => {
    setDrives(null);
    client.call('outbox.drives', {}).then(setDrives, () => setDrives([]));
  }, []);
  useEffect(look, [look]);
  return (
    <div className="drive-choices" role="group" aria-label={t('usbBundleUi.drives')}>
      {drives?.length === 0 && <p className="drive-choices-none">{t('usbBundleUi.noDrive')}</p>}
      {drives?.map((drive) => (
        <button key={drive.path} type="button" className="button drive-choice" aria-pressed={chosen === drive.path} onClick={() => onChoose(drive.path)}>
          <strong>{drive.label}</strong>
          <span>{t('usbBundleUi.driveSpace', { free: formatSize(lang, drive.freeBytes), total: formatSize(lang, drive.totalBytes) })}</span>
        </button>
      ))}
      <button type="button" className="button drive-choices-look" onClick={look} disabled={drives === null}>
        {t('usbBundleUi.lookAgain')}
      </button>
    </div>
  );
}
