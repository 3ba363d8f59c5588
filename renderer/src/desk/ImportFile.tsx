/**
 * The desk's "import an existing PDF or EPUB" panel: a file is chosen, never typed. In the app
 * the button opens the system's open dialog (`desk.importChosen`, electron/file-dialog.ts); in
 * a browser it opens the file chooser (or takes a file dropped on the panel) and the bytes are
 * sent to the station with a progress bar and a stop button (upload-file.ts), then imported.
 * Either way the librarian lands on the description (or, for a PDF of scanned pages without
 * text, on its pages to recognise first).
 */
import { useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { useNavigate } from 'react-router';
import type { ClientError } from '../../../shared/client.js';
import type { DeskBatch } from '../../../shared/desk.js';
import { MAX_UPLOAD_BYTES } from '../../../shared/desk.js';
import { asClientError, client } from '../client.js';
import { useT } from '../i18n.js';
import { FormError } from '../staff/FormError.js';
import { batchPath, describePath } from './desk-paths.js';
import { UploadStopped, finishUpload, sendFile } from './upload-file.js';

type Step = { kind: 'idle' } | { kind: 'sending'; name: string; sent: number; size: number } | { kind: 'reading'; name: string } | { kind: 'stopped'; name: string };

const ACCEPT = '.pdf,.epub,application/pdf,application/epub+zip';

function useOpenImported(): (batch: DeskBatch) => void {
  const navigate = useNavigate();
  // A PDF of scanned pages without text comes back as pages to recognise first.
  return (batch) => void navigate(batch.origin === 'file' ? describePath(batch.id) : batchPath(batch.id));
}

function Progress({ step }: { step: Step }) {
  const t = useT();
  if (step.kind === 'sending') {
    const percent = step.size === 0 ? 100 : Math.floor((step.sent / step.size) * 100);
    const text = t('deskUi.uploading', { name: step.name, percent });
    return (
      <div className="desk-upload" data-testid="upload-progress">
        <p>{text}</p>
        <progress max={Math.max(step.size, 1)} value={step.sent} aria-label={text} />
      </div>
    );
  }
  if (step.kind === 'reading') {
    return (
      <p className="desk-busy">
        <span className="spinner" aria-hidden="true" /> {t('deskUi.readingFile', { name: step.name })}
      </p>
    );
  }
  return step.kind === 'stopped' ? <p>{t('deskUi.uploadStopped', { name: step.name })}</p> : null;
}

/** In a browser: the file chooser, the upload with its progress, then the import. */
function UploadFromBrowser() {
  const t = useT();
  const openImported = useOpenImported();
  const input = useRef<HTMLInputElement>(null);
  const stop = useRef<AbortController | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<ClientError | null>(null);
  const busy = step.kind === 'sending' || step.kind === 'reading';

  const upload = async (file: File) => {
    const controller = new AbortController();
    stop.current = controller;
    setError(null);
    setStep({ kind: 'sending', name: file.name, sent: 0, size: file.size });
    try {
      const uploadId = await sendFile(client, file, (sent) => setStep({ kind: 'sending', name: file.name, sent, size: file.size }), controller.signal);
      setStep({ kind: 'reading', name: file.name });
      openImported(await finishUpload(client, uploadId, controller.signal));
    } catch (thrown) {
      if (thrown instanceof UploadStopped) return setStep({ kind: 'stopped', name: file.name });
      setError(asClientError(thrown));
      setStep({ kind: 'idle' });
    }
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file && !busy) void upload(file);
  };

  return (
    <div className="desk-import" onDragOver={(event) => event.preventDefault()} onDrop={drop}>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        hidden
        data-testid="import-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared, so choosing the same file again (after a refusal) is noticed.
          event.target.value = '';
          if (file) void upload(file);
        }}
      />
      <div className="desk-actions">
        <button type="button" className="button primary big" disabled={busy} onClick={() => input.current?.click()} data-testid="choose-file">
          {t('deskUi.chooseFile')}
        </button>
        {step.kind === 'sending' && (
          <button type="button" className="button" onClick={() => stop.current?.abort()}>
            {t('deskUi.cancel')}
          </button>
        )}
      </div>
      <div role="status">
        <Progress step={step} />
      </div>
      <FormError error={error} />
    </div>
  );
}

/** In the app: the system's open dialog, then the import. */
function ChooseInApp() {
  const t = useT();
  const openImported = useOpenImported();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);
  const choose = async () => {
    setBusy(true);
    setError(null);
    try {
      const batch = await client.call('desk.importChosen', {});
      if (batch) openImported(batch);
    } catch (thrown) {
      setError(asClientError(thrown));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="desk-import">
      <button type="button" className="button primary big" disabled={busy} onClick={() => void choose()} data-testid="choose-file">
        {busy ? t('deskUi.importing') : t('deskUi.chooseFile')}
      </button>
      <FormError error={error} />
    </div>
  );
}

export function ImportFile() {
  const t = useT();
  return (
    <section className="desk-panel" aria-labelledby="import-file">
      <h2 id="import-file">{t('deskUi.importTitle')}</h2>
      <p className="desk-lead">{t('deskUi.importLead', { maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 })}</p>
      {client.transport === 'ipc' ? <ChooseInApp /> : <UploadFromBrowser />}
    </section>
  );
}
