// `bookshelf import`: flags, the bilingual summary and the exit codes (0 nothing refused,
// 1 some refused, 2 usage error), in process and as a child process running the TypeScript
// sources through tsx the way bin/bookshelf.mjs does (so the worker loads there too).
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseTimeout, runImport } from '../../../catalog/cli/import.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { DEMO } from './helpers.js';
import { runCli, startCli } from '../../helpers/cli.js';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { io: { stdout, stderr }, out: () => out, err: () => err };
}


describe('bookshelf import', () => {
  it('imports, prints a bilingual summary and exits 0 when nothing is refused', async () => {
    const library = tempDir();
    const c = capture();
    const code = await runImport({ libraryDir: library, paths: [DEMO('nghi-quyet-so-17-2022-ubtvqh15-36956.pdf'), DEMO('truyen-kieu.epub')] }, c.io);
    expect(code).toBe(0);
    expect(c.out()).toContain('Đã nhập / Imported: 2');
    expect(c.out()).toContain('Bị từ chối / Refused: 0');
    expect(c.out()).toContain('[2/2]');
    // Again: both are duplicates now, still exit 0.
    const again = capture();
    expect(await runImport({ libraryDir: library, paths: [DEMO('truyen-kieu.epub')] }, again.io)).toBe(0);
    expect(again.out()).toContain('Trùng, đã có trong thư viện / Duplicates: 1');
  });

  it('exits 1 and lists each refused file with its reason', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'hong.pdf');
    fs.writeFileSync(bad, '%PDF-1.4\nnothing else');
    const c = capture();
    const code = await runImport({ libraryDir: tempDir(), paths: [bad, dir], json: true }, c.io);
    expect(code).toBe(1);
    const summary = JSON.parse(c.out());
    expect(summary.refused).toEqual([
      expect.objectContaining({ path: bad, code: 'pdf-damaged', reason: expect.objectContaining({ key: 'import.detailed', params: expect.objectContaining({ what: { key: 'import.refused.pdfDamaged' } }) }) }),
      expect.objectContaining({ path: bad }),
    ]);
    expect(summary.imported).toEqual([]);
  });

  it('prints no terminal escape from a file name or a title', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'hong\u001b[2J\u001b[31m.pdf'), '%PDF-1.4\nnothing else');
    const c = capture();
    expect(await runImport({ libraryDir: tempDir(), paths: [dir] }, c.io)).toBe(1);
    expect(c.out()).toContain('hong');
    expect(c.out()).not.toContain('\u001b');
  });

  it('exits 2 on a usage error: no paths, a bad flag, a bad timeout', () => {
    for (const argv of [[], ['--colour', 'x.pdf'], ['--timeout', 'abc', 'x.pdf'], ['--timeout', '0', 'x.pdf']]) {
      const result = runCli(['import', ...argv], { library: tempDir() });
      expect(result.status, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^bookshelf: /);
    }
    expect(parseTimeout('90')).toBe(90);
    expect(parseTimeout('0.5')).toBe(0.5);
    const help = runCli(['import', '--help']);
    expect(help.status).toBe(0);
    for (const flag of ['--library', '--json', '--timeout']) expect(help.stdout).toContain(flag);
  });

  it('runs as a child process from the TypeScript sources, worker included', () => {
    const library = tempDir();
    const result = runCli(['import', DEMO('quyet-dinh-so-28-2021-qd-ttg-34546.pdf'), '--timeout', '60'], { library });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('28/2021/QĐ-TTg');
    expect(result.stdout).toContain('Đã nhập / Imported: 1');
  });

  it('is wired into bin/bookshelf.mjs', () => {
    const result = runCli(['import', DEMO('truyen-kieu.epub')], { library: tempDir() });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Đã nhập / Imported: 1');
    expect(runCli(['import']).status).toBe(2);
  });

  it('lets two imports and an info run on one library at once, each file imported', async () => {
    const library = tempDir();
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = startCli(args, { env: { BOOKSHELF_HOME: library } });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('close', (code) => resolve({ code, out }));
      });
    const first = ['nghi-quyet-so-17-2022-ubtvqh15-36956.pdf', 'truyen-kieu.epub', 'thong-tu-so-12-2022-tt-bldtbxh-37536.pdf'].map(DEMO);
    const second = ['luat-so-69-2020-qh14-32699.pdf', 'quyet-dinh-so-28-2021-qd-ttg-34546.pdf', 'nghi-dinh-so-158-2025-nd-cp-45240.pdf'].map(DEMO);
    const [a, b] = await Promise.all([run(['import', ...first]), run(['import', ...second]), run(['info']), new Promise((r) => setTimeout(r, 300)).then(() => run(['info']))]);
    expect(a.out).toContain('Đã nhập / Imported: 3');
    expect(b.out).toContain('Đã nhập / Imported: 3');
    expect([a.code, b.code]).toEqual([0, 0]);
    const info = await run(['info']);
    expect(info.code).toBe(0);
    expect(info.out).toContain("Văn bản và sách / Publications: 6\n");
  }, 120_000);
});

