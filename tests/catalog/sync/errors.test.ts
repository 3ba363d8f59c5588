/**
 * A sync that fails for a reason the system gives by code (issue 16: "connect ECONNREFUSED
 * 127.0.0.1:31002" on an official's screen) is said in words an official can act on, in each
 * language; the system's own text stays only in the reference's `detail`. Real sockets on
 * 127.0.0.1 and a real missing file; codes no test machine can produce on demand (an expired
 * certificate, an unplugged network) by the error objects Node gives for them.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { say } from '../../../shared/messages.js';
import type { MessageRef } from '../../../shared/messages.js';
import { refOf, systemErrorRef } from '../../../catalog/sync/errors.js';
import { HttpSource } from '../../../catalog/sync/source.js';
import { closedPort } from '../../helpers/closed-port.js';
import { tempDir } from '../../helpers/temp-dir.js';

const servers: http.Server[] = [];
afterAll(() => servers.forEach((server) => server.close()));

async function listening(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

async function failureOf(read: Promise<unknown>): Promise<MessageRef> {
  const error = await read.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).not.toBeNull();
  return refOf(error);
}

/** The words each language shows carry no system code, address or errno. */
function expectPlainWords(ref: MessageRef) {
  for (const lang of ['vi', 'en'] as const) {
    const words = say(lang, ref);
    expect(words, words).not.toMatch(/E[A-Z]{3,}|127\.0\.0\.1|:\d{2,5}\b|errno|connect /);
  }
}

describe('sync failures in words', () => {
  it('says a server that refuses the connection is off or mistyped, and keeps the system text as detail', async () => {
    const url = await closedPort();
    const ref = await failureOf(new HttpSource(url).read('root.json', 1024));
    expect(ref.key).toBe('sync.net.refused');
    expectPlainWords(ref);
    expect(say('vi', ref)).toBe('Máy chủ nguồn không nhận kết nối: có thể máy chủ đang tắt, hoặc địa chỉ nguồn bị gõ sai.');
    expect(ref.params?.detail).toEqual(expect.stringContaining('ECONNREFUSED'));
    expect(ref.params?.detail).toEqual(expect.stringContaining(`${url}root.json`));
  });

  it('says a connection cut before the answer was cut, and that the next sync continues', async () => {
    const url = await listening((request) => request.socket.destroy());
    const ref = await failureOf(new HttpSource(url).read('root.json', 1024));
    expect(ref.key).toBe('sync.net.cut');
    expectPlainWords(ref);
    expect(ref.params?.detail).toMatch(/socket hang up|ECONNRESET/);
  });

  it('says a USB folder that is gone is gone, not ENOENT', async () => {
    const error = await fs.readFile(path.join(tempDir('errors-usb-'), 'pulled-out', 'root.json')).catch((caught: unknown) => caught);
    const ref = refOf(error);
    expect(ref.key).toBe('sync.disk.missing');
    expectPlainWords(ref);
    expect(ref.params?.detail).toContain('ENOENT');
  });

  it('knows the other codes Node gives: no route, unknown name, slow, certificate, disk', () => {
    const coded = (code: string, message: string) => Object.assign(new Error(message), { code });
    const cases: [Error, string][] = [
      [coded('ENOTFOUND', 'getaddrinfo ENOTFOUND hub.example.vn'), 'sync.net.unknownHost'],
      [coded('EAI_AGAIN', 'getaddrinfo EAI_AGAIN hub.example.vn'), 'sync.net.offline'],
      [coded('ENETUNREACH', 'connect ENETUNREACH 203.0.113.5:443'), 'sync.net.offline'],
      [coded('ETIMEDOUT', 'connect ETIMEDOUT 203.0.113.5:443'), 'sync.net.slow'],
      [coded('CERT_HAS_EXPIRED', 'certificate has expired'), 'sync.net.certificate'],
      [coded('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"), 'sync.net.certificate'],
      [coded('EIO', 'EIO: i/o error, read'), 'sync.disk.unreadable'],
      [coded('EACCES', "EACCES: permission denied, open 'E:\\tusach\\root.json'"), 'sync.disk.denied'],
      // Several addresses tried at once (IPv6 and IPv4): Node's AggregateError has no message of its own.
      [Object.assign(new AggregateError([coded('ECONNREFUSED', 'connect ECONNREFUSED ::1:8080'), coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:8080')]), { code: 'ECONNREFUSED' }), 'sync.net.refused'],
    ];
    for (const [error, key] of cases) {
      const ref = refOf(error);
      expect(ref.key, error.message).toBe(key);
      expectPlainWords(ref);
      expect(String(ref.params?.detail)).not.toBe('');
    }
    expect(refOf(cases.at(-1)![0]).params?.detail).toBe('connect ECONNREFUSED ::1:8080; connect ECONNREFUSED 127.0.0.1:8080');
  });

  it('says an error it does not know was unforeseen, with its text only as detail', () => {
    const ref = refOf(new TypeError('Cannot read properties of undefined (reading "sha256")'));
    expect(ref).toEqual({ key: 'sync.unexpectedError', params: { detail: 'Cannot read properties of undefined (reading "sha256")' } });
    expect(say('vi', ref)).not.toContain('sha256');
    expect(systemErrorRef(Object.assign(new Error('weird'), { code: 'EWHATEVER' }), 'sync.requestFailed', 'https://hub/').key).toBe('sync.requestFailed');
  });
});
