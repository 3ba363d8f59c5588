/**
 * The scan screen's settings: scanner (SANE devices and watched folders), paper source, colour
 * mode, resolution, paper size, number of feeder pages; and the button that starts a scan —
 * "scan", "scan more pages", or "continue the batch" after a fault. With no scanner found, what
 * each kind of source lacks (NoScanner.tsx) and the way to look again.
 */
import { useEffect, useRef } from 'react';
import type { FormEvent } from 'react';
import { PAGE_SIZES, SCAN_MODES } from '../../../shared/desk.js';
import type { DeskBatch } from '../../../shared/desk.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { useT } from '../i18n.js';
import { useCall } from '../use-call.js';
import { JobNotice } from './JobNotice.js';
import { NoScanner } from './NoScanner.js';
import { fitToScanner, resolutionsOf } from './scan-settings.js';
import type { ScanSettings } from './scan-settings.js';

interface ScanPanelProps {
  batch: DeskBatch;
  settings: ScanSettings;
  onChange(settings: ScanSettings): void;
  onScan(): void;
  onCancel(): void;
  busy: boolean;
}

export function ScanPanel({ batch, settings, onChange, onScan, onCancel, busy }: ScanPanelProps) {
  const t = useT();
  const scanners = useCall('desk.scanners', {});
  const list = scanners.status === 'ok' ? scanners.data.scanners : null;
  useEffect(() => {
    if (!list || list.length === 0) return;
    const fitted = fitToScanner(settings, list);
    if (JSON.stringify(fitted) !== JSON.stringify(settings)) onChange(fitted);
  }, [list, settings, onChange]);

  const running = batch.job?.state === 'running';
  // The scan's progress or fault shows under the scan button, where the librarian is looking.
  const jobRef = useRef<HTMLDivElement>(null);
  const jobKey = batch.job?.kind === 'scan' ? `${batch.job.state} ${batch.job.fault}` : '';
  useEffect(() => {
    if (jobKey) jobRef.current?.scrollIntoView({ block: 'nearest' });
  }, [jobKey]);
  const stopped = batch.job?.kind === 'scan' && batch.job.fault !== null && batch.job.fault !== 'cancelled';
  const scanner = list?.find((s) => s.id === settings.scanner);
  const set = (change: Partial<ScanSettings>) => onChange({ ...settings, ...change });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onScan();
  };
  const label = stopped ? t('deskUi.continueBatch') : batch.pages.length > 0 ? t('deskUi.scanMore') : t('deskUi.scan');

  return (
    <section className="desk-panel desk-scan-panel" aria-labelledby="scan-settings">
      <h2 id="scan-settings">{t('deskUi.scanSettings')}</h2>
      {scanners.status === 'loading' && <Loading />}
      {scanners.status === 'error' && <ErrorMessage error={scanners.error} onRetry={scanners.retry} />}
      {scanners.status === 'ok' && list?.length === 0 && <NoScanner whyNone={scanners.data.whyNone} />}
      {list && (
        <form className="desk-form desk-scan-form" onSubmit={submit}>
          {list.length > 0 && (
            <>
              <label className="desk-scan-scanner">
                <span>{t('deskUi.scanner')}</span>
                <select name="scanner" value={settings.scanner} onChange={(event) => set({ scanner: event.target.value })}>
                  {list.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.kind === 'folder' ? t('deskUi.scannerFolder', { label: s.label }) : s.label}
                    </option>
                  ))}
                </select>
              </label>
              {scanner && scanner.sources.length > 0 && (
                <fieldset className="desk-scan-source">
                  <legend>{t('deskUi.source')}</legend>
                  {scanner.sources.map((source) => (
                    <label key={source} className="desk-choice">
                      <input type="radio" name="source" value={source} checked={settings.source === source} onChange={() => set({ source })} />
                      <span>{t(`deskUi.source.${source}`)}</span>
                    </label>
                  ))}
                </fieldset>
              )}
              <label className="desk-scan-mode">
                <span>{t('deskUi.mode')}</span>
                <select name="mode" value={settings.mode} aria-describedby="mode-hint" onChange={(event) => set({ mode: event.target.value as ScanSettings['mode'] })}>
                  {(scanner && scanner.modes.length > 0 ? scanner.modes : SCAN_MODES).map((mode) => (
                    <option key={mode} value={mode}>
                      {t(`deskUi.mode.${mode}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="desk-scan-small">
                <span>{t('deskUi.pageSize')}</span>
                <select name="pageSize" value={settings.pageSize} onChange={(event) => set({ pageSize: event.target.value as ScanSettings['pageSize'] })}>
                  {PAGE_SIZES.map((size) => (
                    <option key={size} value={size}>
                      {t(`deskUi.pageSize.${size}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="desk-scan-small">
                <span>{t('deskUi.resolution')}</span>
                <select name="resolution" value={settings.resolution} aria-describedby="resolution-hint" onChange={(event) => set({ resolution: Number(event.target.value) })}>
                  {resolutionsOf(scanner).map((dpi) => (
                    <option key={dpi} value={dpi}>
                      {t('deskUi.dpi', { dpi })}
                    </option>
                  ))}
                </select>
              </label>
              {settings.source === 'feeder' && (
                <label className="desk-scan-small">
                  <span>{t('deskUi.pageCount')}</span>
                  <input
                    name="pages"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={500}
                    aria-describedby="pages-hint"
                    value={settings.pages}
                    onChange={(event) => set({ pages: event.target.value })}
                  />
                </label>
              )}
              <p className="desk-scan-hints">
                <small id="mode-hint">{t('deskUi.modeHint')}</small> <small id="resolution-hint">{t('deskUi.resolutionHint')}</small>{' '}
                {settings.source === 'feeder' && <small id="pages-hint">{t('deskUi.pageCountHint')}</small>}
              </p>
            </>
          )}
          <div className="desk-actions">
            <button type="submit" className="button primary big" disabled={busy || running || !scanner} data-testid="scan">
              {label}
            </button>
            <button type="button" className="button" onClick={scanners.retry}>
              {t('deskUi.findScanners')}
            </button>
          </div>
        </form>
      )}
      <div ref={jobRef} className="desk-scan-job">
        <JobNotice batch={batch} kind="scan" onCancel={onCancel} cancelling={busy} />
      </div>
    </section>
  );
}
