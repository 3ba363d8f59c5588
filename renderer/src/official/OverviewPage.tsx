/**
 * /official: the station's health at a glance — the bookshelf, sync (running, last outcome,
 * next run), the disk, the kiosk, LAN serving and the yearly report — each a card that leads
 * to its page; above them, while the commune's name is not set, the prompt to set it.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatCount, formatDateTime, formatSize } from '../format.js';
import { useLanguage } from '../i18n.js';
import { useCall } from '../use-call.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { CommuneNamePrompt } from './CommuneNamePrompt.js';
import { EnrolmentNotice } from '../enrolment/EnrolmentNotice.js';
import { OfficialLayout } from './OfficialLayout.js';
import { officialPath } from './official-paths.js';
import type { OfficialPage } from './official-paths.js';
import { outcomeTone } from './sync/OutcomeBadge.js';

type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

function Card({ title, page, tone, children }: { title: string; page: OfficialPage; tone: Tone; children: ReactNode }) {
  const { t } = useLanguage();
  const word = tone === 'ok' ? t('overview.stateOk') : tone === 'warn' ? t('overview.stateWarn') : tone === 'bad' ? t('overview.stateBad') : null;
  return (
    <li className={`official-card health tone-edge-${tone}`}>
      <h2>
        <Link to={officialPath(page)} className="health-link">
          {title}
        </Link>
      </h2>
      {word && <span className={`tone tone-${tone}`}>{word}</span>}
      <div className="health-body">{children}</div>
    </li>
  );
}

export function OverviewPage() {
  const { lang, t } = useLanguage();
  const info = useCall('library.info', {});
  const sync = useCall('sync.status', {});
  const sources = useCall('sync.sources', {});
  const storage = useCall('admin.storage', {});
  const settings = useCall('admin.settings', {});
  const failed = [info, sync, sources, storage, settings].find((call) => call.status === 'error');
  if (failed?.status === 'error') {
    return (
      <OfficialLayout page="overview">
        <ErrorMessage error={failed.error} onRetry={failed.retry} />
      </OfficialLayout>
    );
  }
  if (info.status !== 'ok' || sync.status !== 'ok' || sources.status !== 'ok' || storage.status !== 'ok' || settings.status !== 'ok') {
    return (
      <OfficialLayout page="overview">
        <Loading />
      </OfficialLayout>
    );
  }
  const status = sync.data;
  const last = status.lastRun;
  const syncTone: Tone = status.running ? 'neutral' : sources.data.length === 0 ? 'warn' : last ? outcomeTone(last.status) : 'warn';
  const disk = storage.data.disk;
  const lan = settings.data.lan;
  return (
    <OfficialLayout page="overview" lead={t('overview.lead')}>
      {settings.data.communeName === null && <CommuneNamePrompt onSaved={settings.retry} />}
      <EnrolmentNotice />
      <ul className="health-grid" data-testid="health">
        <Card title={t('overview.library')} page="storage" tone="neutral">
          <p>{t('overview.libraryCounts', { publications: formatCount(lang, info.data.publications), files: formatCount(lang, info.data.filesPresent) })}</p>
          {settings.data.communeName && <p>{settings.data.communeName}</p>}
          {info.data.demo.state === 'loaded' && <p data-testid="overview-demo">{t('overview.demoLoaded', { count: formatCount(lang, info.data.demo.count) })}</p>}
          {info.data.demo.state === 'retired' && (
            <p data-testid="overview-demo">
              {t('overview.demoRetired', { when: formatDateTime(info.data.demo.at), merged: formatCount(lang, info.data.demo.merged), removed: formatCount(lang, info.data.demo.removed) })}
            </p>
          )}
        </Card>
        <Card title={t('overview.sync')} page="sync" tone={syncTone}>
          {status.running ? (
            <p>{t('overview.syncRunning')}</p>
          ) : sources.data.length === 0 ? (
            <p>{t('overview.noSources')}</p>
          ) : last ? (
            <>
              <p>{t('overview.syncLast', { when: formatDateTime(last.finishedAt ?? last.startedAt), outcome: t(`sync.status.${last.status}`) })}</p>
              {last.message && <p className="run-message">{t(last.message.key, last.message.params)}</p>}
            </>
          ) : (
            <p>{t('overview.syncNever')}</p>
          )}
          {status.nextRunAt && <p>{t('overview.syncNext', { when: formatDateTime(status.nextRunAt) })}</p>}
        </Card>
        <Card title={t('overview.storage')} page="storage" tone={disk.level === 'ok' ? 'ok' : disk.level === 'low' ? 'warn' : 'bad'}>
          <p>{t('overview.storageFree', { free: formatSize(lang, disk.freeBytes), total: formatSize(lang, disk.totalBytes) })}</p>
        </Card>
        <Card title={t('overview.kiosk')} page="settings" tone="neutral">
          <p data-testid="overview-kiosk">{info.data.kiosk.enabled ? t('overview.kioskOn', { seconds: info.data.kiosk.idleSeconds }) : t('overview.kioskOff')}</p>
        </Card>
        <Card title={t('overview.lan')} page="settings" tone="neutral">
          <p>{lan.currentUrl ? t('overview.lanOn', { url: lan.currentUrl }) : t('overview.lanOff')}</p>
          {lan.enabled && !lan.currentUrl && <p>{t('overview.lanNextOn')}</p>}
        </Card>
        <Card title={t('overview.report')} page="usage" tone="neutral">
          <p>{t('overview.reportDue')}</p>
        </Card>
      </ul>
    </OfficialLayout>
  );
}
