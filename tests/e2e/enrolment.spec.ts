/**
 * Enrolment, both ends, in Chromium (issue 17): a real hub (its routes for stations and its
 * officials' screens) and a real commune station, over HTTP on 127.0.0.1. The station's outbox
 * holds its letter because it is not enrolled and points to the enrolment page; its official asks
 * to enrol there; the hub's official sees the request pending with the same key fingerprint,
 * filters by province, refuses another station and approves this one; "Check again" at the
 * station says approved and the letter goes up; the hub revokes it, which drops the letter, and
 * the station then says revoked. axe on both pages; screenshots at the kiosk's size for both and
 * at a phone's for the station's.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { listModeration } from '../../catalog/hub/moderation.js';
import { listStations } from '../../catalog/hub/station-list.js';
import { Library } from '../../catalog/library.js';
import type { RunningStation } from '../../catalog/station.js';
import type { Enrolment } from '../../shared/contract/stations.js';
import type { OutboxItem } from '../../shared/outbox.js';
import { askToEnrol } from '../helpers/enrolled-station.js';
import { CHROMIUM_SKIP_REASON, chromiumMissing } from './chromium.js';
import { audit } from './support/axe.js';
import { HUB_OFFICIAL, OWN_LETTER, callAt, officialPage, startCommuneStation, startHub } from './support/enrolment-ends.js';
import type { RunningHub } from './support/enrolment-ends.js';
import { RELATIONS_OFFICIAL } from './support/relations-stations.js';
import { SIZES, shoot } from './support/screens.js';
import { tempDirs } from './support/temp-dirs.js';

test.skip(chromiumMissing, CHROMIUM_SKIP_REASON);

const PLACES = { name: 'Điểm truy cập pháp luật xã Hòa Bình', commune: 'Xã Hòa Bình', province: 'Tỉnh Phú Thọ' };
const OTHER = { name: 'Điểm truy cập pháp luật phường Ba Đình', commune: 'Phường Ba Đình', province: 'Thành phố Hà Nội' };
const DATE_TIME = /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/;

let hub: RunningHub;
let station: RunningStation;
let other: Library;
/** The officials' pages, each in a browser context of its own. */
const pages: Page[] = [];

test.beforeAll(async () => {
  hub = await startHub(temp('bookshelf-e2e-enrol-hub-'));
  station = await startCommuneStation(temp('bookshelf-e2e-enrol-station-'));
  other = await Library.open(temp('bookshelf-e2e-enrol-other-'));
});

test.afterAll(async () => {
  // The officials' browser contexts first: their open connections would hold the servers' close.
  await Promise.all(pages.map((page) => page.context().close()));
  await station?.close();
  await hub?.close();
  other?.close();
});
const temp = tempDirs(test); // after the hook that closes the libraries kept in these folders

/** On a phone the menu fills the first screen: the shot starts at the enrolment's state. */
const showState = (page: Page) => page.getByRole('heading', { level: 2, name: 'Tình trạng đăng ký' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
/** A fingerprint as a page shows it (groups of 4, spaced). */
const shownFingerprint = (where: Locator) => where.innerText().then((text) => text.replace(/\s+/g, ' ').trim());

test('a station asks to enrol, the hub approves it by its fingerprint, then revokes it; the station sees each answer', async ({ browser }) => {
  test.setTimeout(120_000);
  const stationUrl = station.server.url;
  const atStation = await officialPage(browser, stationUrl, RELATIONS_OFFICIAL);
  const atHub = await officialPage(browser, hub.ui.server.url, HUB_OFFICIAL);
  pages.push(atStation, atHub);

  await test.step('before any request, the hub’s stations page says none asked', async () => {
    await atHub.goto(`${hub.ui.server.url}/#/official/stations`);
    await expect(atHub.getByText('Chưa có trạm nào xin đăng ký với trạm chủ này.')).toBeVisible();
  });

  await test.step('the outbox holds the letter because the station is not enrolled, and leads to the enrolment page', async () => {
    // The hub's address came with the station's setup (as a sync source would give it); the letter waits for the hub.
    await callAt(atStation, stationUrl, 'outbox.updateSettings', { hubUrl: hub.stationsUrl });
    await callAt(atStation, stationUrl, 'outbox.enqueue', { publicationId: OWN_LETTER.publication.id });
    await expect
      .poll(async () => (await callAt<OutboxItem[]>(atStation, stationUrl, 'outbox.list'))[0]?.reason?.key, { message: 'the outbox says the station is not enrolled' })
      .toBe('enrolment.notEnrolled');
    await atStation.goto(`${stationUrl}/#/outbox`);
    const item = atStation.getByRole('listitem').filter({ hasText: OWN_LETTER.publication.title });
    await expect(item).toContainText('Trạm chưa đăng ký với trạm chủ');
    await item.getByRole('link', { name: 'Đăng ký trạm với trạm chủ (việc của cán bộ)' }).click();
    await expect(atStation.getByRole('heading', { level: 1, name: 'Đăng ký với trạm chủ' })).toBeVisible();
    await expect(atStation.getByTestId('enrolment-state')).toHaveText('Chưa đăng ký');
    // A commune station's menu has no hub's pages.
    await expect(atStation.getByRole('navigation', { name: 'Các trang quản trị' }).getByRole('link', { name: 'Trạm xã' })).toHaveCount(0);
  });

  let fingerprint = '';
  await test.step('the station’s official fills the form (the app’s words for a missing box) and sends the request', async () => {
    const form = atStation.getByTestId('enrolment-form');
    await expect(form.getByLabel('Địa chỉ trạm chủ')).toHaveValue(hub.stationsUrl);
    await form.getByLabel('Tên trạm').fill('   ');
    await form.getByLabel('Xã, phường hoặc đặc khu').fill(PLACES.commune);
    await form.getByRole('button', { name: 'Gửi yêu cầu đăng ký' }).click();
    // Spaces only and an empty box are both refused in Vietnamese, and nothing reaches the hub.
    expect(await form.getByLabel('Tên trạm').evaluate((input: HTMLInputElement) => input.validationMessage)).toBe('Hãy điền vào ô này.');
    await form.getByLabel('Tên trạm').fill(PLACES.name);
    await form.getByRole('button', { name: 'Gửi yêu cầu đăng ký' }).click();
    expect(await form.getByLabel('Tỉnh hoặc thành phố').evaluate((input: HTMLInputElement) => input.validationMessage)).toBe('Hãy điền vào ô này.');
    expect(listStations(hub.library).stations).toEqual([]);

    await form.getByLabel('Tỉnh hoặc thành phố').fill(PLACES.province);
    await form.getByRole('button', { name: 'Gửi yêu cầu đăng ký' }).click();
    await expect(atStation.getByRole('status').filter({ hasText: 'Đã gửi yêu cầu.' })).toHaveText('Đã gửi yêu cầu. Trạm chủ trả lời: Đang chờ trạm chủ duyệt.');
    await expect(atStation.getByTestId('enrolment-state')).toHaveText('Đang chờ trạm chủ duyệt');
    await expect(atStation.getByText('Gửi yêu cầu lúc')).toBeVisible();
    await expect(atStation.locator('.official-facts')).toContainText(DATE_TIME);
    // The fingerprint on screen is the station's key's, in 16 groups of 4.
    const enrolment = await callAt<Enrolment>(atStation, stationUrl, 'enrolment.get');
    fingerprint = await shownFingerprint(atStation.getByTestId('station-fingerprint'));
    expect(fingerprint).toBe(enrolment.fingerprint.toUpperCase().match(/.{4}/g)?.join(' '));
    expect(fingerprint.split(' ')).toHaveLength(16);
    await audit(atStation, 'station enrolment (pending)');
    await atStation.evaluate(() => window.scrollTo(0, 0));
    await shoot(atStation, 'station-enrolment-pending', 'kiosk');
    await atStation.setViewportSize(SIZES.phone.viewport);
    await showState(atStation);
    await shoot(atStation, 'station-enrolment-pending', 'phone');
    await atStation.setViewportSize(SIZES.kiosk.viewport);

    // The overview says so too, with the way to this page.
    await atStation.goto(`${stationUrl}/#/official`);
    await expect(atStation.getByTestId('enrolment-notice')).toContainText('Trạm chưa được trạm chủ chấp nhận (Đang chờ trạm chủ duyệt)');
    await expect(atStation.getByTestId('enrolment-notice').getByRole('link', { name: 'Xem đăng ký với trạm chủ' })).toHaveAttribute('href', '#/official/enrolment');
  });

  // Another commune asks too, from another province.
  await askToEnrol(other, hub.stationsUrl, OTHER);

  await test.step('the hub’s official sees the request pending with the same fingerprint, filters by province, refuses the other and approves this one', async () => {
    await atHub.goto(`${hub.ui.server.url}/#/official`);
    await atHub.getByRole('navigation', { name: 'Các trang quản trị' }).getByRole('link', { name: 'Trạm xã' }).click();
    await expect(atHub.getByRole('heading', { level: 1, name: 'Trạm xã' })).toBeVisible();
    const pending = atHub.getByTestId('group-pending');
    await expect(pending.getByRole('heading', { level: 2 })).toHaveText('Đang chờ duyệt (2)');
    const card = pending.getByRole('listitem').filter({ hasText: PLACES.name });
    await expect(card).toContainText(PLACES.commune);
    await expect(card).toContainText(PLACES.province);
    await expect(card).toContainText(DATE_TIME);
    expect(await shownFingerprint(card.getByTestId('hub-fingerprint'))).toBe(fingerprint);
    await audit(atHub, 'hub stations (pending)');
    await shoot(atHub, 'hub-stations-pending', 'kiosk');

    await atHub.getByLabel('Lọc theo tỉnh, thành phố').selectOption(PLACES.province);
    await expect(pending.getByRole('listitem')).toHaveCount(1);
    await expect(pending).toContainText(PLACES.name);
    await atHub.getByLabel('Lọc theo tỉnh, thành phố').selectOption(OTHER.province);
    await atHub.getByRole('button', { name: `Từ chối trạm ${OTHER.name}` }).click();
    await expect(atHub.getByTestId('stations-said')).toHaveText(`Đã từ chối trạm “${OTHER.name}”; trạm có thể xin đăng ký lại.`);
    await expect(atHub.getByTestId('stations-said')).toBeFocused();
    await expect(atHub.getByTestId('refused-stations')).toContainText(OTHER.name);
    await expect(atHub.getByTestId('group-pending')).toHaveCount(0);

    await atHub.getByLabel('Lọc theo tỉnh, thành phố').selectOption('');
    await atHub.getByRole('button', { name: `Chấp nhận trạm ${PLACES.name}` }).click();
    await expect(atHub.getByTestId('stations-said')).toHaveText(`Đã chấp nhận trạm “${PLACES.name}”.`);
    await expect(atHub.getByTestId('approved-stations').getByRole('row').filter({ hasText: PLACES.name })).toBeVisible();
    expect(Object.fromEntries(listStations(hub.library).stations.map((one) => [one.name, one.state]))).toEqual({ [PLACES.name]: 'approved', [OTHER.name]: 'refused' });
  });

  await test.step('“Check again” at the station says approved, and the letter goes up to the hub', async () => {
    await atStation.goto(`${stationUrl}/#/official/enrolment`);
    await atStation.getByRole('button', { name: 'Kiểm tra lại' }).click();
    await expect(atStation.getByTestId('enrolment-state')).toHaveText('Đã được chấp nhận');
    await expect(atStation.getByTestId('enrolment-said')).toContainText('Đã được chấp nhận.');
    await expect(atStation.getByTestId('enrolment-form')).toHaveCount(0);
    await expect
      .poll(async () => (await callAt<OutboxItem[]>(atStation, stationUrl, 'outbox.list'))[0]?.state, { message: 'the station sends its letter', timeout: 15_000 })
      .toBe('sent');
    await expect.poll(() => listModeration(hub.library, 'pending').map((upload) => upload.publicationId), { message: 'the letter reaches the hub', timeout: 15_000 }).toEqual([OWN_LETTER.publication.id]);
  });

  await test.step('the hub revokes the station, asked first; its waiting letter is dropped and the page says so', async () => {
    await atHub.getByRole('button', { name: 'Tải lại danh sách' }).click();
    await atHub.getByRole('radio', { name: 'Đã chấp nhận (1)' }).check();
    const row = atHub.getByTestId('approved-stations').getByRole('row').filter({ hasText: PLACES.name });
    await expect(row.getByRole('cell').nth(5)).toHaveText('1'); // uploads waiting (after its commune, province, last seen, last report, feed)
    await expect(atHub.getByTestId('group-refused')).toHaveCount(0);
    await audit(atHub, 'hub stations (approved)');
    await shoot(atHub, 'hub-stations-approved', 'kiosk');
    await row.getByRole('button', { name: `Thu hồi trạm ${PLACES.name}` }).click();
    await expect(row.getByRole('group')).toContainText(`Thu hồi trạm “${PLACES.name}” vĩnh viễn? Trạm chủ sẽ không nhận gì từ trạm này nữa và 1 tài liệu`);
    await row.getByRole('button', { name: 'Thu hồi vĩnh viễn' }).click();
    await expect(atHub.getByTestId('stations-said')).toHaveText(`Đã thu hồi trạm “${PLACES.name}” và bỏ 1 tài liệu của trạm đang chờ.`);
    await atHub.getByRole('radio', { name: 'Đã thu hồi (1)' }).check();
    await expect(atHub.getByTestId('revoked-stations')).toContainText(PLACES.name);
    await expect(atHub.getByTestId('revoked-stations')).toContainText(HUB_OFFICIAL.username);
    expect(listModeration(hub.library, 'pending')).toEqual([]);
  });

  await test.step('the station learns it is revoked on its outbox’s next run, shows the hub’s refusal in words, offers no form, and “Check again” says revoked', async () => {
    // The outbox's next run (started here by saving the hub's address again) asks what became of the letter; the hub refuses the revoked station.
    await callAt(atStation, stationUrl, 'outbox.updateSettings', { hubUrl: hub.stationsUrl });
    await expect.poll(async () => (await callAt<Enrolment>(atStation, stationUrl, 'enrolment.get')).refusal?.key, { message: 'the station notes the hub’s refusal' }).toBe('hub.stationRevoked');
    await atStation.reload();
    await expect(atStation.getByTestId('enrolment-state')).toHaveText('Bị thu hồi');
    await expect(atStation.getByTestId('enrolment-refusal')).toHaveText('Lần từ chối gần nhất của trạm chủ: Trạm chủ đã thu hồi đăng ký của trạm này, không nhận gì từ trạm nữa.');
    await expect(atStation.getByText('Trạm bị thu hồi không đăng ký lại được với cùng khóa này.')).toBeVisible();
    await expect(atStation.getByTestId('enrolment-form')).toHaveCount(0);
    await atStation.getByRole('button', { name: 'Kiểm tra lại' }).click();
    await expect(atStation.getByTestId('enrolment-said')).toContainText(': Bị thu hồi.');
    await expect(atStation.getByTestId('enrolment-state')).toHaveText('Bị thu hồi');
    await audit(atStation, 'station enrolment (revoked)');
    await atStation.evaluate(() => window.scrollTo(0, 0));
    await shoot(atStation, 'station-enrolment-revoked', 'kiosk');
    await atStation.setViewportSize(SIZES.phone.viewport);
    await showState(atStation);
    await shoot(atStation, 'station-enrolment-revoked', 'phone');
  });
});
