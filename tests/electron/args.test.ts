/**
 * The app's command line (electron/args.ts), as `bookshelf start` passes it in development and
 * as a packaged executable receives it, with Chromium switches mixed in.
 */
import { describe, expect, it } from 'vitest';
import { parseAppArgs } from '../../electron/args.js';

describe('parseAppArgs', () => {
  it('--self-test asks for the installation check', () => {
    expect(parseAppArgs(['C:\\Program Files\\Tu sach\\tu-sach-phap-luat.exe', '--self-test', '--json'])).toEqual({ kiosk: false, demo: true, selfTest: true });
  });

  it('defaults: no library, no kiosk, demo on', () => {
    expect(parseAppArgs(['/usr/bin/electron', '/opt/app'])).toEqual({ kiosk: false, demo: true, selfTest: false });
  });

  it('reads what catalog/cli/serve.ts passes', () => {
    expect(parseAppArgs(['/usr/bin/electron', '/opt/app', '--library', '/srv/tu-sach', '--kiosk', '--no-demo'])).toEqual({
      library: '/srv/tu-sach',
      kiosk: true,
      demo: false,
      selfTest: false,
    });
  });

  it('accepts --library=DIR, including paths with spaces and Vietnamese letters', () => {
    expect(parseAppArgs(['C:\\Program Files\\Tu sach\\tu-sach-phap-luat.exe', '--library=D:\\Thư viện xã'])).toEqual({
      library: 'D:\\Thư viện xã',
      kiosk: false,
      demo: true,
      selfTest: false,
    });
  });

  it('ignores Chromium and Electron switches and positional arguments', () => {
    expect(
      parseAppArgs(['electron', '.', '--no-sandbox', '--enable-logging', '--inspect=9229', '--lang=vi', 'extra', '--kiosk', '--library', 'lib']),
    ).toEqual({ library: 'lib', kiosk: true, demo: true, selfTest: false });
  });

  it('a --library without a value leaves the default in place', () => {
    expect(parseAppArgs(['electron', '.', '--library'])).toEqual({ kiosk: false, demo: true, selfTest: false });
    expect(parseAppArgs(['electron', '.', '--library', '--kiosk'])).toEqual({ kiosk: true, demo: true, selfTest: false });
    expect(parseAppArgs(['electron', '.', '--library='])).toEqual({ kiosk: false, demo: true, selfTest: false });
  });

  it('the last --library wins', () => {
    expect(parseAppArgs(['electron', '.', '--library', 'a', '--library=b']).library).toBe('b');
  });
});
