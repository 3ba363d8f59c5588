/**
 * The app:// protocol handler with the real static handler on a temporary renderer folder:
 * only the `bookshelf` host answers, traversal in any spelling is a 404, catalog file routes go
 * to the file handler, and the UI comes with a CSP that has no unsafe-eval. The last test wires
 * the real file handler over a real library with the demo set, as main.ts does.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createStaticHandler } from '../../catalog/http/static.js';
import { createFileHandler } from '../../catalog/http/files.js';
import { loadDemoIfEmpty } from '../../catalog/demo.js';
import { createHandlers } from '../../catalog/engine.js';
import { createServices } from '../../catalog/services.js';
import { APP_SCHEME_DEFINITION, createAppProtocolHandler } from '../../electron/app-protocol.js';
import { tempDir } from '../helpers/temp-dir.js';
import { tempLibrary } from '../helpers/temp-library.js';

const INDEX_HTML = '<!doctype html><title>Tủ sách</title><div id="root"></div><script type="module" src="./assets/app.js"></script>';
const SECRET = 'TOP-SECRET-OUTSIDE-THE-RENDERER';

let tmp: string;
let rendererDir: string;

beforeAll(async () => {
  tmp = tempDir('bookshelf-protocol-');
  rendererDir = path.join(tmp, 'renderer');
  await fs.mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await fs.writeFile(path.join(rendererDir, 'index.html'), INDEX_HTML);
  await fs.writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("ui")');
  await fs.writeFile(path.join(tmp, 'secret.txt'), SECRET);
});

function setup() {
  const files = vi.fn(async (_request: Request) => new Response('FILE', { status: 200 }));
  const log = vi.fn();
  const handler = createAppProtocolHandler({ ui: createStaticHandler(rendererDir), files, log });
  return { handler, files, log };
}

describe('app:// scheme', () => {
  it('is standard, secure, fetch-capable and streaming, and never bypasses the CSP', () => {
    expect(APP_SCHEME_DEFINITION.scheme).toBe('app');
    expect(APP_SCHEME_DEFINITION.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true, stream: true });
    expect(APP_SCHEME_DEFINITION.privileges?.bypassCSP).toBeFalsy();
  });
});

describe('app:// protocol handler', () => {
  it('serves index.html at / with a CSP without unsafe-eval', async () => {
    const { handler } = setup();
    for (const url of ['app://bookshelf/', 'app://bookshelf/index.html']) {
      const response = await handler(new Request(url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toBe(INDEX_HTML);
    }
  });

  it('serves the UI assets', async () => {
    const { handler } = setup();
    const response = await handler(new Request('app://bookshelf/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
  });

  it.each([
    'app://evil/index.html',
    'app://bookshelf.evil.example/index.html',
    'app://bookshelf:8080/index.html',
    'app://user:pass@bookshelf/index.html',
    'https://bookshelf/index.html',
  ])('answers 404 to %s without calling either handler', async (url) => {
    const { handler, files } = setup();
    // Request refuses URLs with credentials; Electron could still hand one over, so use a stand-in.
    const request = { url, method: 'GET', headers: new Headers() } as Request;
    const response = await handler(request);
    expect(response.status).toBe(404);
    expect(files).not.toHaveBeenCalled();
    expect(await response.text()).not.toContain('<div id="root">');
  });

  it.each([
    'app://bookshelf/../../etc/passwd',
    'app://bookshelf/../secret.txt',
    'app://bookshelf/%2e%2e/secret.txt',
    'app://bookshelf/%2E%2E/%2e%2e/etc/passwd',
    'app://bookshelf/assets/..%2f..%2fsecret.txt',
    'app://bookshelf/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://bookshelf/..%5csecret.txt',
    'app://bookshelf/%252e%252e/secret.txt',
    'app://bookshelf/assets/app.js%00.html',
    'app://bookshelf/%c0%ae%c0%ae/secret.txt',
  ])('traversal %s is a 404', async (url) => {
    const { handler } = setup();
    const response = await handler(new Request(url));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(SECRET);
  });

  it.each(['app://bookshelf/files/' + 'a'.repeat(64), 'app://bookshelf/publications/luat-69-2020/file'])('%s goes to the file handler', async (url) => {
    const { handler, files } = setup();
    const request = new Request(url, { headers: { Range: 'bytes=0-9' } });
    const response = await handler(request);
    expect(await response.text()).toBe('FILE');
    expect(files).toHaveBeenCalledWith(request);
  });

  it('refuses methods other than GET and HEAD for the UI', async () => {
    const { handler } = setup();
    const response = await handler(new Request('app://bookshelf/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('a failing handler is a logged 500 with no details', async () => {
    const log = vi.fn();
    const handler = createAppProtocolHandler({
      ui: async () => {
        throw new Error('EIO at /secret/path');
      },
      files: async () => new Response(''),
      log,
    });
    const response = await handler(new Request('app://bookshelf/index.html'));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('/secret/path');
    expect(log).toHaveBeenCalledWith('app:// GET /index.html failed', expect.any(Error));
  });

  it('with the real file handler and the demo library, a reader gets byte ranges of a publication file', async () => {
    const library = await tempLibrary();
    await loadDemoIfEmpty(library);
    const page = await createHandlers(createServices(library))['publications.list']({ offset: 0, limit: 100, sort: 'title' }, { role: 'anyone', transport: 'ipc', lang: 'vi' });
    const pdf = page.items.find((item) => item.available && item.id.startsWith('luat-'));
    expect(pdf).toBeDefined();
    const handler = createAppProtocolHandler({ ui: createStaticHandler(rendererDir), files: createFileHandler(library) });
    const response = await handler(
      new Request(`app://bookshelf/publications/${encodeURIComponent(pdf!.id)}/file`, { headers: { Range: 'bytes=0-4' } }),
    );
    expect(response.status).toBe(206);
    expect(await response.text()).toBe('%PDF-');
    expect(response.headers.get('content-security-policy')).toMatch(/^sandbox/);
    const missing = await handler(new Request('app://bookshelf/files/' + '0'.repeat(64)));
    expect(missing.status).toBe(404);
  });
});
