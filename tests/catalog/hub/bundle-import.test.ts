/**
 * Issue 17, USB bundles at the hub: a real hub library and a real station, enrolled over HTTP on
 * 127.0.0.1 with its own key, whose outbox was copied onto a folder standing for the drive. What
 * the hub takes from the drive is held to what it takes from the network: both items of a sound
 * bundle wait for moderation from that station with their sha256 (and approve like a network
 * upload); the same bundle again takes nothing; an item whose file lost or changed a byte, whose
 * description was edited after signing, or whose file is gone is refused with nothing written for
 * it while the other is taken; a manifest re-signed by another key, a revoked or unenrolled
 * station, a bundle older than the window are refused whole; the station's daily quota holds.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS, setSetting } from '../../../catalog/db/settings.js';
import { importBundles } from '../../../catalog/hub/bundle-import.js';
import { approveUpload, listModeration } from '../../../catalog/hub/moderation.js';
import { encodeMetadata, readMetadata } from '../../../catalog/hub/signed-uploads.js';
import { revokeStation } from '../../../catalog/hub/stations.js';
import { hubUploadsDir } from '../../../catalog/hub/uploads.js';
import type { Library } from '../../../catalog/library.js';
import { BUNDLE_WINDOW_DAYS, FILES_DIR, ITEMS_DIR, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE, itemFileName, manifestSchema, signManifest } from '../../../catalog/outbox/bundle-format.js';
import { stationId } from '../../../catalog/outbox/settings.js';
import { say } from '../../../shared/messages.js';
import { runCli } from '../../helpers/cli.js';
import { contractOf } from '../../helpers/staff-contract.js';
import { exportedBundle, stationWithQueued } from '../../helpers/usb-bundle.js';

const DAY_MS = 86_400_000;

/** What the hub holds of uploads: rows of its moderation queue and files under hub-uploads/ (a temporary copy left would show). */
function written(hub: Library) {
  const dir = hubUploadsDir(hub);
  return {
    rows: listModeration(hub, 'all').map((item) => item.id).sort(),
    files: fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [],
    uploadsToday: hub.db.prepare('SELECT coalesce(sum(uploads_today), 0) FROM hub_stations').pluck().get() as number,
  };
}

const manifestOf = (dir: string) => manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')));

/** A station's two queued documents copied to the drive; the hub, the station, the bundle's folder and its item ids in order. */
async function bundleAtHub(options: { enrol?: boolean } = {}) {
  const parts = await stationWithQueued(options);
  const { drive, dir } = await exportedBundle(parts.station);
  const ids = manifestOf(dir).items.map((item) => item.uploadId);
  return { ...parts, drive, dir, ids };
}

/** Changes to the first item of a bundle after it left the station, and the reason the hub gives. */
const TAMPERING: [string, (dir: string, uploadId: string) => void, string][] = [
  [
    'a byte of its file changed',
    (dir, id) => {
      const file = path.join(dir, FILES_DIR, itemFileName(id, 'application/pdf'));
      const bytes = fs.readFileSync(file);
      bytes[Math.floor(bytes.length / 2)] ^= 0x01;
      fs.writeFileSync(file, bytes);
    },
    'hub.fileDamaged',
  ],
  [
    'its file cut short (a drive pulled while copying by hand)',
    (dir, id) => {
      const file = path.join(dir, FILES_DIR, itemFileName(id, 'application/pdf'));
      fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    },
    'hub.fileDamaged',
  ],
  [
    'its file missing',
    (dir, id) => fs.rmSync(path.join(dir, FILES_DIR, itemFileName(id, 'application/pdf'))),
    'usbBundle.fileMissing',
  ],
  [
    'its description edited after signing',
    (dir, id) => {
      const file = path.join(dir, ITEMS_DIR, `${id}.json`);
      const creation = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
      const metadata = readMetadata(creation['upload-metadata']) as Map<string, string>;
      metadata.set('description', JSON.stringify({ ...JSON.parse(metadata.get('description') as string), title: 'Quyết định giả mạo' }));
      fs.writeFileSync(file, JSON.stringify({ ...creation, 'upload-metadata': encodeMetadata(metadata) }));
    },
    'hub.signatureInvalid',
  ],
];

describe('a USB bundle taken in at the hub', () => {
  it('queues both items for moderation from that station with their sha256, like network uploads; the same bundle again takes nothing', async () => {
    const { hub, station, documents, drive, ids } = await bundleAtHub();
    const result = await importBundles(hub.library, drive);
    expect(result).toMatchObject({ accepted: 2, refused: 0, bundles: [{ stationName: 'Xã Hòa Bình', reason: null }] });
    const pending = listModeration(hub.library, 'pending');
    expect(pending.map((item) => ({ id: item.id, stationId: item.stationId, stationName: item.stationName, publicationId: item.publicationId, sha256: item.sha256 })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      ids
        .map((id, i) => ({ id, stationId: stationId(station), stationName: 'Xã Hòa Bình', publicationId: documents[i].id, sha256: documents[i].sha256 }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(written(hub.library)).toEqual({ rows: [...ids].sort(), files: [...ids].sort(), uploadsToday: 2 });

    const again = await importBundles(hub.library, drive);
    expect(again.accepted).toBe(0);
    expect(again.bundles[0].items.map((item) => item.reason)).toEqual([{ key: 'usbBundle.alreadyTaken' }, { key: 'usbBundle.alreadyTaken' }]);
    expect(written(hub.library)).toEqual({ rows: [...ids].sort(), files: [...ids].sort(), uploadsToday: 2 });

    // An official approves it as any upload: into the hub's library, its bytes out of hub-uploads/.
    const approved = await approveUpload(hub.library, ids[0], 'official');
    expect(approved.state).toBe('approved');
    expect(hub.library.db.prepare('SELECT origin FROM publications WHERE id = ?').pluck().get(documents[0].id)).toBe('national');
    expect((await importBundles(hub.library, drive)).accepted).toBe(0);
  });

  it.each(TAMPERING)('refuses an item with %s, writing nothing for it, and takes the other', async (_what, tamper, key) => {
    const { hub, drive, dir, ids } = await bundleAtHub();
    tamper(dir, ids[0]);
    const result = await importBundles(hub.library, drive);
    expect(result.bundles[0].items.map((item) => [item.uploadId, item.accepted, item.reason?.key ?? null])).toEqual([
      [ids[0], false, key],
      [ids[1], true, null],
    ]);
    expect(written(hub.library)).toEqual({ rows: [ids[1]], files: [ids[1]], uploadsToday: 1 });
  });

  it('refuses the whole bundle when its manifest is signed by another key, its station revoked or unknown, or it is older than the window', async () => {
    const forged = await bundleAtHub();
    const bytes = fs.readFileSync(path.join(forged.dir, MANIFEST_FILE));
    fs.writeFileSync(path.join(forged.dir, MANIFEST_SIGNATURE_FILE), signManifest(bytes, { keyId: stationId(forged.station), privateKey: generateKeyPairSync('ed25519').privateKey }));
    const forgedResult = await importBundles(forged.hub.library, forged.drive);
    expect(forgedResult).toMatchObject({ accepted: 0, refused: 2, bundles: [{ reason: { key: 'usbBundle.manifestSignature' } }] });
    expect(written(forged.hub.library)).toEqual({ rows: [], files: [], uploadsToday: 0 });

    const revoked = await bundleAtHub();
    await revokeStation(revoked.hub.library, stationId(revoked.station), 'official');
    expect(await importBundles(revoked.hub.library, revoked.drive)).toMatchObject({ accepted: 0, refused: 2, bundles: [{ reason: { key: 'hub.stationRevoked' } }] });
    expect(written(revoked.hub.library)).toEqual({ rows: [], files: [], uploadsToday: 0 });

    const unenrolled = await bundleAtHub({ enrol: false });
    expect(await importBundles(unenrolled.hub.library, unenrolled.drive)).toMatchObject({ accepted: 0, refused: 2, bundles: [{ reason: { key: 'hub.stationUnknown' } }] });
    expect(written(unenrolled.hub.library)).toEqual({ rows: [], files: [], uploadsToday: 0 });

    // A drive travels: days late is fine, past the window is not.
    const late = await bundleAtHub();
    const made = Date.parse(manifestOf(late.dir).createdAt);
    const tooLate = await importBundles(late.hub.library, late.drive, { now: () => new Date(made + (BUNDLE_WINDOW_DAYS + 1) * DAY_MS) });
    expect(tooLate).toMatchObject({ accepted: 0, bundles: [{ reason: { key: 'usbBundle.tooOld', params: { days: BUNDLE_WINDOW_DAYS } } }] });
    expect(written(late.hub.library).rows).toEqual([]);
    expect((await importBundles(late.hub.library, late.drive, { now: () => new Date(made + (BUNDLE_WINDOW_DAYS - 1) * DAY_MS) })).accepted).toBe(2);
  });

  it('holds the station to its uploads a day: the one over is refused with the quota’s reason and taken the next day', async () => {
    const { hub, drive, ids } = await bundleAtHub();
    setSetting(hub.library.db, SETTINGS.hubUploadsPerDay, 1);
    const today = await importBundles(hub.library, drive);
    expect(today.bundles[0].items.map((item) => item.reason)).toEqual([null, { key: 'hub.quotaUploadsPerDay', params: { max: 1 } }]);
    expect(written(hub.library)).toEqual({ rows: [ids[0]], files: [ids[0]], uploadsToday: 1 });
    const tomorrow = await importBundles(hub.library, drive, { now: () => new Date(Date.now() + DAY_MS) });
    expect(tomorrow.bundles[0].items.map((item) => item.reason?.key ?? null)).toEqual(['usbBundle.alreadyTaken', null]);
    expect(written(hub.library).rows).toEqual([...ids].sort());
  });

  it('removes a temporary copy a crash left in hub-uploads/ a day ago, not one an import alongside is writing', async () => {
    const { hub, drive, ids } = await bundleAtHub();
    const dir = hubUploadsDir(hub.library);
    fs.mkdirSync(dir, { recursive: true });
    const cut = path.join(dir, `.bundle-${'a'.repeat(32)}.${'b'.repeat(12)}.tmp`);
    const writing = path.join(dir, `.bundle-${'c'.repeat(32)}.${'d'.repeat(12)}.tmp`);
    for (const file of [cut, writing]) fs.writeFileSync(file, 'partial copy');
    const twoDaysAgo = new Date(Date.now() - 2 * DAY_MS);
    fs.utimesSync(cut, twoDaysAgo, twoDaysAgo);
    expect((await importBundles(hub.library, drive)).accepted).toBe(2);
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(writing), ...ids].sort());
  });

  it('is the officials’ through the contract, and `bookshelf moderate --import-bundle` prints each item in both languages', async () => {
    const { hub, drive, dir } = await bundleAtHub();
    const contract = await contractOf(hub.library);
    expect(await contract.call('moderation.importBundle', { folder: drive }, 'librarian')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await contract.call('moderation.importBundle', { folder: path.join(drive, 'khong-co') })).toMatchObject({
      ok: false,
      error: { key: 'usbBundle.noFolder', message: say('vi', { key: 'usbBundle.noFolder', params: { folder: path.join(drive, 'khong-co') } }) },
    });
    // The CLI on the bundle's own folder, one item's file gone: it takes the other and says why not that one.
    const first = manifestOf(dir).items[0];
    fs.rmSync(path.join(dir, FILES_DIR, itemFileName(first.uploadId, first.mediaType)));
    await hub.close();
    // Another flag beside it is a usage error (exit 2), naming it; nothing is taken.
    const mixed = runCli(['moderate', '--import-bundle', dir, '--approve', first.uploadId], { library: hub.library.dir });
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toContain(`--import-bundle ${say('vi', { key: 'cli.usage.onlyWith' })}`);
    expect(mixed.stderr).toContain('--json (--approve)');
    const run = runCli(['moderate', '--import-bundle', dir], { library: hub.library.dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(say('vi', { key: 'usbBundleUi.refused', params: { reason: { key: 'usbBundle.fileMissing' } } }));
    expect(run.stdout).toContain(say('en', { key: 'usbBundleUi.accepted' }));
    expect(run.stdout).toContain(say('vi', { key: 'cli.usbBundle.imported', params: { accepted: 1, refused: 1 } }));
  });
});
