/**
 * Issue 17, strict uploads: what a hub on 127.0.0.1 accepts of a request. A creating POST that
 * carries data must declare its length and checksum it, as a PATCH does, or nothing is written
 * (a chunked body without Content-Length used to get 201 with its data stored); and stations
 * are not browsers, so /uploads and /hub/* answer no CORS header at all, while the public feed
 * keeps `Access-Control-Allow-Origin: *` for web readers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { hubUploadsDir } from '../../../catalog/hub/uploads.js';
import { listModeration } from '../../../catalog/hub/moderation.js';
import { checksumHeader } from '../../../catalog/outbox/checksum-stack.js';
import { DEMO_DIR } from '../../../catalog/package-root.js';
import { rawRequest } from '../../helpers/raw-http.js';
import { approvedSender, creationHeaders, signedHeaders, stationMetadata } from '../../helpers/tus-upload.js';
import { startHub } from '../outbox/fixtures.js';

const PDF = fs.readFileSync(path.join(DEMO_DIR, 'quyet-dinh-so-28-2021-qd-ttg-34546.pdf'));
const ORIGIN = 'https://trang-la.example';

/** A hub on 127.0.0.1, a station it approved, and what its upload folder holds. */
async function hub() {
  const started = await startHub();
  onTestFinished(() => started.close());
  const sender = await approvedSender(started.url, started.library);
  const stored = () => (fs.existsSync(hubUploadsDir(started.library)) ? fs.readdirSync(hubUploadsDir(started.library)) : []);
  const endpoint = new URL('uploads', started.url).toString();
  /** A creation of all of PDF, with `extra` headers and `body` sent along, signed by the station. */
  const creation = async (extra: Record<string, string>, body?: Buffer) =>
    signedHeaders(sender, 'POST', endpoint, { ...creationHeaders(PDF.length, stationMetadata(sender, PDF, 'application/pdf')), 'Content-Type': 'application/offset+octet-stream', ...extra }, body);
  return { ...started, sender, stored, endpoint, creation, port: Number(new URL(started.url).port) };
}

/** Every CORS header of a response (its body read, so the connection is free for the hub to close). */
async function corsHeaders(response: Response): Promise<string[]> {
  await response.arrayBuffer();
  return [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));
}

describe('a creating POST that carries data (creation-with-upload)', () => {
  it('with a chunked body and no Content-Length: 411, nothing stored', async () => {
    const started = await hub();
    // A first chunk (ASCII, as the raw request is text) of an upload declared as long as the whole PDF.
    const chunk = `%PDF-1.4\n${'x'.repeat(55)}`;
    const headers = await started.creation({ 'Upload-Checksum': checksumHeader(Buffer.from(chunk)), 'Transfer-Encoding': 'chunked' }, Buffer.from(chunk));
    const answer = await rawRequest(started.port, 'POST /uploads HTTP/1.1', headers, `${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n0\r\n\r\n`);
    expect(answer.status).toBe(411);
    expect(answer.text).toContain('"key":"hub.dataLength"');
    expect(answer.text).not.toMatch(/^Location:/im);
    expect(started.stored()).toEqual([]);
    expect(listModeration(started.library, 'all')).toEqual([]);
  });

  it('without Upload-Checksum (400), or with one that does not match (460): nothing stored', async () => {
    const started = await hub();
    const unchecked = await fetch(started.endpoint, { method: 'POST', headers: await started.creation({}, PDF), body: PDF });
    expect(unchecked.status).toBe(400);
    expect(await unchecked.json()).toMatchObject({ error: { key: 'hub.checksumRequired' } });
    const damaged = Buffer.from(PDF);
    damaged[1000] ^= 0xff;
    const mismatch = await fetch(started.endpoint, { method: 'POST', headers: await started.creation({ 'Upload-Checksum': checksumHeader(PDF) }, damaged), body: damaged });
    expect(mismatch.status).toBe(460);
    expect(await mismatch.json()).toMatchObject({ error: { key: 'hub.chunkDamaged' } });
    expect(started.stored()).toEqual([]);
    expect(listModeration(started.library, 'all')).toEqual([]);
  });

  it('with its length and a matching checksum: created, checked whole and queued for moderation', async () => {
    const started = await hub();
    const created = await fetch(started.endpoint, { method: 'POST', headers: await started.creation({ 'Upload-Checksum': checksumHeader(PDF) }, PDF), body: PDF });
    expect(created.status).toBe(201);
    expect(created.headers.get('upload-offset')).toBe(String(PDF.length));
    expect(listModeration(started.library)).toMatchObject([{ size: PDF.length, mediaType: 'application/pdf', stationId: started.sender.stationId }]);
  });
});

describe('no CORS for browsers on the hub’s station routes', () => {
  it('/uploads answers OPTIONS, POST, HEAD and a refusal to another origin without any Access-Control header (tus’s own removed)', async () => {
    const started = await hub();
    const preflight = await fetch(started.endpoint, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'tus-resumable, upload-length' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('tus-extension')).toContain('checksum');
    expect(await corsHeaders(preflight)).toEqual([]);
    const post = await fetch(started.endpoint, { method: 'POST', headers: await started.creation({ Origin: ORIGIN }) });
    expect(post.status).toBe(201);
    expect(await corsHeaders(post)).toEqual([]);
    const upload = new URL(post.headers.get('location') as string, started.endpoint).toString();
    const head = await fetch(upload, { method: 'HEAD', headers: await signedHeaders(started.sender, 'HEAD', upload, { 'Tus-Resumable': '1.0.0', Origin: ORIGIN }) });
    expect(head.status).toBe(200);
    expect(await corsHeaders(head)).toEqual([]);
    const unsigned = await fetch(started.endpoint, { method: 'POST', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': '3', Origin: ORIGIN } });
    expect(unsigned.status).toBe(401);
    expect(await corsHeaders(unsigned)).toEqual([]);
  });

  it('/hub/usage and /hub/uploads/<id> answer another origin without Access-Control-Allow-Origin; the public feed keeps its *', async () => {
    const started = await hub();
    const usageUrl = new URL('hub/usage', started.url).toString();
    const report = Buffer.from(JSON.stringify({ stationId: started.sender.stationId, stationName: 'Xã Hòa Bình', days: [] }));
    const usage = await fetch(usageUrl, { method: 'POST', headers: await signedHeaders(started.sender, 'POST', usageUrl, { Origin: ORIGIN, 'Content-Type': 'application/json' }, report), body: report });
    expect(usage.status).toBe(200);
    expect(await corsHeaders(usage)).toEqual([]);
    const preflight = await fetch(usageUrl, { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' } });
    expect(await corsHeaders(preflight)).not.toContain('access-control-allow-origin');
    const statusUrl = new URL(`hub/uploads/${'0'.repeat(32)}`, started.url).toString();
    const status = await fetch(statusUrl, { headers: await signedHeaders(started.sender, 'GET', statusUrl, { Origin: ORIGIN }) });
    expect(status.status).toBe(404);
    expect(await corsHeaders(status)).toEqual([]);
    fs.writeFileSync(path.join(started.feedDir, 'root.json'), '{}');
    const feed = await fetch(new URL('root.json', started.url), { headers: { Origin: ORIGIN } });
    expect(await feed.text()).toBe('{}');
    expect(feed.headers.get('access-control-allow-origin')).toBe('*');
  });
});
