/**
 * docs/uploads.md § The outbox: where a station sends its uploads — the hub URL officials set
 * (`bookshelf outbox --hub URL`), else its first http(s) sync source, `--hub none` going back to
 * that — and how long a failed item waits before it is tried again: 30 s, doubling, at most 1 h.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Library } from '../../catalog/library.js';
import { defaultBackoff } from '../../catalog/outbox/service.js';
import { outboxSettings } from '../../catalog/outbox/settings.js';
import { addSource } from '../../catalog/sync/sources.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { keys } from '../catalog/feed/fixtures.js';

const settingsOf = async (dir: string) => {
  const library = await Library.open(dir);
  try {
    return outboxSettings(library);
  } finally {
    library.close();
  }
};

describe('the hub the outbox sends to', () => {
  it('is the first http(s) sync source until officials set one; `outbox --hub` sets it and `--hub none` goes back', async () => {
    const dir = tempDir('outbox-hub-');
    const library = await Library.open(dir);
    expect(outboxSettings(library).effectiveHubUrl).toBeNull();
    const publicKeys = [fs.readFileSync(keys().publicKeyPath, 'utf8')];
    addSource(library, { location: tempDir('usb-feed-'), publicKeys });
    // A folder (a USB drive) is not a hub.
    expect(outboxSettings(library).effectiveHubUrl).toBeNull();
    addSource(library, { location: 'https://tinh.example.vn/feed/', publicKeys });
    addSource(library, { location: 'https://khac.example.vn/feed/', publicKeys });
    expect(outboxSettings(library)).toMatchObject({ hubUrl: null, effectiveHubUrl: 'https://tinh.example.vn/feed/' });
    library.close();

    const set = runCli(['outbox', '--hub', 'https://hub.example.vn/'], { library: dir });
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout).toContain('https://hub.example.vn/');
    expect(await settingsOf(dir)).toMatchObject({ hubUrl: 'https://hub.example.vn/', effectiveHubUrl: 'https://hub.example.vn/' });

    const cleared = runCli(['outbox', '--hub', 'none'], { library: dir });
    expect(cleared.status, cleared.stderr).toBe(0);
    expect(cleared.stdout).toContain('https://tinh.example.vn/feed/');
    expect(await settingsOf(dir)).toMatchObject({ hubUrl: null, effectiveHubUrl: 'https://tinh.example.vn/feed/' });
  });
});

describe('a failed item waits before it is tried again', () => {
  it('30 s after the first failure, doubling with each, never more than an hour', () => {
    const waits = Array.from({ length: 10 }, (_, i) => defaultBackoff(i + 1));
    expect(waits.slice(0, 5)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(Math.max(...waits)).toBe(3_600_000);
    expect(defaultBackoff(100)).toBe(3_600_000);
  });
});
