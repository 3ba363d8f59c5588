// The pdf.js options the reader always passes (notes/security.md cases 13 and 14): no eval,
// a finite image budget, no XFA, range loading with page 1 first; a pdf.js that has the CVE-2024-4367 fix; a UI
// CSP without 'unsafe-eval'; and the reader opens every document through these options.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { UI_CONTENT_SECURITY_POLICY } from '../../catalog/http/headers.js';
import { MAX_CANVAS_PIXELS, MAX_IMAGE_PIXELS, documentOptions } from '../../renderer/src/reader/pdf/options.js';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');

function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split(/[.-]/).map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) > b[i];
  }
  return true;
}

describe('pdf.js options of the reader', () => {
  const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
  const options = documentOptions({ source: { data: bytes } });

  it('never lets pdf.js evaluate strings as code', () => {
    expect(options.isEvalSupported).toBe(false);
  });

  it('bounds decoded images to a finite pixel count', () => {
    expect(Number.isFinite(options.maxImageSize)).toBe(true);
    expect(options.maxImageSize).toBeGreaterThan(4_000_000); // a 300 dpi A4 scan still shows
    expect(options.maxImageSize).toBeLessThanOrEqual(32 * 1024 * 1024);
    expect(options.maxImageSize).toBe(MAX_IMAGE_PIXELS);
    expect(MAX_CANVAS_PIXELS).toBeGreaterThan(0);
  });

  it('keeps XFA off and loads by ranges, only what is shown (no stream, no auto-fetch: page 1 first)', () => {
    expect(options.enableXfa).toBe(false);
    expect(options.disableRange).toBe(false);
    expect(options.disableStream).toBe(true);
    expect(options.disableAutoFetch).toBe(true);
    expect(options.rangeChunkSize).toBeGreaterThanOrEqual(65_536);
    expect(options).toMatchObject({ data: bytes });
    expect(options).not.toHaveProperty('url');
    expect(options.withCredentials).toBe(false);
  });

  it('gets fonts, CMaps and wasm from the build, not from URLs pdf.js would build', () => {
    const factory = class {};
    const withFactory = documentOptions({ source: { data: bytes }, BinaryDataFactory: factory });
    expect(withFactory.useWorkerFetch).toBe(false);
    expect((withFactory as { BinaryDataFactory?: unknown }).BinaryDataFactory).toBe(factory);
    expect(withFactory).not.toHaveProperty('standardFontDataUrl');
    expect(withFactory).not.toHaveProperty('cMapUrl');
  });

  it('is what the reader passes to getDocument', () => {
    const source = fs.readFileSync(path.join(root, 'renderer/src/reader/pdf/pdfjs.ts'), 'utf8');
    expect(source).toMatch(/getDocument\(documentOptions\(/);
    const all = fs.readdirSync(path.join(root, 'renderer/src/reader/pdf')).map((name) => fs.readFileSync(path.join(root, 'renderer/src/reader/pdf', name), 'utf8'));
    // One call site only, and no other pdf.js entry (legacy build, enableScripting, a password prompt).
    expect(all.join('\n').match(/getDocument\(/g)).toHaveLength(1);
    expect(all.join('\n')).not.toMatch(/pdfjs-dist\/legacy|enableScripting|onPassword/);
  });
});

describe('the pdf.js in use', () => {
  it('is 4.2.67 or later (CVE-2024-4367 fixed)', () => {
    const pkg = JSON.parse(fs.readFileSync(require.resolve('pdfjs-dist/package.json'), 'utf8')) as { version: string };
    expect(versionAtLeast(pkg.version, '4.2.67')).toBe(true);
    expect(versionAtLeast('4.2.66', '4.2.67')).toBe(false);
    expect(versionAtLeast('4.10.38', '4.2.67')).toBe(true);
  });

  it('runs under a UI policy without unsafe-eval', () => {
    expect(UI_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(UI_CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
  });
});
