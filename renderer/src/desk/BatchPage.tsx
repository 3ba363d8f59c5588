/**
 * /desk/batches/:id — the scan screen: scanner settings and scanning with live progress (pages
 * arrive as thumbnails), faults with the pages kept and "continue scanning", the pages to
 * reorder, rotate, view, rescan, split or delete, text recognition, and the way on to describing.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import type { DeskBatch, DeskJob, DeskPage } from '../../../shared/desk.js';
import { client } from '../client.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { useT } from '../i18n.js';
import { FormError } from '../staff/FormError.js';
import { useFormCall } from '../staff/use-form-call.js';
import { useDocumentTitle } from '../use-document-title.js';
import { DESK_HOME } from '../staff/staff-paths.js';
import { batchPath, describePath } from './desk-paths.js';
import { DeskHeader } from './DeskHeader.js';
import { OcrPanel } from './OcrPanel.js';
import { PageCard } from './PageCard.js';
import type { PageAction } from './PageCard.js';
import { PageViewer } from './PageViewer.js';
import { ScanPanel } from './ScanPanel.js';
import { scanInput, storeSettings, storedSettings } from './scan-settings.js';
import type { ScanSettings } from './scan-settings.js';
import { useBatch } from './use-batch.js';

/** What the last edit did, said in the live region; a split also offers the new batch. */
interface Said {
  text: string;
  newBatch?: DeskBatch;
  /** What to say once the job just started has ended well (a rescan). */
  whenDone?: string;
}

export function BatchPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { batch, error, show, reload } = useBatch(id);
  const form = useFormCall();
  const [settings, setSettings] = useState<ScanSettings>(storedSettings);
  const [said, setSaid] = useState<Said | null>(null);
  const [viewing, setViewing] = useState<DeskPage | null>(null);
  // After an edit moves or removes the focused control, where keyboard focus goes: the first of these that can take it.
  const [focusNext, setFocusNext] = useState<string[] | null>(null);
  useDocumentTitle(t('deskUi.batchTitle'));
  const job = batch?.job;
  useEffect(() => {
    if (!said?.whenDone || !job || job.state === 'running') return;
    setSaid(job.state === 'done' ? { text: said.whenDone } : null);
  }, [said, job]);
  useEffect(() => {
    if (!focusNext) return;
    const target = focusNext.map((selector) => document.querySelector<HTMLElement>(selector)).find((el) => el && !(el as HTMLButtonElement).disabled);
    target?.focus();
    setFocusNext(null);
  }, [focusNext]);

  const changeSettings = useCallback((next: ScanSettings) => {
    setSettings(next);
    storeSettings(next);
  }, []);

  const edit = async (send: () => Promise<DeskBatch>, text: (after: DeskBatch) => string, focus?: string[]) => {
    const after = await form.run(send);
    if (!after) return;
    show(after);
    setSaid({ text: text(after) });
    if (focus) setFocusNext(focus);
  };
  const startJob = async (send: () => Promise<DeskJob | null>, next?: Said) => {
    setSaid(next ?? null);
    const started = await form.run(send);
    if (started === undefined) return;
    // The job as it starts, at once (edits wait), then polled until it ends.
    if (started && batch) show({ ...batch, job: started });
    reload();
  };

  if (error) return <ErrorMessage error={error} onRetry={reload} />;
  if (!batch) return <Loading />;
  if (batch.origin === 'file') return <Navigate to={describePath(batch.id)} replace />;

  const running = batch.job?.state === 'running';
  const locked = running || form.busy;
  const scan = (replacePageId?: string) => client.call('desk.scan', scanInput(batch.id, settings, replacePageId));
  const onAction = (page: DeskPage, action: PageAction) => {
    const n = page.index + 1;
    const pageId = page.id;
    const batchId = batch.id;
    switch (action.kind) {
      case 'view':
        return setViewing(page);
      case 'move': {
        const [same, other] = action.to < page.index ? ['earlier', 'later'] : ['later', 'earlier'];
        const card = `[data-page-id="${pageId}"]`;
        return void edit(
          () => client.call('desk.movePage', { batchId, pageId, to: action.to }),
          () => t('deskUi.pageMoved', { n: action.to + 1 }),
          [`${card} [data-move="${same}"]`, `${card} [data-move="${other}"]`],
        );
      }
      case 'rotate':
        return void edit(() => client.call('desk.rotatePage', { batchId, pageId, by: 90 }), () => t('deskUi.pageRotated', { n }));
      case 'delete':
        return void edit(() => client.call('desk.deletePage', { batchId, pageId }), (after) => t('deskUi.pageDeleted', { count: after.pages.length }), ['#pages-title']);
      case 'rescan':
        return void startJob(() => scan(pageId), { text: t('deskUi.rescanStarted', { n }), whenDone: t('deskUi.rescanDone', { n }) });
      case 'split':
        return void form.run(() => client.call('desk.split', { batchId, atPageId: pageId })).then((parts) => {
          if (!parts) return;
          show(parts.first);
          setSaid({ text: t('deskUi.splitDone', { count: parts.second.pages.length }), newBatch: parts.second });
          setFocusNext(['.desk-said a']);
        });
    }
  };

  return (
    <div className="desk desk-batch-page">
      <DeskHeader title={t('deskUi.batchTitle')} batch={batch} back={{ to: DESK_HOME, label: t('deskUi.backHome') }} step="scan" />
      <ScanPanel
        batch={batch}
        settings={settings}
        onChange={changeSettings}
        onScan={() => void startJob(() => scan())}
        onCancel={() => void startJob(() => client.call('desk.cancel', { batchId: batch.id }))}
        busy={form.busy}
      />
      <FormError error={form.error} />
      <div className="desk-said" role="status">
        {said && <p>{said.text}</p>}
        {said?.newBatch && (
          <Link className="button" to={batchPath(said.newBatch.id)} onClick={() => setSaid(null)}>
            {t('deskUi.openNewBatch')}
          </Link>
        )}
      </div>
      <section className="desk-panel" aria-labelledby="pages-title">
        <h2 id="pages-title" tabIndex={-1}>
          {t('deskUi.pagesTitle', { count: batch.pages.length })}
        </h2>
        {batch.pages.length === 0 ? (
          <p>{t('deskUi.noPages')}</p>
        ) : (
          <>
            <p className="desk-lead">{t('deskUi.pagesLead')}</p>
            <ol className="desk-pages" data-testid="pages">
              {batch.pages.map((page) => (
                <PageCard key={page.id} batch={batch} page={page} locked={locked} canRescan={settings.scanner !== ''} onAction={onAction} />
              ))}
            </ol>
          </>
        )}
      </section>
      {batch.pages.length > 0 && (
        <>
          <OcrPanel
            batch={batch}
            busy={form.busy}
            onStart={() => void startJob(() => client.call('desk.ocr', { batchId: batch.id }))}
            onCancel={() => void startJob(() => client.call('desk.cancel', { batchId: batch.id }))}
          />
          <p className="desk-next">
            <Link to={describePath(batch.id)} className={running ? 'button big' : 'button primary big'} data-testid="to-describe">
              {t('deskUi.toDescribe')} →
            </Link>
          </p>
        </>
      )}
      {viewing && <PageViewer batchId={batch.id} page={viewing} onClose={() => setViewing(null)} />}
    </div>
  );
}
