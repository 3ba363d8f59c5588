/**
 * /official/storage: the library's disk (used, free, a warning before it fills), the catalog's
 * files present, pending and not kept, the space per field, document type and kind (bars with
 * their figures), and what selective sync keeps, from `admin.storage`.
 */
import { Link } from 'react-router';
import type { StorageGroup, StorageReport } from '../../../shared/contract/admin.js';
import { formatCount, formatSize } from '../format.js';
import { useLanguage } from '../i18n.js';
import { useCall } from '../use-call.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { OfficialLayout } from './OfficialLayout.js';
import { BarList } from './charts.js';
import { officialPath } from './official-paths.js';
import { comesTo } from './sync/SyncSelectionForm.js';

function Groups({ title, groups, name }: { title: string; groups: StorageGroup<string | null>[]; name(key: string | null): string }) {
  const { lang, t } = useLanguage();
  if (groups.length === 0) return null;
  return (
    <section className="official-section" aria-label={title}>
      <h3>{title}</h3>
      <BarList
        title={title}
        rows={groups.map((g) => ({ label: name(g.key), value: g.bytes, note: t('storage.files', { files: formatCount(lang, g.files) }) }))}
        format={(bytes) => formatSize(lang, bytes)}
      />
    </section>
  );
}

function Report({ report: r }: { report: StorageReport }) {
  const { lang, t } = useLanguage();
  const size = (bytes: number) => formatSize(lang, bytes);
  const used = r.disk.totalBytes - r.disk.freeBytes;
  const sel = r.selection;
  const restricted = sel.fields !== null || sel.docTypes !== null || sel.kinds !== null || sel.maxBytes !== null;
  const levelText =
    r.disk.level === 'ok'
      ? t('storage.level.ok')
      : r.disk.level === 'low'
        ? t('storage.level.low', { free: size(r.disk.freeBytes) })
        : t('storage.level.critical', { free: size(r.disk.freeBytes), pending: size(r.files.pendingBytes) });
  const filesLine = (files: number, bytes: number) => t('storage.filesBytes', { files: formatCount(lang, files), bytes: size(bytes) });
  return (
    <>
      <section className="official-section" aria-labelledby="disk-title">
        <h2 id="disk-title">{t('storage.disk')}</h2>
        <p data-testid="disk-usage">{t('storage.diskUsage', { used: size(used), total: size(r.disk.totalBytes), free: size(r.disk.freeBytes) })}</p>
        <meter
          className={`disk-meter level-${r.disk.level}`}
          aria-label={t('storage.diskBar')}
          min={0}
          max={r.disk.totalBytes}
          low={r.disk.totalBytes - r.disk.lowBytes}
          high={r.disk.totalBytes - r.disk.criticalBytes}
          optimum={0}
          value={used}
        />
        <p className={`notice ${r.disk.level === 'ok' ? 'ok' : r.disk.level === 'low' ? 'warning' : 'error'}`} role={r.disk.level === 'ok' ? undefined : 'alert'} data-testid="disk-level">
          {levelText}
        </p>
      </section>

      <section className="official-section" aria-labelledby="library-title">
        <h2 id="library-title">{t('storage.library')}</h2>
        <dl className="totals">
          <div>
            <dt>{t('storage.present')}</dt>
            <dd>{filesLine(r.files.presentFiles, r.files.presentBytes)}</dd>
          </div>
          <div>
            <dt>{t('storage.pending')}</dt>
            <dd>{filesLine(r.files.pendingFiles, r.files.pendingBytes)}</dd>
          </div>
          <div>
            <dt>{t('storage.notKept')}</dt>
            <dd>{filesLine(r.files.notKeptFiles, r.files.notKeptBytes)}</dd>
          </div>
          {r.files.corruptFiles > 0 && (
            <div>
              <dt>{t('storage.corrupt')}</dt>
              <dd>{formatCount(lang, r.files.corruptFiles)}</dd>
            </div>
          )}
          <div>
            <dt>{t('storage.database')}</dt>
            <dd>{size(r.databaseBytes)}</dd>
          </div>
        </dl>
        <Groups title={t('storage.byField')} groups={r.byField} name={(key) => key ?? t('storage.noField')} />
        <Groups title={t('storage.byType')} groups={r.byType} name={(key) => key ?? t('storage.noType')} />
        <Groups title={t('storage.byKind')} groups={r.byKind} name={(key) => t(`kind.${key as StorageReport['byKind'][number]['key']}`)} />
      </section>

      <section className="official-section" aria-labelledby="keep-title">
        <h2 id="keep-title">{t('storage.selection')}</h2>
        <p>{restricted ? t('storage.keepSome') : t('storage.keepAll')}</p>
        {restricted && (
          <ul>
            {sel.fields && <li>{t('storage.keepFields', { list: sel.fields.join(', ') })}</li>}
            {sel.docTypes && <li>{t('storage.keepTypes', { list: sel.docTypes.join(', ') })}</li>}
            {sel.kinds && <li>{t('storage.keepKinds', { list: sel.kinds.map((kind) => t(`kind.${kind}`)).join(', ') })}</li>}
            {sel.maxBytes !== null && <li>{t('storage.keepBudget', { bytes: size(sel.maxBytes) })}</li>}
          </ul>
        )}
        <p>{comesTo(t, lang, r.counts)}</p>
        <Link className="button" to={officialPath('sync')}>
          {t('storage.changeSelection')}
        </Link>
      </section>
    </>
  );
}

export function StoragePage() {
  const { t } = useLanguage();
  const report = useCall('admin.storage', {});
  return (
    <OfficialLayout page="storage" lead={t('storage.lead')}>
      {report.status === 'loading' && <Loading />}
      {report.status === 'error' && <ErrorMessage error={report.error} onRetry={report.retry} />}
      {report.status === 'ok' && <Report report={report.data} />}
    </OfficialLayout>
  );
}
