/**
 * Issue 17, strict uploads: a hub over HTTP on 127.0.0.1 checks what each upload really is from
 * the whole file when its last byte arrives. Real PDFs and EPUBs pass into moderation; an HTML
 * page with `%PDF-` in a comment, a truncated PDF, a file framed like a PDF that pdf.js cannot
 * read, a zip that is not an EPUB, and an EPUB whose container.xml points nowhere are each
 * answered 415 with the reason in the caller's language, their bytes removed, nothing queued.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { hubUploadsDir } from '../../../catalog/hub/uploads.js';
import { listModeration } from '../../../catalog/hub/moderation.js';
import { DEMO_DIR } from '../../../catalog/package-root.js';
import { corpusFile, corpusMissing } from '../../helpers/corpora.js';
import { approvedSender, stationMetadata, tusSend } from '../../helpers/tus-upload.js';
import { startHub } from '../outbox/fixtures.js';
import { CONTAINER_XML, deflateBombPdf, makeEpub, makeZip } from '../import/helpers.js';

const PDF = 'application/pdf';
const EPUB = 'application/epub+zip';
const DEMO_PDF = fs.readFileSync(path.join(DEMO_DIR, 'quyet-dinh-so-28-2021-qd-ttg-34546.pdf'));

/** A hub on 127.0.0.1 and a station it approved. */
async function hub() {
  const started = await startHub();
  onTestFinished(() => started.close());
  return { ...started, sender: await approvedSender(started.url, started.library) };
}
type Hub = Awaited<ReturnType<typeof hub>>;

interface Refusal {
  key: string;
  message: string;
  params: { reason: { key: string; params?: Record<string, unknown> } };
}

/** Sends `bytes` declared as `mediaType`: the hub's answer to the last byte. */
async function send(started: Hub, bytes: Buffer, mediaType: string, headers: Record<string, string> = {}) {
  const sent = await tusSend(started.url, started.sender, bytes, stationMetadata(started.sender, bytes, mediaType), headers);
  expect(sent.created.status).toBe(201);
  const status = sent.patch?.status;
  return { status, error: status === 415 ? (JSON.parse(sent.patch?.body ?? '') as { error: Refusal }).error : null };
}

/** Refused with 415 as not the PDF or EPUB declared, its bytes and tus record gone, nothing in moderation; the hub's reason. */
async function expectRefused(started: Hub, bytes: Buffer, mediaType: string, headers: Record<string, string> = {}) {
  const refused = await send(started, bytes, mediaType, headers);
  expect(refused.status).toBe(415);
  expect(refused.error).toMatchObject({ key: mediaType === EPUB ? 'hub.notEpub' : 'hub.notPdf' });
  expect(fs.readdirSync(hubUploadsDir(started.library))).toEqual([]);
  expect(listModeration(started.library, 'all')).toEqual([]);
  return refused.error as Refusal;
}

describe.skipIf(corpusMissing('pdf/vn-congbao') || corpusMissing('epub/vi-khudocmo'))('real documents from the corpora', () => {
  it('a gazette PDF and a Vietnamese EPUB (its mimetype entry with an extra field, as Vietnamese tools write it) enter moderation', async () => {
    const started = await hub();
    const pdf = fs.readFileSync(corpusFile('pdf/vn-congbao/luat-so-51-2024-qh15-43559.pdf'));
    const epub = fs.readFileSync(corpusFile('epub/vi-khudocmo/lao-hac.epub'));
    expect(await send(started, pdf, PDF)).toMatchObject({ status: 204 });
    expect(await send(started, epub, EPUB)).toMatchObject({ status: 204 });
    expect(listModeration(started.library).map((item) => [item.mediaType, item.size])).toEqual([
      [PDF, pdf.length],
      [EPUB, epub.length],
    ]);
  });
});

describe('what is not a sound PDF or EPUB is refused with 415 and dropped', () => {
  it('an HTML page with %PDF- in a comment in its first kilobyte, in the language the station asks for', async () => {
    const started = await hub();
    const html = Buffer.from(`<!doctype html><!-- %PDF-1.7 --><html><body><script>alert(1)</script>${'<p>Không phải PDF</p>'.repeat(50)}</body></html>\n%%EOF\n`);
    expect(await expectRefused(started, html, PDF)).toMatchObject({
      params: { reason: { key: 'hub.pdfHeader' } },
      message: 'Tệp không phải PDF đọc được như đã khai: tệp không bắt đầu bằng %PDF-',
    });
    expect((await expectRefused(started, html, PDF, { 'Accept-Language': 'en' })).message).toBe('The file is not the readable PDF it was declared as: it does not begin with %PDF-');
  });

  it('a truncated PDF (no %%EOF in its last kilobyte)', async () => {
    const started = await hub();
    expect((await expectRefused(started, DEMO_PDF.subarray(0, Math.floor(DEMO_PDF.length * 0.9)), PDF)).params.reason).toEqual({ key: 'hub.pdfEnd' });
  });

  it('a file framed like a PDF (header and %%EOF) that pdf.js cannot read: the whole file is parsed', async () => {
    const started = await hub();
    const framed = Buffer.concat([Buffer.from('%PDF-1.7\n<html><body>'), Buffer.alloc(4000, 'x'), Buffer.from('</body></html>\n%%EOF\n')]);
    expect((await expectRefused(started, framed, PDF)).params.reason).toMatchObject({ key: 'import.detailed', params: { what: { key: 'import.refused.pdfDamaged' } } });
  });

  it('a PDF whose stream inflates to 2 GB is refused within the worker’s bounds, and the hub answers on', async () => {
    const started = await hub();
    expect((await expectRefused(started, deflateBombPdf(2048), PDF)).params.reason).toMatchObject({ key: 'import.detailed', params: { what: { key: 'import.refused.outOfMemory' } } });
    expect(await send(started, DEMO_PDF, PDF)).toMatchObject({ status: 204 });
  });

  it('a zip that is not an EPUB, and one whose mimetype entry is compressed', async () => {
    const started = await hub();
    const zip = makeZip([{ name: 'bao-cao.txt', data: 'Báo cáo năm 2024' }]);
    expect((await expectRefused(started, zip, EPUB)).params.reason).toEqual({ key: 'hub.epubMimetype' });
    const deflated = makeZip([
      { name: 'mimetype', data: 'application/epub+zip', method: 8 },
      { name: 'META-INF/container.xml', data: CONTAINER_XML },
    ]);
    expect((await expectRefused(started, deflated, EPUB)).params.reason).toEqual({ key: 'hub.epubMimetype' });
  });

  it('an EPUB whose container.xml points to a package document that is not there', async () => {
    const started = await hub();
    const nowhere = makeEpub({ replace: { 'META-INF/container.xml': CONTAINER_XML.replace('OEBPS/content.opf', 'OEBPS/khong-co.opf') } });
    expect((await expectRefused(started, nowhere, EPUB)).params.reason).toMatchObject({ key: 'import.detailed', params: { what: { key: 'import.refused.epubDamaged' } } });
  });
});
