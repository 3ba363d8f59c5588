/**
 * Issue 18, item 12: on Windows electron/main.ts gives the process electron-builder's appId as its
 * AppUserModelID before the window opens, so the pinned shortcut, the running window and the
 * taskbar are one icon, not two. Runs main against the stand-in `electron` with process.platform
 * reading 'win32'.
 */
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron.js';
import { quitMain, startMain } from './run-main.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).createFakeElectron());

const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;

beforeAll(async () => {
  // Loaded first, under the real platform: sharp picks its native package by platform as it loads.
  await import('../../electron/desktop-app.js');
  Object.defineProperty(process, 'platform', { ...platform, value: 'win32' });
  await startMain(['--no-demo']);
});

afterAll(async () => {
  Object.defineProperty(process, 'platform', platform);
  await quitMain();
});

describe('the Windows AppUserModelID', () => {
  it("is electron-builder's appId, set before the app is ready", () => {
    const { appId } = yaml.load(fs.readFileSync(path.resolve(import.meta.dirname, '../../build/electron-builder.yml'), 'utf8')) as { appId: string };
    const set = fake.calls.indexOf(`setAppUserModelId ${appId}`);
    expect(set).toBeGreaterThan(-1);
    expect(set).toBeLessThan(fake.calls.indexOf('whenReady'));
    expect(fake.calls).not.toContain('appendSwitch password-store basic'); // Linux only
  });
});
