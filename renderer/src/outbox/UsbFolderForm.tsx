/**
 * The form both USB screens share: a heading and what it does, the drives plugged in to pick from
 * (./DriveChoices.tsx) or the drive's folder typed (a path on the computer running the bookshelf:
 * E:\ on Windows, /media/usb on Linux), one large button,
 * and while the engine works a bar that says so and asks not to pull the drive; the engine's
 * refusal in the reader's words. What came of it is the caller's (children).
 */
import { useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { MessageKey } from '../../../shared/messages.js';
import { useLanguage } from '../i18n.js';
import { DriveChoices } from '../staff/DriveChoices.js';
import { FormError } from '../staff/FormError.js';
import { useFormCall } from '../staff/use-form-call.js';

interface UsbFolderFormProps {
  title: MessageKey;
  lead: MessageKey;
  button: MessageKey;
  working: MessageKey;
  /** Runs the engine's method on the folder typed; resolves when it answered. */
  send(folder: string): Promise<unknown>;
  children?: ReactNode;
}

export function UsbFolderForm({ title, lead, button, working, send, children }: UsbFolderFormProps) {
  const { t } = useLanguage();
  const id = useId();
  const form = useFormCall();
  const [folder, setFolder] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(() => send(folder.trim()));
  };
  return (
    <section className="outbox-usb staff-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t(title)}</h2>
      <p className="staff-lead">{t(lead)}</p>
      <form onSubmit={submit}>
        <DriveChoices chosen={folder} onChoose={setFolder} />
        <div className="staff-field">
          <label htmlFor={`${id}-folder`}>{t('usbBundleUi.folder')}</label>
          <input
            id={`${id}-folder`}
            type="text"
            required
            maxLength={1000}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-hint`}
            value={folder}
            onChange={(event) => setFolder(event.target.value)}
          />
          <p id={`${id}-hint`} className="outbox-usb-hint">
            {t('usbBundleUi.folderHint')}
          </p>
        </div>
        <button type="submit" className="button primary" disabled={form.busy}>
          {t(button)}
        </button>
      </form>
      <div role="status">
        {form.busy && (
          <div className="outbox-progress">
            <progress aria-label={t(working)} />
            <span>{t(working)}</span>
          </div>
        )}
      </div>
      <FormError error={form.error} />
      {!form.busy && children}
    </section>
  );
}
