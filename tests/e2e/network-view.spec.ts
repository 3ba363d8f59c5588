/**
 * The hub's view of its network in Chromium (issue 17): a real hub on 127.0.0.1 publishes its
 * feed twice; three commune stations enrol and are approved, two sync (one before the second
 * publish, one after) and all three report their use signed, as their outbox does. The hub's
 * "Sử dụng toàn mạng" screen shows per station and per province the reported totals, stations
 * reporting, the feed cursor beside the hub's publish ("chậm 1 bản"); the period changes them;
 * the CSV from its button holds the same totals. Then 120 generated stations more: the stations
 * screen shows 50, then more, says how many of how many, filters by province and finds a name
 * typed without diacritics. axe on each screen; screenshots at the kiosk's size and a phone's
 * (the tables scroll inside their box, the page does not).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { saveDocuments } from '../../catalog/documents.js';
import { generateKeyPair, loadPrivateKey } from '../../catalog/feed/keys.js';
import { publish } from '../../catalog/feed/publish.js';
import { Library } from '../../catalog/library.js';
import { OutboxService } from '../../catalog/outbox/service.js';
import { localDay } from '../../catalog/reads.js';
import { syncOnce } from '../../catalog/sync/apply.js';
import { HttpSource } from '../../catalog/sync/source.js';
import { addSource } from '../../catalog/sync/sources.js';
import { countUsage } from '../../catalog/usage.js';
import { enrolApproved } from '../helpers/enrolled-station.js';
import { generateStations } from '../helpers/generated-stations.js';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { audit } from './support/axe.js';
import { HUB_OFFICIAL, officialPage, startHub } from './support/enrolment-ends.js';
import type { RunningHub } from './support/enrolment-ends.js';
import { SIZES, shoot } from './support/screens.js';
import { tempDirs } from './support/temp-dirs.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);
test.describe.configure({ mode: 'serial' });

const AN_BINH = { name: 'Điểm truy cập pháp luật xã An Bình', commune: 'Xã An Bình', province: 'Tỉnh Phú Thọ' };
const TAN_DAN = { name: 'Điểm truy cập pháp luật phường Tân Dân', commune: 'Phường Tân Dân', province: 'Tỉnh Phú Thọ' };
const YEN_LAC = { name: 'Điểm truy cập pháp luật xã Yên Lạc', commune: 'Xã Yên Lạc', province: 'Thành phố Hà Nội' };
const YEAR = new Date().getFullYear();
/** A day of last year a station still sends (its report carries its last 400 days). */
const LAST_YEAR = new Date(YEAR - 1, 11, 1, 10);

let hub: RunningHub;
let hubDir: string;
const stations: Library[] = [];
let page: Page;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  hubDir = temp('bookshelf-e2e-network-hub-');
  hub = await startHub(hubDir);
  const keys = generateKeyPair(temp('bookshelf-e2e-network-keys-'));
  const feedDir = path.join(hubDir, 'feed');
  /** A law added at the hub, then published: the feed's next sequence. */
  const publishLaw = async (id: string, title: string) => {
    const source = path.join(temp('bookshelf-e2e-network-law-'), `${id}.pdf`);
    fs.writeFileSync(source, `%PDF-1.4 ${title}`);
    const stored = await hub.library.files.putFile(source);
    saveDocuments(hub.library.db, [{ publication: { id, kind: 'legal', title, fields: ['Đất đai'] }, files: [{ ...stored, mediaType: 'application/pdf', state: 'present', role: 'content' }] }]);
    await publish(hub.library, { outDir: feedDir, privateKey: loadPrivateKey(keys.privateKeyPath) });
  };
  const enrolled = async (places: typeof AN_BINH) => {
    const library = await Library.open(temp('bookshelf-e2e-network-station-'));
    stations.push(library);
    await enrolApproved(library, hub.stationsUrl, hub.library, places);
    return library;
  };
  const syncs = async (library: Library) => {
    const source = addSource(library, { location: hub.stationsUrl, publicKeys: [fs.readFileSync(keys.publicKeyPath, 'utf8')] });
    expect(await syncOnce(library, source, new HttpSource(hub.stationsUrl))).toMatchObject({ status: 'applied' });
  };
  const anBinh = await enrolled(AN_BINH);
  const tanDan = await enrolled(TAN_DAN);
  const yenLac = await enrolled(YEN_LAC);
  await publishLaw('luat-hoa-giai', 'Luật Hòa giải ở cơ sở');
  await syncs(anBinh);
  await publishLaw('luat-dat-dai', 'Luật Đất đai');
  await syncs(tanDan);
  const today = new Date();
  countUsage(anBinh.db, 'search', 3, today);
  countUsage(anBinh.db, 'page_printed', 2, today);
  countUsage(anBinh.db, 'kiosk_session', 1, today);
  countUsage(tanDan.db, 'search', 5, today);
  countUsage(tanDan.db, 'search', 100, LAST_YEAR);
  countUsage(yenLac.db, 'search', 7, today);
  countUsage(yenLac.db, 'page_printed', 4, today);
  for (const library of stations) {
    const outbox = new OutboxService(library, { background: false });
    try {
      expect(await outbox.runOnce()).toMatchObject({ usageSent: true });
    } finally {
      outbox.dispose();
    }
  }
  page = await officialPage(browser, hub.ui.server.url, HUB_OFFICIAL);
});

test.afterAll(async () => {
  await page?.context().close();
  for (const library of stations) library.close();
  await hub?.close();
});
const temp = tempDirs(test); // after the hook that closes the libraries kept in these folders

/** A table's row by its first cell's words: the texts of its other cells. */
const cellsOf = (table: Locator, name: string) => table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name, exact: true }) }).getByRole('cell').allInnerTexts();

/** A CSV line's cells, quotes undone ("Xã, phường" is quoted). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  return [...cells, cell];
}

/** The CSV a download button saves: its lines, each split into cells. */
async function downloadedCsv(button: Locator): Promise<string[][]> {
  const [download] = await Promise.all([button.page().waitForEvent('download'), button.click()]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  expect(text.startsWith('\uFEFF'), 'a byte order mark for Excel').toBe(true);
  return text
    .slice(1)
    .split('\r\n')
    .map(csvCells);
}

test('the network’s use per station and per province, over a period, and the CSV with the same totals', async () => {
  const url = hub.ui.server.url;
  const table = page.getByTestId('network-table');

  await test.step('per station this year: reporting, last report, the cursor beside the hub’s publish, the counters, the totals', async () => {
    await page.goto(`${url}/#/official`);
    await page.getByRole('navigation', { name: 'Các trang quản trị' }).getByRole('link', { name: 'Sử dụng toàn mạng' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sử dụng toàn mạng' })).toBeVisible();
    await expect(page.getByLabel('Từ ngày')).toHaveValue(`01/01/${YEAR}`);
    await expect(page.getByLabel('Đến ngày')).toHaveValue(`31/12/${YEAR}`);
    await expect(page.getByTestId('network-summary')).toHaveText(`Kỳ từ 01/01/${YEAR} đến 31/12/${YEAR}. Trạm chủ đã phát hành tới bản số 2.`);
    await expect(table.getByRole('columnheader')).toHaveText([
      'Trạm',
      'Xã, phường — tỉnh, thành',
      'Trạm có số liệu',
      'Báo cáo gần nhất',
      'Đồng bộ',
      'Lượt mở tài liệu',
      'Lượt tìm kiếm',
      'Phiên tại kiosk',
      'Trang đã in',
    ]);
    // Hà Nội before Phú Thọ; in a province by commune ("Phường…" before "Xã…").
    await expect(table.locator('tbody th')).toHaveText([YEN_LAC.name, TAN_DAN.name, AN_BINH.name]);
    const anBinh = await cellsOf(table, AN_BINH.name);
    expect(anBinh[0]).toBe('Xã An Bình — Tỉnh Phú Thọ');
    expect(anBinh[1]).toBe('1 / 1');
    expect(anBinh[2]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(anBinh.slice(3)).toEqual(['Bản số 1, chậm 1 bản', '0', '3', '1', '2']);
    expect((await cellsOf(table, TAN_DAN.name)).slice(3)).toEqual(['Bản số 2, mới nhất', '0', '5', '0', '0']);
    expect((await cellsOf(table, YEN_LAC.name)).slice(3)).toEqual(['Chưa rõ', '0', '7', '0', '4']);
    const totals = await page.getByTestId('network-totals').getByRole('cell').allInnerTexts();
    expect(totals[1]).toBe('3 / 3');
    expect(totals.slice(4)).toEqual(['0', '15', '1', '6']);
    await expect(page.getByTestId('network-rows')).toHaveText('Dòng 1–3 trên 3');
    await audit(page, 'network use (per station)');
    await page.getByRole('heading', { level: 2, name: 'Số liệu sử dụng của từng trạm' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await shoot(page, 'hub-network-stations', 'kiosk');
  });

  await test.step('per province: the stations of each summed, the cursor of the one furthest behind', async () => {
    await page.getByRole('radio', { name: 'Tỉnh, thành phố' }).check();
    await expect(table.locator('tbody th')).toHaveText(['Thành phố Hà Nội', 'Tỉnh Phú Thọ']);
    expect(await cellsOf(table, 'Tỉnh Phú Thọ')).toEqual(['2 / 2', expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/), 'Bản số 1, chậm 1 bản', '0', '8', '1', '2']);
    expect((await cellsOf(table, 'Thành phố Hà Nội')).slice(2)).toEqual(['Chưa rõ', '0', '7', '0', '4']);
    await expect(table.getByRole('columnheader').nth(3)).toHaveText('Đồng bộ (trạm chậm nhất)');
    await audit(page, 'network use (per province)');
    await page.getByRole('heading', { level: 2, name: 'Số liệu sử dụng theo tỉnh, thành phố' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await shoot(page, 'hub-network-provinces', 'kiosk');
  });

  await test.step('last year: only what was counted then', async () => {
    await page.getByRole('button', { name: 'Năm trước' }).click();
    await expect(page.getByTestId('network-summary')).toContainText(`Kỳ từ 01/01/${YEAR - 1} đến 31/12/${YEAR - 1}.`);
    await expect(table.getByRole('columnheader')).toHaveText(['Tỉnh, thành phố', 'Trạm có số liệu', 'Báo cáo gần nhất', 'Đồng bộ (trạm chậm nhất)', 'Lượt mở tài liệu', 'Lượt tìm kiếm', 'Trang đã in']);
    expect(await cellsOf(table, 'Tỉnh Phú Thọ')).toEqual(['1 / 2', expect.stringMatching(/\d{2}\/\d{2}\/\d{4}/), 'Bản số 1, chậm 1 bản', '0', '100', '0']);
    expect(await cellsOf(table, 'Thành phố Hà Nội')).toEqual(['0 / 1', expect.any(String), 'Chưa rõ', '0', '0', '0']);
    await page.getByRole('radio', { name: 'Từng trạm' }).check();
    await expect(table.locator('tbody th')).toHaveText([YEN_LAC.name, TAN_DAN.name, AN_BINH.name]);
    expect((await cellsOf(table, TAN_DAN.name)).slice(4)).toEqual(['0', '100', '0']);
    // A period typed by hand, day/month/year: today alone.
    const today = localDay(new Date()).split('-').reverse().join('/');
    await page.getByLabel('Từ ngày').fill(today);
    await page.getByLabel('Đến ngày').fill(today);
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await expect(page.getByTestId('network-summary')).toContainText(`Kỳ từ ${today} đến ${today}.`);
    expect((await page.getByTestId('network-totals').getByRole('cell').allInnerTexts()).slice(4)).toEqual(['0', '15', '1', '6']);
    await page.getByRole('button', { name: 'Năm nay' }).click();
    await expect(page.getByTestId('network-summary')).toContainText(`Kỳ từ 01/01/${YEAR}`);
  });

  await test.step('the CSV from the button holds the totals the table shows', async () => {
    const lines = await downloadedCsv(page.getByTestId('download-csv'));
    await expect(page.getByRole('status').filter({ hasText: 'Đã tải' })).toContainText(`bao-cao-mang-luoi-${YEAR}-01-01-${YEAR}-12-31.csv`);
    const head = lines.findIndex((cells) => cells[0] === 'Trạm' && cells[1] === 'Xã, phường');
    expect(head, 'the table of stations').toBeGreaterThan(0);
    const column = (name: string) => lines[head].indexOf(name);
    const row = (name: string) => lines.find((cells) => cells[0] === name) ?? [];
    for (const [station, search, printed] of [
      [AN_BINH.name, '3', '2'],
      [TAN_DAN.name, '5', '0'],
      [YEN_LAC.name, '7', '4'],
    ]) {
      expect([row(station)[column('Tìm kiếm')], row(station)[column('Trang in')]], station).toEqual([search, printed]);
    }
    const provinceHead = lines.findIndex((cells) => cells[0] === 'Tỉnh, thành phố');
    expect(lines[provinceHead + 2].slice(0, 3)).toEqual(['Tỉnh Phú Thọ', '2', '2']);
  });

  await test.step('on a phone the table scrolls inside its box, not the page', async () => {
    await page.setViewportSize(SIZES.phone.viewport);
    await table.scrollIntoViewIfNeeded();
    await shoot(page, 'hub-network-stations', 'phone');
    const box = page.getByRole('group', { name: 'Số liệu sử dụng của từng trạm' });
    expect(await box.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    await page.setViewportSize(SIZES.kiosk.viewport);
  });
});

test('the stations page: 50 of 123, then more; a province; a search without diacritics', async () => {
  generateStations(hub.library.db, 120);
  const url = hub.ui.server.url;
  const shown = page.getByTestId('stations-shown');
  const stationRows = () => page.locator('[data-testid$="-stations"] tbody tr, [data-testid="pending-station"]');

  await page.goto(`${url}/#/official/stations`);
  await expect(shown).toHaveText('Đang hiện 50 trên 123 trạm');
  await expect(stationRows()).toHaveCount(50);
  // Pending first (12 of the generated), then approved (84 generated, the 3 real ones), refused, revoked: the counts of every page.
  await expect(page.getByTestId('group-pending').getByRole('heading', { level: 2 })).toHaveText('Đang chờ duyệt (12)');
  await expect(page.getByTestId('group-approved').getByRole('heading', { level: 2 })).toHaveText('Đã chấp nhận (87)');
  await expect(page.getByRole('radio', { name: 'Đã từ chối (16)' })).toBeVisible();
  await expect(page.getByTestId('group-refused')).toHaveCount(0);
  await audit(page, 'hub stations (a page of 123)');
  await shoot(page, 'hub-stations-paged', 'kiosk');

  await page.getByRole('button', { name: 'Xem thêm 50 trạm' }).click();
  await expect(shown).toHaveText('Đang hiện 100 trên 123 trạm');
  await page.getByRole('button', { name: 'Xem thêm 23 trạm' }).scrollIntoViewIfNeeded();
  await shoot(page, 'hub-stations-more', 'kiosk');
  await page.getByRole('button', { name: 'Xem thêm 23 trạm' }).click();
  await expect(shown).toHaveText('Đang hiện 123 trên 123 trạm');
  await expect(stationRows()).toHaveCount(123);
  await expect(page.getByRole('button', { name: /^Xem thêm/ })).toHaveCount(0);
  await expect(page.getByTestId('approved-stations').getByRole('row').filter({ hasText: AN_BINH.name })).toBeVisible();

  // One province (the generated stations 2, 36, 70 and 104: one pending, one revoked), chosen by its name with its count.
  await page.getByLabel('Lọc theo tỉnh, thành phố').selectOption({ label: 'Tỉnh Lai Châu (4)' });
  await expect(shown).toHaveText('Đang hiện 4 trên 4 trạm');
  await expect(stationRows()).toHaveCount(4);
  for (const text of await stationRows().allInnerTexts()) expect(text).toContain('Tỉnh Lai Châu');
  await expect(page.getByRole('radio', { name: 'Đã thu hồi (1)' })).toBeVisible();

  // Typed without diacritics, in every province: the 11 "Hòa Bình" stations (0, 11, … 110), found as one types.
  await page.getByLabel('Lọc theo tỉnh, thành phố').selectOption('');
  await page.getByLabel('Tìm theo tên trạm hoặc xã, phường').fill('hoa binh');
  await expect(shown).toHaveText('Đang hiện 11 trên 11 trạm');
  const names = await page.locator('[data-testid$="-stations"] tbody th, [data-testid="pending-station"] h3').allInnerTexts();
  expect(names).toHaveLength(11);
  for (const name of names) expect(name).toContain('Hòa Bình');
  await page.getByLabel('Tìm theo tên trạm hoặc xã, phường').fill('khong co xa nay');
  await expect(page.getByText('Không có trạm nào khớp với tình trạng, tỉnh, thành phố và từ tìm đã chọn.')).toBeVisible();
  await page.getByLabel('Tìm theo tên trạm hoặc xã, phường').fill('an binh');
  await expect(shown).toHaveText('Đang hiện 1 trên 1 trạm');
  await audit(page, 'hub stations (searched)');

  await page.getByLabel('Tìm theo tên trạm hoặc xã, phường').fill('');
  await expect(shown).toHaveText('Đang hiện 50 trên 123 trạm');
  await page.setViewportSize(SIZES.phone.viewport);
  await page.getByLabel('Tìm theo tên trạm hoặc xã, phường').scrollIntoViewIfNeeded();
  await shoot(page, 'hub-stations-paged', 'phone');
  await page.setViewportSize(SIZES.kiosk.viewport);
});
