/**
 * Moderation at a hub, in Chromium: a station sends two documents of its own to a real hub over
 * tus (the outbox service, as in production); then the hub's official opens the hub's library in
 * served mode, signs in, approves one (it enters the hub's bookshelf) and rejects the other with
 * a reason (the station reads it on its next poll). axe and a screenshot of the screen.
 */
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { Accounts } from '../../catalog/accounts/accounts.js';
import { SETTINGS, setSetting } from '../../catalog/db/settings.js';
import { saveDocuments } from '../../catalog/documents.js';
import { createFeedApp } from '../../catalog/feed/feed-server.js';
import { mountHubRoutes } from '../../catalog/hub/routes.js';
import { listen } from '../../catalog/http/server.js';
import type { RunningServer } from '../../catalog/http/server.js';
import { Library } from '../../catalog/library.js';
import { OutboxService } from '../../catalog/outbox/service.js';
import { enqueue } from '../../catalog/outbox/store.js';
import { getPublication } from '../../catalog/publications.js';
import { startStation } from '../../catalog/station.js';
import type { RunningStation } from '../../catalog/station.js';
import { enrolApproved } from '../helpers/enrolled-station.js';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { audit } from './support/axe.js';
import { SIZES, shoot } from './support/screens.js';
import { tempDirs } from './support/temp-dirs.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);
test.use({ viewport: SIZES.kiosk.viewport });

const DEMO_PDF = path.resolve('catalog/demo/quyet-dinh-so-28-2021-qd-ttg-34546.pdf');

const LETTERS = [
  { id: 'cv-12-ubnd-hoa-binh', title: 'Công văn 12/UBND về lịch tiếp công dân', number: '12/UBND' },
  { id: 'tb-05-ubnd-hoa-binh', title: 'Thông báo 05/TB-UBND về thu gom rác', number: '05/TB-UBND' },
];

let hubDir: string;
let hubLibrary: Library;
let hubServer: RunningServer;
let station: Library;
let outbox: OutboxService;
let hubUi: RunningStation;

test.beforeAll(async () => {
  hubDir = temp('bookshelf-e2e-hub-');
  hubLibrary = await Library.open(hubDir);
  await new Accounts(hubLibrary.db).create({ username: 'chuyenvien', displayName: 'Chuyên viên Bộ', role: 'official', password: 'mat-khau-tram-chu' });
  hubServer = await listen(createFeedApp(temp('bookshelf-e2e-feed-'), ['127.0.0.1'], (app) => void mountHubRoutes(app, hubLibrary)), '127.0.0.1', 0);

  station = await Library.open(temp('bookshelf-e2e-sender-'));
  setSetting(station.db, SETTINGS.libraryName, 'Xã Hòa Bình');
  for (const [i, letter] of LETTERS.entries()) {
    // Two distinct files: the demo PDF, and the same bytes with a comment appended.
    const source = path.join(temp('bookshelf-e2e-src-'), `${letter.id}.pdf`);
    fs.writeFileSync(source, Buffer.concat([fs.readFileSync(DEMO_PDF), Buffer.from(`\n%${i}\n`)]));
    const stored = await station.files.putFile(source);
    saveDocuments(station.db, [
      {
        publication: { ...letter, kind: 'legal', docType: 'Công văn', issuer: 'UBND xã Hòa Bình', fields: ['Hành chính'], origin: 'local' },
        files: [{ ...stored, mediaType: 'application/pdf', state: 'present', role: 'content' }],
      },
    ]);
  }
  // Enrolled and approved first: a hub takes uploads only from the stations it approved (issue 17).
  await enrolApproved(station, `${hubServer.url}/`, hubLibrary, { name: 'Xã Hòa Bình' });
  for (const letter of LETTERS) enqueue(station.db, letter.id);
  outbox = new OutboxService(station, { background: false, retryDelays: [0], backoffMs: () => 0 });
  expect(await outbox.runOnce()).toMatchObject({ sent: 2 });
  // The hub's official works on the hub's own library, in served mode.
  hubUi = await startStation({ libraryDir: hubDir, host: '127.0.0.1', port: 0, demo: false, rendererDir: process.env.BOOKSHELF_RENDERER_DIR ?? 'dist/renderer' });
});

test.afterAll(async () => {
  await hubUi?.close();
  await outbox?.dispose();
  await hubServer?.close();
  station?.close();
  hubLibrary?.close();
});
const temp = tempDirs(test); // after the hook that closes the libraries kept in these folders

test('the hub’s official approves one upload and rejects the other with a reason the station reads', async ({ page }) => {
  const signIn = await page.request.post(`${hubUi.server.url}/api/auth.signIn`, { data: { username: 'chuyenvien', password: 'mat-khau-tram-chu' } });
  expect(signIn.status()).toBe(200);
  await page.goto(`${hubUi.server.url}/#/official/moderation`);
  await expect(page.getByRole('heading', { level: 1, name: 'Duyệt tài liệu các trạm gửi lên' })).toBeVisible();
  const first = page.getByRole('listitem').filter({ hasText: LETTERS[0].title });
  const second = page.getByRole('listitem').filter({ hasText: LETTERS[1].title });
  await expect(first).toContainText('Trạm gửi: Xã Hòa Bình');
  await expect(second).toBeVisible();
  await audit(page, 'moderation');
  await shoot(page, 'hub-moderation', 'kiosk');

  await first.getByRole('button', { name: 'Duyệt, đưa vào tủ sách' }).click();
  await expect(first).toHaveCount(0); // gone from the pending list
  await second.getByRole('button', { name: 'Từ chối' }).click();
  await second.getByLabel('Lý do từ chối (trạm gửi sẽ đọc được)').fill('Bản quét mờ, xin quét lại ở 300 dpi.');
  await second.getByRole('button', { name: 'Gửi lời từ chối' }).click();
  await expect(page.getByText('Không có tài liệu nào ở đây.')).toBeVisible();

  await page.getByLabel('Tất cả').check();
  await expect(page.getByText('Lý do từ chối: Bản quét mờ, xin quét lại ở 300 dpi.')).toBeVisible();
  expect(getPublication(hubLibrary.db, LETTERS[0].id)).toMatchObject({ title: LETTERS[0].title, origin: 'national' });
  expect(getPublication(hubLibrary.db, LETTERS[1].id)).toBeNull();

  expect(await outbox.runOnce()).toMatchObject({ decided: 2 });
  const items = outbox.list();
  expect(items.find((item) => item.publicationId === LETTERS[0].id)).toMatchObject({ state: 'accepted' });
  expect(items.find((item) => item.publicationId === LETTERS[1].id)).toMatchObject({ state: 'rejected', reason: { key: 'message.written', params: { text: 'Bản quét mờ, xin quét lại ở 300 dpi.' } } });
});
