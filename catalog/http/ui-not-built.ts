/**
 * What a station says when its UI was never built (a checkout before `npm run build`): a plain
 * HTML page at `/` — Vietnamese, then English — saying so and how to build it, where the static
 * handler (./static.ts) would otherwise answer a bare JSON not_found; and the same words for the
 * console of `bookshelf serve` and `start`. No script; its one style is allowed by its hash.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { say } from '../../shared/messages.js';
import type { Language } from '../../shared/messages.js';
import { COMMON_HEADERS } from './headers.js';

/** The command that builds the UI, shown as typed. */
export const BUILD_COMMAND = 'npm run build';

/** True when the folder holds a built UI (its index.html). */
export function uiBuilt(rendererDir: string): boolean {
  return fs.existsSync(path.join(rendererDir, 'index.html'));
}

/** The console's lines, Vietnamese first: the UI is not built, and how to build it. */
export function uiNotBuiltLines(): string[] {
  return (['vi', 'en'] as const).map((lang) => `⚠ ${say(lang, { key: 'http.uiNotBuilt.title' })}. ${say(lang, { key: 'http.uiNotBuilt.how', params: { command: BUILD_COMMAND } })}`);
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = 'body{margin:0 auto;max-width:42rem;padding:2rem 1.25rem;font:1.25rem/1.55 system-ui,sans-serif;color:#1f2937}h1{font-size:1.8rem}h2{font-size:1.4rem;margin-top:2.5rem}code{padding:.1em .35em;background:#f3f4f6;border-radius:4px}';
const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** One language's part of the page: a heading and how to build, the command as code. */
function part(lang: Language, heading: 'h1' | 'h2'): string {
  const marker = '\u0000';
  const how = escapeHtml(say(lang, { key: 'http.uiNotBuilt.how', params: { command: marker } })).replace(marker, `<code>${BUILD_COMMAND}</code>`);
  return `<${heading}>${escapeHtml(say(lang, { key: 'http.uiNotBuilt.title' }))}</${heading}><p>${how}</p>`;
}

const PAGE = [
  '<!doctype html>',
  '<html lang="vi">',
  '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
  `<title>${escapeHtml(say('vi', { key: 'http.uiNotBuilt.title' }))}</title>`,
  `<style>${STYLE}</style></head>`,
  `<body><main>${part('vi', 'h1')}<section lang="en">${part('en', 'h2')}</section></main></body>`,
  '</html>',
].join('\n');

/** 503 with the page (a HEAD gets the headers alone). */
export function uiNotBuiltResponse(request: Request): Response {
  return new Response(request.method === 'HEAD' ? null : PAGE, {
    status: 503,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY' },
  });
}
