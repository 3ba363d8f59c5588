/**
 * The two ends of enrolment for the browser tests (issue 17). A hub: its library, its routes for
 * stations on 127.0.0.1 (uploads and enrolment, what `bookshelf serve --hub` serves) and its
 * officials' screens (served mode on the same library). A station with a document of its own to
 * send (relations-stations.ts makes it). Each end's official signs in in a browser context of its
 * own: a browser keeps cookies per host, not per port, so one context would hold one session.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { Accounts } from '../../../catalog/accounts/accounts.js';
import { createFeedApp } from '../../../catalog/feed/feed-server.js';
import { mountHubRoutes } from '../../../catalog/hub/routes.js';
import { listen } from '../../../catalog/http/server.js';
import type { RunningServer } from '../../../catalog/http/server.js';
import { Library } from '../../../catalog/library.js';
import { startStation } from '../../../catalog/station.js';
import type { RunningStation } from '../../../catalog/station.js';
import { stationWith } from './relations-stations.js';
import type { PlacedDocument } from './relations-stations.js';
import { SIZES } from './screens.js';

export const HUB_OFFICIAL = { username: 'chuyenvien-so', displayName: 'Chuyên viên Sở Tư pháp', password: 'mat-khau-tram-chu', role: 'official' as const };

/** A letter a commune station made itself: what it sends to its hub once enrolled. */
export const OWN_LETTER: PlacedDocument = {
  publication: {
    id: 'cv-15-ubnd-hoa-binh',
    kind: 'legal',
    title: 'Công văn 15/UBND về lịch tiếp công dân tháng 7',
    number: '15/UBND',
    docType: 'Công văn',
    issuer: 'UBND xã Hòa Bình',
    fields: ['Hành chính'],
    origin: 'local',
  },
  file: path.resolve('catalog/demo/quyet-dinh-so-28-2021-qd-ttg-34546.pdf'),
  mediaType: 'application/pdf',
};

export interface RunningHub {
  library: Library;
  /** Where stations send (uploads, enrolment), ending in '/'. */
  stationsUrl: string;
  /** The officials' screens. */
  ui: RunningStation;
  close(): Promise<void>;
}

/** A hub on `dir` (its library in `dir`/library, an empty feed folder): its routes for stations and its officials' screens, both on free ports. */
export async function startHub(dir: string): Promise<RunningHub> {
  const libraryDir = path.join(dir, 'library');
  const feedDir = path.join(dir, 'feed');
  fs.mkdirSync(feedDir, { recursive: true });
  const library = await Library.open(libraryDir);
  await new Accounts(library.db).create(HUB_OFFICIAL);
  const routes: RunningServer = await listen(createFeedApp(feedDir, ['127.0.0.1'], (app) => void mountHubRoutes(app, library)), '127.0.0.1', 0);
  const ui = await startStation({ libraryDir, host: '127.0.0.1', port: 0, demo: false, rendererDir: process.env.BOOKSHELF_RENDERER_DIR ?? 'dist/renderer' });
  return {
    library,
    stationsUrl: `${routes.url}/`,
    ui,
    async close() {
      await ui.close();
      await routes.close();
      library.close();
    },
  };
}

/** A commune station on `dir` with OWN_LETTER, not enrolled anywhere; its official is RELATIONS_OFFICIAL. */
export function startCommuneStation(dir: string): Promise<RunningStation> {
  return stationWith(dir, { demo: false, batches: [], placed: [OWN_LETTER] });
}

/** A page at the kiosk's size in a browser context of its own, its official signed in at `url`. */
export async function officialPage(browser: Browser, url: string, account: { username: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ ...SIZES.kiosk, locale: 'vi-VN' });
  const signedIn = await context.request.post(`${url}/api/auth.signIn`, { data: { username: account.username, password: account.password } });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  return context.newPage();
}

/** A contract method of the server at `url`, called with the page's session: its result, the test failing on an error envelope. */
export async function callAt<T>(page: Page, url: string, method: string, input: unknown = {}): Promise<T> {
  const response = await page.request.post(`${url}/api/${method}`, { data: input });
  const body = (await response.json()) as { ok: boolean; result: T };
  expect(body.ok, `${method}: ${JSON.stringify(body)}`).toBe(true);
  return body.result;
}
