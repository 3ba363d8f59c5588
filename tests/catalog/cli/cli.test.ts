import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { say } from '../../../shared/messages.js';
import { SCHEMA_VERSION } from '../../../catalog/db/migrations.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { jsonBody } from '../../helpers/json-body.js';
import { runCli, startServing } from '../../helpers/cli.js';

const run = (args: string[], env: Record<string, string> = {}) => runCli(args, { env });

/** Starts `bookshelf serve` on a free port and waits for its address line. */
const serve = (args: string[], env: NodeJS.ProcessEnv = {}) => startServing(['serve', '--port', '0', ...args], { env });

describe('bookshelf CLI', () => {
  it('lists its commands with --help', () => {
    const result = run(['--help']);
    expect(result.status).toBe(0);
    for (const command of ['start', 'serve', 'info', '--library', '--port', '--host', '--no-demo']) expect(result.stdout).toContain(command);
  });

  it('refuses an unknown command or a bad flag with a clear message and exit code 2', () => {
    const unknown = run(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Lệnh không tồn tại / Unknown command: "frobnicate"');
    const badFlag = run(['info', '--colour']);
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toContain("'--colour'");
    const badPort = run(['serve', '--port', 'tám']);
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain('--port');
    expect(run(['serve', '--port']).status).toBe(2);
  });

  it('reports an empty library with info, in the folder BOOKSHELF_HOME names', () => {
    const home = tempDir();
    const result = run(['info', '--json'], { BOOKSHELF_HOME: home });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ publications: 0, schemaVersion: SCHEMA_VERSION, libraryDir: home });
  });

  it('serves a fresh library filled with the demo set, then stops cleanly', async () => {
    const library = tempDir();
    const server = await serve(['--library', library]);
    expect(server.output()).toContain('Demo library loaded: 38 publications');
    const info = await jsonBody(await fetch(`${server.url}/api/library.info`, { method: 'POST', body: '{}' }));
    expect(info.result.publications).toBe(38);
    expect(await server.stop()).toBe(0);
    expect(JSON.parse(run(['info', '--json', '--library', library]).stdout).publications).toBe(38);
    // The demo library is searchable from the command line, by number and by words.
    const byNumber = run(['search', '158/2025/nd-cp', '--library', library]);
    expect(byNumber.status).toBe(0);
    expect(byNumber.stdout.split('\n')[2]).toMatch(/^1\. Nghị định/);
    expect(byNumber.stdout).toContain('158/2025/NĐ-CP');
    const byWords = JSON.parse(run(['search', 'số giờ làm thêm trong một tháng', '--json', '--limit', '3', '--library', library]).stdout);
    expect(byWords.items[0].publication.number).toBe('17/2022/UBTVQH15');
    expect(byWords.items[0].hits[0].label).toMatch(/^Điều \d/);
    expect(byWords.facets.docType.length).toBeGreaterThan(0);
    const filtered = JSON.parse(run(['search', 'lao động', '--json', '--type', 'Luật', '--library', library]).stdout);
    expect(filtered.items.every((i: { publication: { docType: string } }) => i.publication.docType === 'Luật')).toBe(true);
    expect(run(['search', '--library', library]).status).toBe(2);
    expect(run(['search', 'x', '--limit', '0', '--library', library]).status).toBe(2);
    expect(run(['search', 'x', '--year', 'năm', '--library', library]).status).toBe(2);
  });

  it('says at start and at / that the UI is not built and how to build it, in Vietnamese then English', async () => {
    const renderer = tempDir('unbuilt-renderer-');
    const server = await serve(['--library', tempDir(), '--no-demo'], { BOOKSHELF_RENDERER_DIR: renderer });
    try {
      // The console, once, after the address.
      const vi = `⚠ ${say('vi', { key: 'http.uiNotBuilt.title' })}. ${say('vi', { key: 'http.uiNotBuilt.how', params: { command: 'npm run build' } })}`;
      const en = `⚠ ${say('en', { key: 'http.uiNotBuilt.title' })}. ${say('en', { key: 'http.uiNotBuilt.how', params: { command: 'npm run build' } })}`;
      await expect.poll(() => server.output()).toContain(`${vi}\n${en}\n`);
      expect(server.output().indexOf(vi)).toBeGreaterThan(server.output().indexOf(server.url));

      // The page: plain HTML (no script), Vietnamese first, the command as code; not a JSON not_found.
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(503);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
      const html = await page.text();
      expect(html).toMatch(/^<!doctype html>\n<html lang="vi">/);
      expect(html).not.toMatch(/<script/i);
      const vietnamese = html.indexOf(`<h1>${say('vi', { key: 'http.uiNotBuilt.title' })}</h1>`);
      const english = html.indexOf(`<section lang="en"><h2>${say('en', { key: 'http.uiNotBuilt.title' })}</h2>`);
      expect(vietnamese).toBeGreaterThan(0);
      expect(english).toBeGreaterThan(vietnamese);
      expect(html.match(/<code>npm run build<\/code>/g)).toHaveLength(2);
      expect((await fetch(`${server.url}/?kiosk=1`)).status).toBe(503);
      // An asset of a UI that is not there is still a plain not_found, and the API answers as ever.
      const asset = await fetch(`${server.url}/assets/index.js`);
      expect([asset.status, (await jsonBody(asset)).error.code]).toEqual([404, 'not_found']);
      expect((await jsonBody(await fetch(`${server.url}/api/library.info`, { method: 'POST', body: '{}' }))).ok).toBe(true);

      // Once the UI is built there, the same server serves it.
      fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Tủ sách</title>');
      const built = await fetch(`${server.url}/`);
      expect([built.status, await built.text()]).toEqual([200, '<!doctype html><title>Tủ sách</title>']);
    } finally {
      await server.stop();
    }
  });

  it('says nothing of the kind when the UI is built', async () => {
    const renderer = tempDir('built-renderer-');
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
    const server = await serve(['--library', tempDir(), '--no-demo'], { BOOKSHELF_RENDERER_DIR: renderer });
    await server.stop();
    expect(server.output()).not.toContain(say('en', { key: 'http.uiNotBuilt.title' }));
  });

  it('leaves an empty library empty with --no-demo', async () => {
    const server = await serve(['--library', tempDir(), '--no-demo']);
    const info = await jsonBody(await fetch(`${server.url}/api/library.info`, { method: 'POST', body: '{}' }));
    expect(info.result.publications).toBe(0);
    await server.stop();
  });
});
