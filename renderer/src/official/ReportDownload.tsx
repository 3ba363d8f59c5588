/**
 * "Download the report" for a period: the yearly report on use as a printable PDF or a CSV for
 * Excel (`usage.reportFile`, the same files as `bookshelf report`), saved by the browser, with
 * a word while the file is prepared and its name once saved. The station's usage page asks for
 * the station's; a hub's network page for the whole network's (`network`).
 */
import { useState } from 'react';
import type { ReportFileFormat } from '../../../shared/contract/admin.js';
import { client } from '../client.js';
import { useT } from '../i18n.js';
import { useFormCall } from '../staff/use-form-call.js';
import { ActionError } from './ActionError.js';
import { saveFile } from './download.js';

export interface ReportDownloadProps {
  period: { from: string; to: string };
  /** The whole network's report, at a hub. */
  network?: boolean;
  title: string;
  lead: string;
}

export function ReportDownload({ period, network, title, lead }: ReportDownloadProps) {
  const t = useT();
  const form = useFormCall();
  const [done, setDone] = useState<string | null>(null);
  const download = async (format: ReportFileFormat) => {
    setDone(null);
    const file = await form.run(() => client.call('usage.reportFile', { ...period, format, ...(network && { network }) }));
    if (!file) return;
    saveFile(file);
    setDone(t('usage.downloaded', { name: file.fileName }));
  };
  return (
    <section className="official-section report-download" aria-labelledby="download-title" aria-busy={form.busy}>
      <h2 id="download-title">{title}</h2>
      <p>{lead}</p>
      <div className="official-actions">
        <button type="button" className="button primary big" disabled={form.busy} onClick={() => void download('pdf')} data-testid="download-pdf">
          {t('usage.pdf')}
        </button>
        <button type="button" className="button big" disabled={form.busy} onClick={() => void download('csv')} data-testid="download-csv">
          {t('usage.csv')}
        </button>
      </div>
      {form.busy && (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" />
          <span>{t('usage.preparing')}</span>
        </p>
      )}
      {done && <p role="status">{done}</p>}
      <ActionError error={form.error} />
    </section>
  );
}
