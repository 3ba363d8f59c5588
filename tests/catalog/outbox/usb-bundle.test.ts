/**
 * Issue 17, USB bundles at the station: a real station library, enrolled with a real hub on
 * 127.0.0.1 and approved there, copies the two documents waiting in its outbox onto a folder
 * standing for the drive: one bundle, whole, its manifest signed by the station's key and each
 * file the one queued; the items are then carried — not sent again over the network, and done
 * once the hub, having taken the drive in, says what its official decided. A missing folder, a
 * read-only drive and a full one (real tmpfs mounts, in a mount namespace of their own) give a
 * translated error, leave nothing on the drive and the outbox as it was.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { importBundles } from '../../../catalog/hub/bundle-import.js';
import { approveUpload, rejectUpload } from '../../../catalog/hub/moderation.js';
import { ed25519Key } from '../../../catalog/hub/stations.js';
import { hubUploadsDir } from '../../../catalog/hub/uploads.js';
import type { Library } from '../../../catalog/library.js';
import { BUNDLE_DIR_PREFIX, FILES_DIR, ITEMS_DIR, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE, manifestSchema, manifestSigned } from '../../../catalog/outbox/bundle-format.js';
import { OutboxService } from '../../../catalog/outbox/service.js';
import { stationKey } from '../../../catalog/station-auth/station-key.js';
import { sha256File } from '../../../catalog/store/hash.js';
import { say } from '../../../shared/messages.js';
import { BOOKSHELF_BIN, runCli } from '../../helpers/cli.js';
import { contractOf } from '../../helpers/staff-contract.js';
import { openTestLibrary } from '../../helpers/temp-library.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { exportedBundle, stationWithQueued } from '../../helpers/usb-bundle.js';

const outboxRows = (library: Library) => library.db.prepare('SELECT * FROM outbox ORDER BY id').all();

/**
 * Runs `bookshelf outbox --export-bundle` onto a tmpfs mounted with `mountOptions` in a mount
 * namespace of its own (unshare, util-linux): the run, and what the drive held after it (`ls -A`).
 * Null when this kernel gives no such namespace (skipped, except under CI).
 */
function exportOntoTmpfs(libraryDir: string, mountOptions: string): { status: number | null; stderr: string; folder: string; drive: string[] } | null {
  const mountPoint = tempDir('usb-mount-');
  const script = 'mount -t tmpfs -o "$1" tmpfs "$2" || exit 90; "$3" "$4" outbox --export-bundle "$2" --library "$5"; status=$?; echo "drive:$(ls -A "$2")"; exit $status';
  const run = spawnSync('unshare', ['-rm', 'sh', '-c', script, 'sh', mountOptions, mountPoint, process.execPath, BOOKSHELF_BIN, libraryDir], { encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: 180_000 });
  if (run.error || run.status === 90 || /unshare:/.test(run.stderr)) {
    const why = `a tmpfs in a user and mount namespace is needed (unshare from util-linux, user namespaces enabled): ${run.error?.message ?? run.stderr.trim()}`;
    if (process.env.CI === 'true') throw new Error(why);
    console.warn(`⚠ skipped: ${why}`);
    return null;
  }
  const listing = /drive:(.*)$/s.exec(run.stdout)?.[1].trim() ?? '';
  return { status: run.status, stderr: run.stderr, folder: mountPoint, drive: listing ? listing.split('\n') : [] };
}

describe('the outbox copied to a USB drive', () => {
  it('makes one signed bundle of the items waiting, marks them carried, and they are done when the hub decides', async () => {
    const { hub, station, documents } = await stationWithQueued();
    const { drive, dir, result } = await exportedBundle(station);
    const name = path.basename(dir);
    expect(result).toEqual({ bundle: name, folder: dir, items: 2, bytes: fs.statSync(station.files.pathOf(documents[0].sha256)).size + fs.statSync(station.files.pathOf(documents[1].sha256)).size });
    // Whole, under its final name only: no hidden half bundle beside it.
    expect(fs.readdirSync(drive)).toEqual([name]);
    expect(name.startsWith(BUNDLE_DIR_PREFIX)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual([FILES_DIR, ITEMS_DIR, MANIFEST_FILE, MANIFEST_SIGNATURE_FILE].sort());
    const bytes = fs.readFileSync(path.join(dir, MANIFEST_FILE));
    const manifest = manifestSchema.parse(JSON.parse(bytes.toString('utf8')));
    const key = await stationKey(station);
    expect(manifestSigned(bytes, fs.readFileSync(path.join(dir, MANIFEST_SIGNATURE_FILE), 'utf8'), key.keyId, ed25519Key(key.publicKey))).toBe(true);
    expect(manifestSigned(Buffer.concat([bytes, Buffer.from(' ')]), fs.readFileSync(path.join(dir, MANIFEST_SIGNATURE_FILE), 'utf8'), key.keyId, ed25519Key(key.publicKey))).toBe(false);
    const files = fs.readdirSync(path.join(dir, FILES_DIR));
    expect(await Promise.all(files.map(async (file) => (await sha256File(path.join(dir, FILES_DIR, file))).sha256))).toEqual(expect.arrayContaining(documents.map((d) => d.sha256)));
    expect(manifest.items.map((item) => item.sha256)).toEqual(documents.map((d) => d.sha256));

    const service = new OutboxService(station, { background: false, retryDelays: [0] });
    try {
      expect(service.list().map((item) => ({ state: item.state, reason: item.reason }))).toEqual([
        { state: 'sent', reason: { key: 'usbBundle.carried', params: { bundle: name } } },
        { state: 'sent', reason: { key: 'usbBundle.carried', params: { bundle: name } } },
      ]);
      // Nothing more to carry, and nothing goes over the network: the hub holds no upload of it.
      expect((await exportedBundle(station)).result).toEqual({ bundle: null, folder: null, items: 0, bytes: 0 });
      expect((await service.runOnce()).sent).toBe(0);
      expect(fs.existsSync(hubUploadsDir(hub.library)) ? fs.readdirSync(hubUploadsDir(hub.library)) : []).toEqual([]);

      // The drive reaches the hub; its officials decide; the station hears it like any upload's outcome.
      expect((await importBundles(hub.library, drive)).accepted).toBe(2);
      const [newest, oldest] = service.list();
      const uploadOf = (publicationId: string) => manifest.items[documents.findIndex((d) => d.id === publicationId)].uploadId;
      await approveUpload(hub.library, uploadOf(oldest.publicationId), 'official');
      expect((await service.runOnce()).decided).toBe(1);
      expect(service.item(oldest.id)).toMatchObject({ state: 'accepted', reason: null });
      expect(service.item(newest.id)?.state).toBe('sent');
      await rejectUpload(hub.library, uploadOf(newest.publicationId), 'Thiếu trang 2', 'official');
      await service.runOnce();
      expect(service.item(newest.id)).toMatchObject({ state: 'rejected', reason: { key: 'message.written', params: { text: 'Thiếu trang 2' } } });
    } finally {
      await service.dispose();
    }
  });

  it('interrupts the outbox’s run in progress: the item the app was trying to send to an unreachable hub is carried too, not failed', async () => {
    const { hub, station } = await stationWithQueued();
    await hub.close();
    const contract = await contractOf(station);
    const run = contract.services.outbox.runOnce();
    const drive = tempDir('usb-drive-');
    expect(await contract.call('outbox.exportBundle', { folder: drive }, 'librarian')).toMatchObject({ ok: true, result: { items: 2 } });
    // The run stopped where it was (an upload stopped so waits again, as when the app closes): nothing sent, nothing refused.
    expect(await run).toMatchObject({ sent: 0, rejected: 0 });
    expect(contract.services.outbox.list().map((item) => [item.state, item.reason?.key])).toEqual([
      ['sent', 'usbBundle.carried'],
      ['sent', 'usbBundle.carried'],
    ]);
  });

  it('interrupts a run asking a hub that never answers whether the station is approved yet', async () => {
    const { hub, station } = await stationWithQueued();
    const port = Number(new URL(hub.url).port);
    await hub.close();
    station.db.prepare("UPDATE station_enrolment SET state = 'pending'").run();
    // The hub's address now takes the connection and never answers (a hub behind a dead proxy).
    let connected = () => undefined as void;
    const asked = new Promise<void>((resolve) => (connected = resolve));
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void (sockets.push(socket), connected()));
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => (silent.close(() => resolve()), sockets.forEach((socket) => socket.destroy()))));
    const contract = await contractOf(station);
    const run = contract.services.outbox.runOnce();
    await asked;
    expect(await contract.call('outbox.exportBundle', { folder: tempDir('usb-drive-') }, 'librarian')).toMatchObject({ ok: true, result: { items: 2 } });
    expect(await run).toMatchObject({ sent: 0, rejected: 0 });
  });

  it('says a missing folder in the caller’s words and leaves the outbox as it was', async () => {
    const { station } = await stationWithQueued();
    const before = outboxRows(station);
    const missing = path.join(tempDir('usb-none-'), 'E');
    const contract = await contractOf(station);
    expect(await contract.call('outbox.exportBundle', { folder: missing }, 'librarian')).toEqual({
      ok: false,
      error: { code: 'bad_request', key: 'usbBundle.noFolder', params: { folder: missing }, message: say('vi', { key: 'usbBundle.noFolder', params: { folder: missing } }) },
    });
    expect(await contract.call('outbox.exportBundle', { folder: missing }, 'anyone')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(outboxRows(station)).toEqual(before);
  });

  it('on a read-only or a full drive: a translated error, nothing left on the drive, the outbox as it was; `bookshelf outbox --export-bundle` then copies onto a sound one', async () => {
    const { station } = await stationWithQueued();
    const before = outboxRows(station);
    const libraryDir = station.dir;
    station.close();
    const words = (key: 'usbBundle.readOnly' | 'usbBundle.diskFull', folder: string) => [say('vi', { key, params: { folder } }), say('en', { key, params: { folder } })];

    const readOnly = exportOntoTmpfs(libraryDir, 'ro,size=1m');
    if (!readOnly) return;
    expect(readOnly.status).toBe(1);
    for (const text of words('usbBundle.readOnly', readOnly.folder)) expect(readOnly.stderr).toContain(text);
    expect(readOnly.drive).toEqual([]);

    // 64 KB: the first PDF (40 KB) fits, the second does not.
    const full = exportOntoTmpfs(libraryDir, 'size=64k') as NonNullable<typeof readOnly>;
    expect(full.status).toBe(1);
    for (const text of words('usbBundle.diskFull', full.folder)) expect(full.stderr).toContain(text);
    expect(full.drive).toEqual([]);
    expect(outboxRows(await openTestLibrary(libraryDir))).toEqual(before);

    const drive = tempDir('usb-drive-');
    const run = runCli(['outbox', '--export-bundle', drive], { library: libraryDir });
    expect(run.stderr).toBe('');
    const [bundle] = fs.readdirSync(drive);
    expect(run.stdout).toContain(say('vi', { key: 'cli.usbBundle.exported', params: { items: 2, bytes: (before as { size: number }[]).reduce((sum, row) => sum + row.size, 0), folder: path.join(drive, bundle) } }));
    expect((outboxRows(await openTestLibrary(libraryDir)) as { state: string }[]).map((row) => row.state)).toEqual(['sent', 'sent']);
  }, 180_000); // three runs of the CLI, each starting from the TypeScript sources
});
