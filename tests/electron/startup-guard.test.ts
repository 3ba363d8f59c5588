/**
 * Issue 18, item 3: a failed start exits so that Shell Launcher or systemd restarts the app.
 * electron/startup-guard.ts against a stand-in `process` (an EventEmitter) and a stand-in window:
 * an error or unhandled rejection before the window shows exits 1 (once, after the log and the
 * report), afterwards a rejection is only logged while an uncaught exception still exits; a window
 * that never becomes ready to show exits; a quit waits for the services a bounded time.
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { READY_TO_SHOW_TIMEOUT_MS, guardStartup, settledWithin, showWhenReady } from '../../electron/startup-guard.js';

function guarded(report?: (error: unknown) => void) {
  const events = new EventEmitter();
  const exits: number[] = [];
  const logged: string[] = [];
  const guard = guardStartup(events, { log: (message) => logged.push(message), exit: (code) => exits.push(code), report });
  return { events, exits, logged, guard };
}

afterEach(() => void vi.useRealTimers());

describe('the start-up guard', () => {
  it('exits 1 on an unhandled rejection or an uncaught exception before the window shows', () => {
    for (const event of ['unhandledRejection', 'uncaughtException']) {
      const reported: unknown[] = [];
      const { events, exits, logged } = guarded((error) => reported.push(error));
      const error = new Error('libvips-cpp.so.8.17.3: cannot open shared object file');
      events.emit(event, error);
      expect(exits).toEqual([1]);
      expect(logged).toEqual(['start-up failed']);
      expect(reported).toEqual([error]);
    }
  });

  it('fails once, and still exits when the report itself throws', () => {
    const { guard, exits, logged } = guarded(() => {
      throw new Error('no display');
    });
    guard.fail(new Error('first'));
    guard.fail(new Error('second'));
    expect(exits).toEqual([1]);
    expect(logged).toEqual(['start-up failed', 'reporting the failure failed']);
  });

  it('once the window shows, a rejection is logged and the app keeps running; an uncaught exception still exits', () => {
    const { guard, events, exits, logged } = guarded();
    guard.started();
    events.emit('unhandledRejection', new Error('a sync request failed'));
    expect(exits).toEqual([]);
    expect(logged).toEqual(['unhandled rejection']);
    events.emit('uncaughtException', new Error('broken state'));
    expect(exits).toEqual([1]);
  });

  it('shows the window on its first paint, and exits when that never comes', () => {
    vi.useFakeTimers();
    const painted = Object.assign(new EventEmitter(), { show: vi.fn() });
    const timeouts: string[] = [];
    const shown: string[] = [];
    showWhenReady(painted, { onShown: () => shown.push('painted'), onTimeout: () => timeouts.push('painted') });
    painted.emit('ready-to-show');
    expect(painted.show).toHaveBeenCalledOnce();
    const blank = Object.assign(new EventEmitter(), { show: vi.fn() });
    showWhenReady(blank, { onShown: () => shown.push('blank'), onTimeout: () => timeouts.push('blank') });
    vi.advanceTimersByTime(READY_TO_SHOW_TIMEOUT_MS - 1);
    expect(timeouts).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(timeouts).toEqual(['blank']);
    expect(shown).toEqual(['painted']);
    expect(blank.show).not.toHaveBeenCalled();
  });

  it('waits for the services to stop, but not for ever', async () => {
    await expect(settledWithin(Promise.resolve(), 1_000)).resolves.toBe(true);
    await expect(settledWithin(Promise.reject(new Error('sync failed while stopping')), 1_000)).resolves.toBe(true);
    vi.useFakeTimers();
    const hung = settledWithin(new Promise(() => undefined), 5_000);
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(hung).resolves.toBe(false);
  });
});
