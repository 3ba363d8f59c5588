/**
 * Shell case 3 (shared/notes/security.md): camera, microphone, geolocation, notification and
 * clipboard requests are denied (Electron's default grants them all). Runs hardenSession on a
 * fake session and asks as a page would. Also: remote requests are cancelled at the session.
 */
import { describe, expect, it } from 'vitest';
import { hardenSession } from '../../electron/harden.js';
import { FakeSession, fakeEvent } from './fakes.js';

const PERMISSIONS = [
  'media', // camera and microphone
  'geolocation',
  'notifications',
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'midi',
  'hid',
  'serial',
  'usb',
  'openExternal',
  'fullscreen',
  'pointerLock',
  'persistent-storage',
  'unknown',
];

function hardened(kiosk = true) {
  const session = new FakeSession();
  const log: string[] = [];
  hardenSession(session.asElectron(), { kiosk, production: true, log: (message) => log.push(message) });
  return { session, log };
}

describe('shell case 3: every permission request is denied', () => {
  it.each(PERMISSIONS)('a request for %s is denied and logged', async (permission) => {
    const { session, log } = hardened();
    await expect(session.request(permission)).resolves.toBe(false);
    expect(log.some((line) => line.includes(permission))).toBe(true);
  });

  it.each(PERMISSIONS)('a check for %s answers no', (permission) => {
    const { session } = hardened();
    expect(session.checkHandler?.(null, permission, 'app://bookshelf', {})).toBe(false);
  });

  it('devices (USB, HID, serial) are never granted', () => {
    const { session } = hardened();
    expect(session.deviceHandler?.({ deviceType: 'usb', origin: 'app://bookshelf', device: {} })).toBe(false);
  });

  it('the session lets app:// through and cancels remote requests', () => {
    const { session } = hardened();
    expect(session.cancels('app://bookshelf/index.html')).toBe(false);
    expect(session.cancels('https://tracker.example/pixel.gif')).toBe(true);
    expect(session.cancels('http://192.168.1.10/')).toBe(true);
  });

  it('downloads are refused in kiosk mode only', () => {
    const kiosk = hardened(true).session;
    const event = fakeEvent();
    kiosk.emit('will-download', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
    expect(hardened(false).session.listenerCount('will-download')).toBe(0);
  });
});
