/**
 * Issue 17 from a terminal, end to end with real processes: `bookshelf enrol <hub-url>` at a
 * station asks a real hub on 127.0.0.1 (signed with the key it makes) and prints the state and
 * the key fingerprint; `bookshelf moderate --stations` at the hub lists the request with the same
 * fingerprint, approves and revokes it (audited); `bookshelf enrol --status` reads the hub's
 * decision. Mistakes in how they are called exit 2 with a usage line.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { Library } from '../../../catalog/library.js';
import { startCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { startHub } from '../outbox/fixtures.js';

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `bookshelf` in a child process, not waited for synchronously: the hub answering it runs in this one. */
function cli(args: string[], library: string): Promise<Ran> {
  const child = startCli(args, { library });
  const ran: Ran = { status: null, stdout: '', stderr: '' };
  child.stdout.on('data', (data: Buffer) => (ran.stdout += data.toString()));
  child.stderr.on('data', (data: Buffer) => (ran.stderr += data.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ ...ran, status })));
}

const ok = async (running: Promise<Ran>) => {
  const result = await running;
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
};

describe('bookshelf enrol and bookshelf moderate --stations', () => {
  it('enrol, list, approve, ask, revoke — the fingerprint the same at both ends, each decision audited', async () => {
    const hub = await startHub();
    onTestFinished(() => hub.close());
    const stationDir = tempDir('enrol-cli-station-');

    const asked = await ok(cli(['enrol', hub.url, '--name', 'UBND xã Hòa Bình\u001b[2J', '--commune', 'Xã Hòa Bình', '--province', 'Tỉnh Phú Thọ'], stationDir));
    expect(asked).toContain('chờ duyệt / pending');
    const id = /Mã trạm \/ Station id: ([0-9a-f]{32})/.exec(asked)?.[1] as string;
    const fingerprint = /\(đọc cho cán bộ trạm chủ đối chiếu\) \/ [^:]+: ((?:[0-9a-f]{4} ){15}[0-9a-f]{4})/.exec(asked)?.[1];
    expect(id).toBeTruthy();
    expect(fingerprint).toBeTruthy();

    const listed = await ok(cli(['moderate', '--stations'], hub.library.dir));
    expect(listed).toContain(`${id}  chờ duyệt / pending  UBND xã Hòa Bình, Xã Hòa Bình, Tỉnh Phú Thọ`);
    expect(listed).toContain(fingerprint);
    // eslint-disable-next-line no-control-regex -- control characters are what must not be printed
    expect(listed).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);

    expect(await ok(cli(['moderate', '--stations', '--approve', id], hub.library.dir))).toContain('Đã duyệt trạm / Station approved');
    expect(await ok(cli(['enrol', '--status'], stationDir))).toContain('đã duyệt / approved');
    const revoked = JSON.parse(await ok(cli(['moderate', '--stations', '--revoke', id, '--json'], hub.library.dir))) as { station: { state: string }; droppedUploads: number };
    expect(revoked).toMatchObject({ station: { state: 'revoked' }, droppedUploads: 0 });
    expect(JSON.parse(await ok(cli(['enrol', '--status', '--json'], stationDir)))).toMatchObject({ state: 'revoked', stationId: id });

    expect(hub.library.db.prepare(`SELECT action FROM audit_log WHERE action LIKE 'cli.stations.%' ORDER BY id`).pluck().all()).toEqual(['cli.stations.approve', 'cli.stations.revoke']);
    const station = await Library.open(stationDir);
    onTestFinished(() => station.close());
    expect(station.db.prepare(`SELECT action FROM audit_log`).pluck().all()).toEqual(['cli.enrolment.request']);
  });

  it('says how to call them', async () => {
    const library = tempDir('enrol-cli-usage-');
    const mistakes = [['enrol'], ['enrol', 'http://127.0.0.1:9/', '--name', 'Xã A'], ['moderate', '--revoke', 'x']];
    const results = await Promise.all(mistakes.map((args) => cli(args, library)));
    expect(results.map((result) => result.status)).toEqual([2, 2, 2]);
    expect(results[0].stderr).toContain('bookshelf enrol <HUB-URL>');
    expect(results[1].stderr).toContain('--province NAME');
    expect(results[2].stderr).toContain('--stations');
  });
});
