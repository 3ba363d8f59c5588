/**
 * Shell case 2 (shared/notes/security.md): a link or window.open to https://evil, file:///…
 * or javascript: is blocked, shell.openExternal is never called, and there is still one
 * window; the window itself never goes to one of the app's raw files or scripts (issue 18: a PDF
 * in the main frame is a blank page with no idle reset). Runs hardenWebContents on a fake web
 * contents and emits the events Electron would.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hardenWebContents } from '../../electron/harden.js';
import { isAllowedRequestUrl } from '../../electron/app-origin.js';
import { FakeWebContents, fakeEvent } from './fakes.js';

const HOSTILE_URLS = [
  'https://evil.example/',
  'http://evil.example/login',
  'file:///etc/passwd',
  'file:///C:/Windows/System32/cmd.exe',
  'javascript:alert(document.domain)',
  'data:text/html,<script>alert(1)</script>',
  'app://evil/index.html',
  'app://bookshelf.evil.example/index.html',
  'app://bookshelf:8080/index.html',
  'app://user@bookshelf/index.html',
  'http://bookshelf/index.html',
  'chrome://settings',
  'mailto:someone@example.com',
  'not a url',
];

function hardened(options = { kiosk: false, production: true }) {
  const contents = new FakeWebContents();
  const log: string[] = [];
  hardenWebContents(contents.asElectron(), { ...options, log: (message) => log.push(message) });
  return { contents, log };
}

describe('shell case 2: navigation and new windows are denied', () => {
  it.each(HOSTILE_URLS)('main-frame navigation to %s is prevented', (url) => {
    const { contents, log } = hardened();
    expect(contents.navigate('will-navigate', url)).toBe(true);
    expect(contents.navigate('will-redirect', url)).toBe(true);
    expect(log.length).toBe(2);
  });

  it('navigation inside the app is allowed', () => {
    const { contents } = hardened();
    for (const url of ['app://bookshelf/index.html', 'app://bookshelf/index.html#/publications/luat-69', 'app://bookshelf/']) {
      expect(contents.navigate('will-navigate', url)).toBe(false);
      expect(contents.navigate('will-redirect', url)).toBe(false);
    }
  });

  it("the window stays on the app's pages: its routes, never a raw catalog file, script or image", () => {
    const { contents } = hardened({ kiosk: true, production: true });
    for (const url of ['app://bookshelf/index.html?kiosk=1', 'app://bookshelf/publications/luat-69', 'app://bookshelf/read/luat-69', 'app://bookshelf/official/kiosk']) {
      expect(contents.navigate('will-navigate', url), url).toBe(false);
    }
    const raw = [
      'app://bookshelf/files/' + 'a'.repeat(64),
      'app://bookshelf/publications/luat-69/file',
      'app://bookshelf/assets/index-3f2a.js',
      'app://bookshelf/pdf.worker.min.mjs',
      'app://bookshelf/icons/app.png',
    ];
    for (const url of raw) {
      expect(contents.navigate('will-navigate', url), url).toBe(true);
      expect(contents.navigate('will-redirect', url), url).toBe(true);
    }
  });

  it('a reader iframe may show app pages and app blobs, never a remote page', () => {
    const { contents } = hardened();
    for (const url of ['app://bookshelf/files/' + 'a'.repeat(64), 'blob:app://bookshelf/0b1c', 'about:blank', 'about:srcdoc']) {
      expect(contents.navigate('will-frame-navigate', url, false)).toBe(false);
    }
    for (const url of [...HOSTILE_URLS, 'blob:https://evil.example/0b1c']) {
      expect(contents.navigate('will-frame-navigate', url, false)).toBe(true);
      expect(contents.navigate('will-redirect', url, false)).toBe(true);
    }
  });

  it.each([...HOSTILE_URLS, 'app://bookshelf/index.html'])('window.open(%s) is denied, no window is created', (url) => {
    const { contents } = hardened();
    const response = contents.open(url);
    expect(response).toEqual({ action: 'deny' });
  });

  it('the same protection holds in development and kiosk mode', () => {
    for (const options of [{ kiosk: false, production: false }, { kiosk: true, production: true }]) {
      const { contents } = hardened(options);
      expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
      expect(contents.open('https://evil.example/')).toEqual({ action: 'deny' });
    }
  });

  it('a <webview> is never attached', () => {
    const { contents } = hardened();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('no electron/ module can hand a URL to the operating system or load file://', () => {
    const dir = path.resolve(import.meta.dirname, '../../electron');
    for (const name of fs.readdirSync(dir).filter((file) => file.endsWith('.ts'))) {
      const source = fs.readFileSync(path.join(dir, name), 'utf8');
      expect(source, name).not.toMatch(/\bopenExternal\s*\(/);
      expect(source, name).not.toMatch(/\bshell\b[^\n]*from\s+['"]electron['"]/);
      expect(source, name).not.toMatch(/\bloadFile\s*\(/);
      expect(source, name).not.toMatch(/['"`]file:\/\//);
    }
  });

  it('remote requests (an EPUB tracking pixel, a stray fetch) are cancelled', () => {
    for (const url of ['http://tracker.example/pixel.gif', 'https://fonts.example/font.woff2', 'ws://evil.example/', 'file:///etc/passwd', 'app://evil/x']) {
      expect(isAllowedRequestUrl(url), url).toBe(false);
    }
    for (const url of ['app://bookshelf/assets/index.js', 'blob:app://bookshelf/1234', 'data:image/png;base64,AAAA', 'devtools://devtools/bundled/inspector.html']) {
      expect(isAllowedRequestUrl(url), url).toBe(true);
    }
  });
});
