/**
 * What a station syncs, residents can find (issue 11), in Chromium on a station of its own: a new
 * station shows the demo set; its official adds a hub's feed on a USB folder and syncs it from the
 * sync screen; the run says the demo set was replaced, the overview says so too; a resident then
 * finds a sentence from the middle of a synced law (with its article) and a whole number opens the
 * one record of a law that was both in the demo set and in the feed. axe and screenshots.
 */
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { Accounts } from '../../catalog/accounts/accounts.js';
import { loadDemoIfEmpty } from '../../catalog/demo.js';
import { generateKeyPair, loadPrivateKey } from '../../catalog/feed/keys.js';
import { publish } from '../../catalog/feed/publish.js';
import { importFiles } from '../../catalog/import/importer.js';
import { Library } from '../../catalog/library.js';
import { startStation } from '../../catalog/station.js';
import type { RunningStation } from '../../catalog/station.js';
import { corpus, corpusMissing, corpusSkipReason } from '../helpers/corpora.js';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { audit } from './support/axe.js';
import { SIZES, shoot } from './support/screens.js';
import { tempDirs } from './support/temp-dirs.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);
test.skip(corpusMissing('pdf/vn-congbao'), corpusSkipReason('pdf/vn-congbao'));
test.use({ viewport: SIZES.kiosk.viewport });

const OFFICIAL = { username: 'canbo-xa', displayName: 'Cán bộ xã', password: 'mat-khau-can-bo-xa', role: 'official' as const };

let feedDir: string;
let publicKey: string;
let lawId: string;
let station: RunningStation;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // The hub: two gazette laws imported (their texts extracted there), published to a USB folder.
  const hub = await Library.open(temp('bookshelf-e2e-texts-hub-'));
  const imported = await importFiles(hub, ['luat-so-51-2024-qh15-43559.pdf', 'luat-so-69-2020-qh14-32699.pdf'].map((name) => corpus('pdf/vn-congbao', name)), { cover: false });
  expect(imported.refused).toEqual([]);
  lawId = imported.imported.find((item) => item.number === '69/2020/QH14')!.id;
  const keys = generateKeyPair(temp('bookshelf-e2e-texts-keys-'));
  feedDir = path.join(temp('bookshelf-e2e-texts-usb-'), 'feed');
  await publish(hub, { outDir: feedDir, privateKey: loadPrivateKey(keys.privateKeyPath) });
  hub.close();
  publicKey = fs.readFileSync(keys.publicKeyPath, 'utf8');

  // A new commune station: the demo set and its official.
  const dir = temp('bookshelf-e2e-texts-station-');
  const library = await Library.open(dir);
  await loadDemoIfEmpty(library);
  await new Accounts(library.db).create(OFFICIAL);
  library.close();
  station = await startStation({ libraryDir: dir, host: '127.0.0.1', port: 0, demo: false, rendererDir: process.env.BOOKSHELF_RENDERER_DIR ?? 'dist/renderer' });
});

test.afterAll(async () => {
  await station?.close();
});
const temp = tempDirs(test); // after the station's hook: its library is in one of these folders

test('the official syncs a USB feed; the demo set gives way; a resident finds a sentence of a synced law and opens the one record by number', async ({ page }) => {
  const url = station.server.url;
  const signIn = await page.request.post(`${url}/api/auth.signIn`, { data: { username: OFFICIAL.username, password: OFFICIAL.password } });
  expect(signIn.status()).toBe(200);
  await page.goto(`${url}/#/official`);
  await expect(page.getByTestId('overview-demo')).toContainText('Đang dùng bộ tài liệu mẫu (38 văn bản) cho tới lần đồng bộ đầu tiên.');

  await page.goto(`${url}/#/official/sync`);
  await page.getByLabel('Địa chỉ hoặc thư mục').fill(feedDir);
  await page.getByLabel('Tên gợi nhớ (không bắt buộc)').fill('USB của Sở Tư pháp');
  await page.getByLabel('Khóa công khai (PEM)').fill(publicKey);
  await page.getByRole('button', { name: 'Thêm nguồn' }).click();
  const source = page.getByTestId('sync-source').filter({ hasText: 'USB của Sở Tư pháp' });
  await source.getByRole('button', { name: 'Đồng bộ nguồn này' }).click();
  const run = page.getByTestId('sync-history').getByRole('row').nth(1);
  await expect(run).toContainText('Thành công', { timeout: 30_000 });
  await expect(run).toContainText('Bộ tài liệu mẫu đã được thay bằng danh mục quốc gia: 1 văn bản gộp vào bản đồng bộ, 37 văn bản mẫu được gỡ');
  await expect(run).not.toContainText('The demo set was replaced'); // the screen's language only
  await audit(page, 'sync after the first feed');
  await shoot(page, 'sync-first-feed', 'kiosk');

  await page.goto(`${url}/#/official`);
  await expect(page.getByTestId('overview-demo')).toContainText(/Bộ tài liệu mẫu đã được thay bằng danh mục quốc gia ngày .*: 1 văn bản gộp vào bản đồng bộ, 37 văn bản mẫu được gỡ\./);
  await shoot(page, 'overview-demo-retired', 'kiosk');

  // A resident at the kiosk: a sentence from inside Luật 51/2024/QH15, without accents.
  await page.goto(`${url}/?kiosk=1`);
  const input = page.getByTestId('search-input').first();
  await input.fill('muc tham chieu la muc tien do chinh phu quyet dinh');
  await input.press('Enter');
  const hit = page.getByTestId('search-hit').filter({ hasText: 'Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế' });
  await expect(hit).toContainText('Điều 1');
  await expect(hit).toContainText('Mức tham chiếu là mức tiền do Chính phủ quyết định');
  await audit(page, 'results from a synced text');
  await shoot(page, 'results-synced-text', 'kiosk');

  // A whole number opens the law at once: the demo's copy merged into the synced record.
  await page.goto(`${url}/?kiosk=1`);
  await page.getByTestId('search-input').first().fill('69/2020/QH14');
  await page.getByTestId('search-input').first().press('Enter');
  await expect(page.getByTestId('publication-title')).toContainText('Người lao động Việt Nam đi làm việc ở nước ngoài');
  const found = (await (await page.request.post(`${url}/api/search`, { data: { q: '69/2020/QH14', limit: 5 } })).json()) as {
    result: { items: { matchedBy: string; publication: { id: string } }[] };
  };
  expect(found.result.items.filter((item) => item.matchedBy === 'number').map((item) => item.publication.id)).toEqual([lawId]);
});
