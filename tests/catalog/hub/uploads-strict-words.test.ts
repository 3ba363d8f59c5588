/**
 * Issue 17, strict uploads: no control character a station sends reaches an official. A hub on
 * 127.0.0.1 receives an upload whose title, file name and summary (and the station's name, given
 * at enrolment) hold terminal escapes ("\u001b[31m", an OSC window title), C1 controls and bidi
 * overrides ("\u202e"): they are removed on arrival (the stored row is plain), and again where
 * the hub shows rows stored before — `bookshelf moderate --list` (the real CLI) and the
 * `moderation.list` contract method.
 */
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createHandlers } from '../../../catalog/engine.js';
import { createServices, disposeServices } from '../../../catalog/services.js';
import { callMethod } from '../../../shared/call.js';
import { contract } from '../../../shared/contract.js';
import type { ModerationItem } from '../../../shared/outbox.js';
import { runCli } from '../../helpers/cli.js';
import { approvedSender, stationMetadata, tusSend, uploadDescription } from '../../helpers/tus-upload.js';
import { pdfBytes, startHub } from '../outbox/fixtures.js';

// eslint-disable-next-line no-control-regex -- control characters are what must not be shown
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const RED = '\u001b[31m';

/** A hub on 127.0.0.1 that received one upload from a station it approved under `fields.stationName`. */
async function hubWithUpload(fields: { title: string; stationName: string; filename: string; summary: string }) {
  const hub = await startHub();
  onTestFinished(() => hub.close());
  const sender = await approvedSender(hub.url, hub.library, { name: fields.stationName });
  const bytes = pdfBytes(20_000);
  const description = uploadDescription({ title: fields.title, description: fields.summary, authors: ['\u202eTác giả', '\u001b[2J'] });
  const sent = await tusSend(hub.url, sender, bytes, stationMetadata(sender, bytes, 'application/pdf', { description: JSON.stringify(description), stationName: fields.stationName, filename: fields.filename }));
  expect(sent.patch?.status).toBe(204);
  return hub;
}

/** `moderation.list` called as an official through the contract, as the hub's screen would. */
async function listedByContract(hub: Awaited<ReturnType<typeof startHub>>): Promise<ModerationItem[]> {
  const services = createServices(hub.library, { outbox: { background: false } });
  onTestFinished(() => disposeServices(services));
  const official = await services.accounts.create({ username: 'chuyenvien', displayName: 'Chuyên viên', role: 'official', password: 'mat-khau-dai-3' });
  const answer = await callMethod(contract, createHandlers(services), 'moderation.list', { state: 'all' }, { role: 'official', transport: 'http', lang: 'vi', user: { ...official, role: 'official' } }, vi.fn());
  expect(answer).toMatchObject({ ok: true });
  return (answer as { result: ModerationItem[] }).result;
}

describe('control characters sent with an upload', () => {
  it('are removed on arrival: the stored row, the contract and the CLI show plain words', async () => {
    const hub = await hubWithUpload({
      title: `${RED}Công văn\u001b[0m về đất đai\u202e fdp.exe`,
      stationName: 'Xã\u001b]0;bi chiem\u0007 Hòa Bình\u2066',
      filename: 'cong\u001b[2Jvan.pdf',
      summary: 'Dòng một\r\nDòng\u009b2J hai\u0008',
    });
    const row = hub.library.db.prepare('SELECT title, station_name, file_name, description FROM hub_uploads').get() as Record<string, string>;
    expect(row).toMatchObject({ title: 'Công văn về đất đai fdp.exe', station_name: 'Xã Hòa Bình' });
    for (const value of Object.values(row)) expect(value).not.toMatch(CONTROL);
    expect(JSON.parse(row.description)).toMatchObject({ description: 'Dòng một\nDòng hai', authors: ['Tác giả'] });

    const [item] = await listedByContract(hub);
    expect(item).toMatchObject({ title: 'Công văn về đất đai fdp.exe', stationName: 'Xã Hòa Bình', description: { description: 'Dòng một\nDòng hai' } });

    const cli = runCli(['moderate', '--list'], { library: hub.library.dir });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain('Xã Hòa Bình  Công văn về đất đai fdp.exe');
    expect(cli.stdout).not.toMatch(CONTROL);
  });

  it('in rows stored before are removed where they are shown: `bookshelf moderate --list` and `moderation.list`', async () => {
    const hub = await hubWithUpload({ title: 'Công văn', stationName: 'Xã Hòa Bình', filename: 'cong-van.pdf', summary: 'Tóm tắt' });
    hub.library.db
      .prepare('UPDATE hub_uploads SET title = ?, station_name = ?, file_name = ?')
      .run(`${RED}Sổ tay\u001b[0m hòa giải\u202e`, 'Xã\u001b]0;bi chiem\u0007 Tân Phú\u009b2J', 'so\u001b[2Jtay.pdf');
    const cli = runCli(['moderate', '--list', '--all'], { library: hub.library.dir });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain('Xã Tân Phú  Sổ tay hòa giải');
    expect(cli.stdout).not.toContain('[31m');
    expect(cli.stdout).not.toMatch(CONTROL);

    const [item] = await listedByContract(hub);
    expect(item).toMatchObject({ title: 'Sổ tay hòa giải', stationName: 'Xã Tân Phú', fileName: 'sotay.pdf' });
  });

  it('a publication id holding a control character is refused (422), never altered', async () => {
    const hub = await startHub();
    onTestFinished(() => hub.close());
    const sender = await approvedSender(hub.url, hub.library);
    const bytes = pdfBytes(5_000);
    const description = JSON.stringify(uploadDescription({ id: `local-\u001b[31m${'a'.repeat(8)}` }));
    const sent = await tusSend(hub.url, sender, bytes, stationMetadata(sender, bytes, 'application/pdf', { description }));
    expect(sent.created.status).toBe(422);
    expect(JSON.parse(sent.created.body)).toMatchObject({ error: { key: 'hub.descriptionInvalid' } });
  });
});
