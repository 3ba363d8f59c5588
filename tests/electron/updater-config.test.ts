/**
 * electron/update-config.ts: the station's `update.url` / `update.channel` settings become
 * electron-updater's options; a non-https server is refused (security notes, case 19: the
 * manifest is only as trustworthy as its transport), downgrades are never allowed.
 */
import { describe, expect, it } from 'vitest';
import { UPDATE_CHANNEL_KEY, UPDATE_CHECK_INTERVAL_MS, UPDATE_URL_KEY, resolveUpdateConfig, selfUpdating, updateUrlProblem } from '../../electron/update-config.js';
import { SETTINGS, setSetting } from '../../catalog/db/settings.js';
import { storedUpdateSettings } from '../../catalog/updates/settings.js';
import type { StoredUpdateSettings } from '../../catalog/updates/settings.js';
import { tempLibrary } from '../helpers/temp-library.js';

function settings(values: Record<string, string>): StoredUpdateSettings {
  return { url: values[UPDATE_URL_KEY] ?? null, channel: values[UPDATE_CHANNEL_KEY] ?? null };
}

describe('update config from the settings table', () => {
  it('turns a hub URL and channel into a generic-provider config with no downgrade', () => {
    expect(resolveUpdateConfig(settings({ [UPDATE_URL_KEY]: 'https://tusach.example.vn/updates', [UPDATE_CHANNEL_KEY]: 'latest' }))).toEqual({
      ok: true,
      config: {
        provider: 'generic',
        url: 'https://tusach.example.vn/updates',
        channel: 'latest',
        allowDowngrade: false,
        allowPrerelease: false,
        autoDownload: true,
        autoInstallOnAppQuit: true,
      },
    });
  });

  it('beta allows prereleases but still no downgrade', () => {
    const result = resolveUpdateConfig(settings({ [UPDATE_URL_KEY]: 'https://hub.example/u/', [UPDATE_CHANNEL_KEY]: 'beta' }));
    expect(result).toMatchObject({ ok: true, config: { channel: 'beta', allowPrerelease: true, allowDowngrade: false } });
  });

  it('defaults to the latest channel and the build-time URL when nothing is set', () => {
    expect(resolveUpdateConfig(settings({}))).toMatchObject({ ok: true, config: { url: null, channel: 'latest', allowPrerelease: false, allowDowngrade: false } });
    expect(resolveUpdateConfig(settings({ [UPDATE_URL_KEY]: '  ', [UPDATE_CHANNEL_KEY]: '' }))).toMatchObject({ ok: true, config: { url: null, channel: 'latest' } });
  });

  it('refuses an unknown channel rather than guessing', () => {
    const result = resolveUpdateConfig(settings({ [UPDATE_CHANNEL_KEY]: 'alpha' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/latest or beta/);
  });

  it.each([
    'http://hub.example.vn/updates',
    'ftp://hub.example.vn/updates',
    'file:///C:/updates',
    'http://192.168.1.10/updates',
    'https://user:secret@hub.example.vn/updates',
    'not a url',
  ])('refuses %s as an update server', (url) => {
    expect(updateUrlProblem(url)).not.toBeNull();
    expect(resolveUpdateConfig(settings({ [UPDATE_URL_KEY]: url })).ok).toBe(false);
  });

  it.each(['https://hub.example.vn/updates', 'http://127.0.0.1:8080/updates', 'http://localhost/updates', 'http://[::1]:9000/u'])('accepts %s', (url) => {
    expect(updateUrlProblem(url)).toBeNull();
  });

  it('reads the keys from a real station library', async () => {
    const library = await tempLibrary('bookshelf-update-');
    setSetting(library.db, SETTINGS.updateUrl, 'https://hub.example.vn/updates');
    setSetting(library.db, SETTINGS.updateChannel, 'beta');
    expect(resolveUpdateConfig(storedUpdateSettings(library))).toMatchObject({ ok: true, config: { url: 'https://hub.example.vn/updates', channel: 'beta', allowDowngrade: false } });
    setSetting(library.db, SETTINGS.updateUrl, 'http://hub.example.vn/updates');
    expect(resolveUpdateConfig(storedUpdateSettings(library)).ok).toBe(false);
  });

  it('checks every 6 hours', () => {
    expect(UPDATE_CHECK_INTERVAL_MS).toBe(6 * 60 * 60 * 1000);
  });
});

describe('which installs update themselves', () => {
  it('Windows and the AppImage do; a .deb (pkexec prompt over the kiosk) does not', () => {
    expect(selfUpdating('win32', {})).toBe(true);
    expect(selfUpdating('linux', { APPIMAGE: '/opt/tu-sach.AppImage' })).toBe(true);
    expect(selfUpdating('linux', {})).toBe(false);
    expect(selfUpdating('freebsd', {})).toBe(false);
  });
});
