/**
 * Issue 18, item 3, as electron/main.ts runs: a module of the app that fails to load (sharp's
 * libvips missing from the package, say) logs and exits with status 1 instead of leaving a
 * process with no window. The app module is replaced by one whose loading throws; `electron` is
 * the stand-in of fake-electron.ts.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).createFakeElectron());
vi.mock('../../electron/desktop-app.js', () => {
  throw new Error("libvips-cpp.so.8.17.3: cannot open shared object file: No such file or directory");
});

const logged: unknown[][] = [];

afterAll(() => void vi.restoreAllMocks());

describe('a start that fails while loading', () => {
  it('logs, says so in an error box outside kiosk mode, and exits 1', async () => {
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    await import('../../electron/main.js');
    await vi.waitFor(() => expect(fake.calls).toContain('exit 1'));
    const [message, error] = logged.find(([line]) => line === '[bookshelf] start-up failed') ?? [];
    expect(message).toBeDefined();
    // vitest wraps a failing mock factory's error; the module's own error is its cause.
    expect(String((error as Error).cause)).toContain('libvips-cpp.so.8.17.3');
    expect(fake.calls.some((call) => call.startsWith('showErrorBox Tủ sách pháp luật điện tử: Không khởi động được tủ sách.'))).toBe(true);
    expect(fake.windows).toHaveLength(0);
  });
});
