/** `bookshelf update`: the update URL and channel the app's updater reads, checked before they are stored. */
import { describe, expect, it } from 'vitest';
import { runUpdateSettings } from '../../../catalog/cli/update.js';
import { UsageError } from '../../../catalog/cli/usage.js';
import { storedUpdateSettings } from '../../../catalog/updates/settings.js';
import { resolveUpdateConfig } from '../../../electron/update-config.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary } from '../../helpers/temp-library.js';

describe('bookshelf update', () => {
  it('stores what the updater then reads, refuses plain http and unknown channels, and clears the URL', async () => {
    const libraryDir = tempDir('update-cli-');
    const out: string[] = [];
    const write = (text: string) => void out.push(text);
    expect(await runUpdateSettings({ libraryDir, url: 'https://tusach.example.gov.vn/updates', channel: 'beta' }, write)).toBe(0);
    expect(out.join('')).toMatch(/Update URL: https:\/\/tusach\.example\.gov\.vn\/updates[\s\S]*Channel: beta/);
    const library = await openTestLibrary(libraryDir);
    expect(resolveUpdateConfig(storedUpdateSettings(library))).toMatchObject({ ok: true, config: { url: 'https://tusach.example.gov.vn/updates', channel: 'beta', allowDowngrade: false } });

    await expect(runUpdateSettings({ libraryDir, url: 'http://tusach.example.gov.vn/updates' }, write)).rejects.toBeInstanceOf(UsageError);
    await expect(runUpdateSettings({ libraryDir, channel: 'nightly' }, write)).rejects.toThrow(/latest \| beta/);
    expect(await runUpdateSettings({ libraryDir, url: 'none' }, write)).toBe(0);
    expect(resolveUpdateConfig(storedUpdateSettings(library))).toMatchObject({ ok: true, config: { url: null, channel: 'beta' } });
  });
});
