/**
 * `npm start` builds only what needs it (catalog/cli/build-if-stale.ts): a part whose build is
 * missing or older than any of its sources, in a tree of real files with set modification times;
 * the one line it prints says what it does, in both languages. package.json's start script runs it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_PARTS, buildLine, buildNeed } from '../../../catalog/cli/build-if-stale.js';
import { PACKAGE_ROOT } from '../../../catalog/package-root.js';
import { tempDir } from '../../helpers/temp-dir.js';

const [ui, app] = BUILD_PARTS;
const T0 = new Date('2025-06-01T08:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** Writes a file under root with its modification time. */
function file(root: string, name: string, at: Date): void {
  const target = path.join(root, name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, name);
  fs.utimesSync(target, at, at);
}

/** A checkout: sources of both parts at T0, and (unless `unbuilt`) their builds a minute later. */
function checkout(unbuilt = false): string {
  const root = tempDir('build-if-stale-');
  for (const name of ['renderer/src/App.tsx', 'shared/text.ts', 'electron/main.ts', 'catalog/library.ts', 'package.json', 'tsconfig.json']) file(root, name, T0);
  if (!unbuilt) for (const output of [...ui.outputs, ...app.outputs]) file(root, output, later(1));
  return root;
}

describe('building before npm start', () => {
  it('builds a part whose build is missing', () => {
    const root = checkout(true);
    expect(buildNeed(root, ui)).toBe('missing');
    expect(buildNeed(root, app)).toBe('missing');
    file(root, 'dist/renderer/index.html', later(1));
    expect(buildNeed(root, ui)).toBeNull();
    file(root, 'dist/app/electron/main.js', later(1)); // the preload is still missing
    expect(buildNeed(root, app)).toBe('missing');
  });

  it('leaves a build newer than its sources alone, and rebuilds a part when one of its sources changes', () => {
    const root = checkout();
    expect([buildNeed(root, ui), buildNeed(root, app)]).toEqual([null, null]);
    // A renderer file, deep in its folder: the UI only.
    file(root, 'renderer/src/official/UsagePage.tsx', later(2));
    expect([buildNeed(root, ui), buildNeed(root, app)]).toEqual(['stale', null]);
    // The engine: the Electron app only. Shared code: both.
    const engine = checkout();
    file(engine, 'catalog/report/pdf.ts', later(2));
    expect([buildNeed(engine, ui), buildNeed(engine, app)]).toEqual([null, 'stale']);
    const shared = checkout();
    file(shared, 'shared/messages/report.ts', later(2));
    expect([buildNeed(shared, ui), buildNeed(shared, app)]).toEqual(['stale', 'stale']);
    // node_modules is not a source.
    const deps = checkout();
    file(deps, 'renderer/node_modules/x/index.js', later(5));
    expect(buildNeed(deps, ui)).toBeNull();
  });

  it('says in one line what it does, Vietnamese then English', () => {
    expect(buildLine([])).toBe('Bản build mới hơn mã nguồn: không build lại / The build is newer than the sources: not rebuilding');
    expect(buildLine([{ part: ui, need: 'stale' }])).toBe(
      'Mã nguồn mới hơn bản build: đang build lại giao diện (khoảng 20 giây)… / Sources newer than the build: rebuilding the UI (about 20 seconds)…',
    );
    expect(buildLine([{ part: ui, need: 'stale' }, { part: app, need: 'missing' }])).toBe(
      'Chưa có bản build: đang build giao diện và ứng dụng Electron (khoảng 20 giây)… / Not built yet: building the UI and the Electron app (about 20 seconds)…',
    );
    expect(buildLine([{ part: app, need: 'stale' }])).not.toContain('\n');
  });

  it('builds with the package’s own scripts, before `npm start` starts the app', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const part of BUILD_PARTS) expect(pkg.scripts[part.script]).toBeDefined();
    expect(pkg.scripts.start).toBe('node --import tsx catalog/cli/build-if-stale.ts && node bin/bookshelf.mjs start');
  });
});
