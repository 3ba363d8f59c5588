/** `bookshelf kiosk`: the station's kiosk settings, stored in the library and seen by library.info. */
import { describe, expect, it } from 'vitest';
import { runKiosk } from '../../../catalog/cli/kiosk.js';
import { UsageError } from '../../../catalog/cli/usage.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary } from '../../helpers/temp-library.js';

describe('bookshelf kiosk', () => {
  it('shows, turns on, sets the idle delay and turns off; library.info follows', async () => {
    const libraryDir = tempDir('kiosk-cli-');
    const out: string[] = [];
    const write = (text: string) => void out.push(text);
    expect(await runKiosk({ libraryDir, on: false, off: false }, write)).toBe(0);
    expect(out.join('')).toMatch(/Kiosk mode at start: tắt \/ off[\s\S]*180 giây/);
    out.length = 0;
    expect(await runKiosk({ libraryDir, on: true, off: false, idle: '120' }, write)).toBe(0);
    expect(out.join('')).toMatch(/bật \/ on[\s\S]*120 giây/);
    const library = await openTestLibrary(libraryDir);
    expect(library.info().kiosk).toEqual({ enabled: true, idleSeconds: 120 });
    expect(await runKiosk({ libraryDir, on: false, off: true }, write)).toBe(0);
    expect(library.info().kiosk).toEqual({ enabled: false, idleSeconds: 120 });
    await expect(runKiosk({ libraryDir, on: true, off: true }, write)).rejects.toBeInstanceOf(UsageError);
    await expect(runKiosk({ libraryDir, on: false, off: false, idle: '5' }, write)).rejects.toThrow(/30 đến 3600/);
  });
});
