/**
 * Shell case 5 (shared/notes/security.md): in kiosk mode F12, Ctrl+Shift+I, Ctrl+R, F5, Ctrl+W,
 * Ctrl+O, Ctrl+P (and the rest of the list in harden.ts) have no effect, nor do the keys that reach
 * the window manager on Windows (Alt+Space, F10, a lone Alt, Alt+F4; issue 18), while typing,
 * copying, finding and zooming still work. Emits before-input-event on a hardened fake web contents.
 */
import { describe, expect, it } from 'vitest';
import type { Input } from 'electron';
import { hardenWebContents } from '../../electron/harden.js';
import { FakeWebContents, fakeEvent } from './fakes.js';

interface Keys {
  key: string;
  code?: string;
  control?: boolean;
  shift?: boolean;
  alt?: boolean;
  meta?: boolean;
}

function input(keys: Keys): Input {
  return {
    type: 'keyDown',
    key: keys.key,
    code: keys.code ?? '',
    isAutoRepeat: false,
    isComposing: false,
    control: keys.control ?? false,
    shift: keys.shift ?? false,
    alt: keys.alt ?? false,
    meta: keys.meta ?? false,
    location: 0,
    modifiers: [],
  };
}

function press(contents: FakeWebContents, keys: Keys): boolean {
  const event = fakeEvent();
  contents.emit('before-input-event', event, input(keys));
  return event.defaultPrevented;
}

function hardened(kiosk: boolean, production: boolean): FakeWebContents {
  const contents = new FakeWebContents();
  hardenWebContents(contents.asElectron(), { kiosk, production });
  return contents;
}

const DEVTOOLS: Record<string, Keys> = {
  F12: { key: 'F12', code: 'F12' },
  'Ctrl+Shift+I': { key: 'I', code: 'KeyI', control: true, shift: true },
  'Ctrl+Shift+J': { key: 'J', code: 'KeyJ', control: true, shift: true },
  'Ctrl+Shift+C': { key: 'C', code: 'KeyC', control: true, shift: true },
  'Cmd+Alt+I': { key: 'ˆ', code: 'KeyI', meta: true, alt: true },
};

const KIOSK_ONLY: Record<string, Keys> = {
  'Ctrl+R': { key: 'r', code: 'KeyR', control: true },
  'Ctrl+Shift+R': { key: 'R', code: 'KeyR', control: true, shift: true },
  F5: { key: 'F5', code: 'F5' },
  'Ctrl+F5': { key: 'F5', code: 'F5', control: true },
  F11: { key: 'F11', code: 'F11' },
  'Ctrl+W': { key: 'w', code: 'KeyW', control: true },
  'Ctrl+F4': { key: 'F4', code: 'F4', control: true },
  'Alt+F4': { key: 'F4', code: 'F4', alt: true },
  'Alt+Space (system menu)': { key: ' ', code: 'Space', alt: true },
  F10: { key: 'F10', code: 'F10' },
  'Alt alone (menu mode)': { key: 'Alt', code: 'AltLeft', alt: true },
  'right Alt alone': { key: 'Alt', code: 'AltRight', alt: true },
  'Ctrl+Q': { key: 'q', code: 'KeyQ', control: true },
  'Cmd+Q': { key: 'q', code: 'KeyQ', meta: true },
  'Ctrl+O': { key: 'o', code: 'KeyO', control: true },
  'Ctrl+S': { key: 's', code: 'KeyS', control: true },
  'Ctrl+P': { key: 'p', code: 'KeyP', control: true },
  'Ctrl+N': { key: 'n', code: 'KeyN', control: true },
  'Ctrl+Shift+N': { key: 'N', code: 'KeyN', control: true, shift: true },
  'Ctrl+T': { key: 't', code: 'KeyT', control: true },
  'Ctrl+U': { key: 'u', code: 'KeyU', control: true },
  'Ctrl+J': { key: 'j', code: 'KeyJ', control: true },
  'Ctrl+Shift+Delete': { key: 'Delete', code: 'Delete', control: true, shift: true },
};

const ALLOWED: Record<string, Keys> = {
  a: { key: 'a', code: 'KeyA' },
  'Shift+A': { key: 'A', code: 'KeyA', shift: true },
  'ư (Vietnamese input)': { key: 'ư', code: 'BracketLeft' },
  Enter: { key: 'Enter', code: 'Enter' },
  Backspace: { key: 'Backspace', code: 'Backspace' },
  Escape: { key: 'Escape', code: 'Escape' },
  ArrowDown: { key: 'ArrowDown', code: 'ArrowDown' },
  Tab: { key: 'Tab', code: 'Tab' },
  'Ctrl+C': { key: 'c', code: 'KeyC', control: true },
  'Ctrl+V': { key: 'v', code: 'KeyV', control: true },
  'Ctrl+A': { key: 'a', code: 'KeyA', control: true },
  'Ctrl+F': { key: 'f', code: 'KeyF', control: true },
  'Ctrl+Plus (zoom)': { key: '+', code: 'Equal', control: true, shift: true },
  'Ctrl+Minus (zoom)': { key: '-', code: 'Minus', control: true },
  'AltGr+C (Ctrl+Alt+C on Windows)': { key: 'ć', code: 'KeyC', control: true, alt: true },
  'r (plain)': { key: 'r', code: 'KeyR' },
  Space: { key: ' ', code: 'Space' },
  'Shift+Space': { key: ' ', code: 'Space', shift: true },
  F1: { key: 'F1', code: 'F1' },
};

describe('shell case 5: kiosk shortcuts have no effect', () => {
  it.each(Object.entries({ ...DEVTOOLS, ...KIOSK_ONLY }))('kiosk: %s is swallowed', (_name, keys) => {
    expect(press(hardened(true, true), keys)).toBe(true);
    expect(press(hardened(true, false), keys)).toBe(true);
  });

  it.each(Object.entries(ALLOWED))('kiosk: %s still works', (_name, keys) => {
    expect(press(hardened(true, true), keys)).toBe(false);
  });

  it.each(Object.entries(DEVTOOLS))('production outside kiosk: DevTools shortcut %s is swallowed', (_name, keys) => {
    expect(press(hardened(false, true), keys)).toBe(true);
  });

  it.each(Object.entries({ ...KIOSK_ONLY, ...ALLOWED }))('production outside kiosk: %s is left alone', (_name, keys) => {
    expect(press(hardened(false, true), keys)).toBe(false);
  });

  it('development outside kiosk leaves the keyboard alone (DevTools allowed)', () => {
    const contents = hardened(false, false);
    expect(contents.listenerCount('before-input-event')).toBe(0);
  });

  it('DevTools opened anyway in kiosk or production are closed again', () => {
    for (const [kiosk, production] of [
      [true, false],
      [false, true],
    ]) {
      const contents = hardened(kiosk, production);
      contents.emit('devtools-opened');
      expect(contents.devToolsClosed).toBe(1);
    }
  });
});
