/** The officials' pages under /official, which of them only a hub has, their menu labels and the help topic each "?" link opens. */
import type { MessageKey } from '../../../shared/messages.js';
import type { HelpTopic } from '../help/topics.js';

export const OFFICIAL_PAGES = ['overview', 'sync', 'storage', 'settings', 'accounts', 'audit', 'usage', 'updates', 'enrolment', 'moderation', 'stations', 'network'] as const;
export type OfficialPage = (typeof OFFICIAL_PAGES)[number];

/** Pages only a hub has (library.info → hub): a commune station's menu leaves them out. */
const HUB_PAGES: readonly OfficialPage[] = ['moderation', 'stations', 'network'];

/** The menu of a station, or of a hub. */
export function menuPages(hub: boolean): readonly OfficialPage[] {
  return hub ? OFFICIAL_PAGES : OFFICIAL_PAGES.filter((page) => !HUB_PAGES.includes(page));
}

export function officialPath(page: OfficialPage): string {
  return page === 'overview' ? '/official' : `/official/${page}`;
}

export const PAGE_LABEL: Record<OfficialPage, MessageKey> = {
  overview: 'official.nav.overview',
  sync: 'official.nav.sync',
  storage: 'official.nav.storage',
  settings: 'official.nav.settings',
  accounts: 'official.nav.accounts',
  audit: 'official.nav.audit',
  usage: 'official.nav.usage',
  updates: 'official.nav.updates',
  enrolment: 'official.nav.enrolment',
  moderation: 'official.nav.moderation',
  stations: 'official.nav.stations',
  network: 'official.nav.network',
};

export const PAGE_HELP: Record<OfficialPage, HelpTopic> = {
  overview: 'sync',
  sync: 'sync',
  storage: 'selective',
  settings: 'kiosk',
  accounts: 'accounts',
  audit: 'accounts',
  usage: 'report',
  updates: 'updates',
  enrolment: 'send',
  moderation: 'send',
  stations: 'send',
  network: 'report',
};
