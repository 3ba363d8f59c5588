/**
 * USB bundles end to end, in Chromium (issue 17): a station enrolled and approved at a real hub
 * holds two documents waiting to be sent; its librarian types the drive's folder on the outbox
 * screen and presses "Chép ra USB" — the result said in words, the items then said carried; the
 * hub's official types the same folder on the moderation screen and presses "Nhận từ USB" — each
 * document said taken, both then waiting for review. Both screens in served mode on their own
 * libraries; axe and screenshots (the outbox at kiosk and phone size, moderation at kiosk size).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { Accounts } from '../../catalog/accounts/accounts.js';
import { SETTINGS, setSetting } from '../../catalog/db/settings.js';
import { saveDocuments } from '../../catalog/documents.js';
import { createFeedApp } from '../../catalog/feed/feed-server.js';
import { mountHubRoutes } from '../../catalog/hub/routes.js';
import { listen } from '../../catalog/http/server.js';
import type { RunningServer } from '../../catalog/http/server.js';
import { Library } from '../../catalog/library.js';
import { enqueue } from '../../catalog/outbox/store.js';
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
  { id: 'cv-21-ubnd-tan-lap', title: 'Công văn 21/UBND về lịch tiêm chủng mở rộng', number: '21/UBND' },
  { id: 'tb-09-ubnd-tan-lap', title: 'Thông báo 09/TB-UBND về họp dân khu 3', number: '09/TB-UBND' },
];
const RENDERER = process.env.BOOKSHELF_RENDERER_DIR ?? 'dist/renderer';

let hubLibrary: Library;
let hubServer: RunningServer;
let hubUi: RunningStation;
let stationUi: RunningStation;
let drive: string;

test.beforeAll(async () => {
  const hubDir = temp('bookshelf-e2e-usb-hub-');
  hubLibrary = await Library.open(hubDir);
  await new Accounts(hubLibrary.db).create({ username: 'chuyenvien', displayName: 'Chuyên viên Bộ', role: 'official', password: 'mat-khau-tram-chu' });
  hubServer = await listen(createFeedApp(temp('bookshelf-e2e-usb-feed-'), ['127.0.0.1'], (app) => void mountHubRoutes(app, hubLibrary)), '127.0.0.1', 0);

  const stationDir = temp('bookshelf-e2e-usb-station-');
  const station = await Library.open(stationDir);
  try {
    setSetting(station.db, SETTINGS.libraryName, 'Xã Tân Lập');
    await new Accounts(station.db).create({ username: 'thuthu', displayName: 'Thủ thư', role: 'librarian', password: 'mat-khau-thu-thu' });
    for (const [i, letter] of LETTERS.entries()) {
      const source = path.join(temp('bookshelf-e2e-usb-src-'), `${letter.id}.pdf`);
      fs.writeFileSync(source, Buffer.concat([fs.readFileSync(DEMO_PDF), Buffer.from(`\n%${i}\n`)]));
      const stored = await station.files.putFile(source);
      saveDocuments(station.db, [
        { publication: { ...letter, kind: 'legal', docType: 'Công văn', issuer: 'UBND xã Tân Lập', origin: 'local' }, files: [{ ...stored, mediaType: 'application/pdf', state: 'present', role: 'content' }] },
      ]);
    }
    await enrolApproved(station, `${hubServer.url}/`, hubLibrary, { name: 'Xã Tân Lập' });
    for (const letter of LETTERS) enqueue(station.db, letter.id);
  } finally {
    station.close();
  }
  // The link to the hub is down from here on: the drive carries the documents.
  await hubServer.close();
  drive = temp('bookshelf-e2e-usb-drive-');
  stationUi = await startStation({ libraryDir: stationDir, host: '127.0.0.1', port: 0, demo: false, rendererDir: RENDERER });
  hubUi = await startStation({ libraryDir: hubDir, host: '127.0.0.1', port: 0, demo: false, rendererDir: RENDERER });
});

test.afterAll(async () => {
  await stationUi?.close();
  await hubUi?.close();
  hubLibrary?.close();
});
const temp = tempDirs(test); // after the hook that closes the libraries kept in these folders

test.setTimeout(120_000);

test('the librarian copies the outbox to a USB drive and the hub’s official takes it in', async ({ page }) => {
  const librarian = await page.request.post(`${stationUi.server.url}/api/auth.signIn`, { data: { username: 'thuthu', password: 'mat-khau-thu-thu' } });
  expect(librarian.status()).toBe(200);
  await page.goto(`${stationUi.server.url}/#/outbox`);
  const copy = page.getByRole('region', { name: 'Chép ra USB (khi không có mạng)' });
  // The drives plugged in are offered first (none on a test machine: it says so), with a way to look again.
  const drives = copy.getByRole('group', { name: 'Các ổ đĩa đang cắm vào máy' });
  await expect(drives.getByRole('button', { name: 'Tìm lại ổ USB' })).toBeEnabled();
  await copy.getByLabel('Thư mục của USB').fill(drive);
  await copy.getByRole('button', { name: 'Chép ra USB' }).click();
  // The outbox keeps trying the unreachable hub in the background: the copy waits for its try to end.
  await expect(copy.getByText(/^Đã chép 2 tài liệu \(.+\) vào thư mục tu-sach-gui-len-.+\. Có thể rút USB\.$/)).toBeVisible({ timeout: 60_000 });
  for (const letter of LETTERS) {
    await expect(page.getByRole('listitem').filter({ hasText: letter.title }).first()).toContainText('Đã chép ra USB (gói tu-sach-gui-len-');
  }
  const box = await copy.getByRole('button', { name: 'Chép ra USB' }).boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  await audit(page, 'outbox-usb');
  await copy.scrollIntoViewIfNeeded();
  await shoot(page, 'outbox-usb', 'kiosk');
  await page.setViewportSize(SIZES.phone.viewport);
  await copy.scrollIntoViewIfNeeded();
  await shoot(page, 'outbox-usb', 'phone');
  await page.setViewportSize(SIZES.kiosk.viewport);

  const official = await page.request.post(`${hubUi.server.url}/api/auth.signIn`, { data: { username: 'chuyenvien', password: 'mat-khau-tram-chu' } });
  expect(official.status()).toBe(200);
  await page.goto(`${hubUi.server.url}/#/official/moderation`);
  await expect(page.getByText('Không có tài liệu nào ở đây.')).toBeVisible();
  const take = page.getByRole('region', { name: 'Nhận từ USB' });
  await take.getByLabel('Thư mục của USB').fill(drive);
  await take.getByRole('button', { name: 'Nhận từ USB' }).click();
  // Each file is parsed whole, as a network upload's: this takes a few seconds on a slow PC.
  await expect(take.getByText('Đã nhận 2 tài liệu, từ chối 0.')).toBeVisible({ timeout: 60_000 });
  await expect(take.getByText('Đã nhận, chờ duyệt')).toHaveCount(2);
  await expect(take.getByRole('heading', { level: 3 })).toContainText('của Xã Tân Lập');
  // The queue below reads again: both wait for review, from that station.
  for (const letter of LETTERS) await expect(page.getByRole('listitem').filter({ hasText: 'Trạm gửi: Xã Tân Lập' }).filter({ hasText: letter.title })).toBeVisible();
  await audit(page, 'moderation-usb');
  await take.scrollIntoViewIfNeeded();
  await shoot(page, 'moderation-usb', 'kiosk');

  // The same drive again takes nothing, and says why for each.
  await take.getByRole('button', { name: 'Nhận từ USB' }).click();
  await expect(take.getByText('Đã nhận 0 tài liệu, từ chối 2.')).toBeVisible({ timeout: 30_000 });
  await expect(take.getByText('Không nhận: Trạm chủ đã nhận tài liệu này rồi.')).toHaveCount(2);
});
