/**
 * README.md ("Three commands") and docs/kiosk.md ("Power-loss recovery"): where Chromium, the
 * corpora, SANE, tesseract, pdftotext or FUSE are missing, the tests that need them skip with a
 * message naming the package to install — except under CI=true, where that is an error. Each
 * helper that decides is run in a child process whose PATH holds no program at all (and whose
 * Chromium path and corpora part do not exist), once without CI and once with CI=true.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../catalog/package-root.js';
import { tempDir } from '../helpers/temp-dir.js';

/** What each helper said: its result, or the message it threw; and what it warned. */
interface Said {
  results: Record<string, { returned?: unknown; threw?: string }>;
  warnings: string[];
}

const PROBE = `
const warnings = [];
console.warn = (...parts) => warnings.push(parts.join(' '));
const results = {};
const helper = (name) => import(new URL('tests/' + name, 'file://${PACKAGE_ROOT}/').href);
async function run(name, call) {
  try { results[name] = { returned: await call() }; } catch (error) { results[name] = { threw: String(error.message) }; }
}
await run('tools', async () => (await helper('helpers/system-tools.ts')).missingTools('scanimage', 'tesseract', 'pdftotext'));
await run('pdftotext', async () => (await helper('helpers/pdf-text.ts')).pdftotextMissing());
await run('powercut', async () => (await helper('helpers/powercut-mount.ts')).powercutMissing());
await run('corpus', async () => (await helper('helpers/corpora.ts')).corpusMissing('no-such-part-of-the-corpora'));
await run('chromium', async () => { await import(new URL('playwright.config.ts', 'file://${PACKAGE_ROOT}/').href); return true; });
process.stdout.write(JSON.stringify({ results, warnings }));
`;

/** The helpers' answers in a child with no programs on PATH, a missing Chromium, and CI as given. */
function probe(ci: boolean): Said {
  const renderer = tempDir('missing-tools-ui-');
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: tempDir('missing-tools-path-'),
    CHROMIUM_PATH: path.join(tempDir('missing-tools-chromium-'), 'chromium'),
    BOOKSHELF_RENDERER_DIR: renderer,
  };
  delete env.CI;
  if (ci) env.CI = 'true';
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PROBE], { cwd: PACKAGE_ROOT, env, encoding: 'utf8' });
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout) as Said;
}

const PACKAGES = {
  tools: ['sane-utils', 'tesseract-ocr tesseract-ocr-vie', 'poppler-utils'],
  pdftotext: ['poppler-utils'],
  powercut: ['fuse3', 'libfuse3-dev', 'gcc', 'pkg-config'],
  corpus: ['no-such-part-of-the-corpora'],
  chromium: ['"chromium"'],
} as const;

describe('a test whose tool is missing', () => {
  it('skips with a message naming the package to install', () => {
    const { results, warnings } = probe(false);
    for (const [name, words] of Object.entries(PACKAGES)) {
      const said = results[name];
      expect(said.threw, name).toBeUndefined();
      expect(said.returned, name).toBeTruthy();
      // The reason the helper gives the skip, or the warning it prints (Chromium's and the corpora's).
      const message = typeof said.returned === 'string' ? said.returned : warnings.join('\n');
      for (const word of words) expect(message, name).toContain(word);
    }
    expect(warnings.join('\n')).toMatch(/chromium/);
  });

  it('is an error under CI=true, naming what is missing', () => {
    const { results } = probe(true);
    for (const [name, words] of Object.entries(PACKAGES)) {
      const said = results[name];
      expect(said.threw, name).toBeTruthy();
      for (const word of words) expect(said.threw, name).toContain(word.replaceAll('"', ''));
    }
  });
});
