/**
 * docs/lan.md § Use counts from the LAN: how many counts the station takes, and from whom. The
 * station itself: a kiosk session at most every 10 s (3 at once), printed pages up to one print job
 * of 500 then 120 a minute, openings 30 a minute; never a phone session. A LAN device: one phone
 * session per half hour, 4 openings, never a kiosk session or a printed page. Beyond that a count
 * is not taken. Counted right after one another, so the buckets have no time to refill.
 */
import { describe, expect, it } from 'vitest';
import { UsageGate } from '../../catalog/usage-gate.js';

/** How many of `tries` single counts the gate takes in a row. */
const taken = (gate: UsageGate, counter: Parameters<UsageGate['admit']>[0], client: string | undefined, tries: number) =>
  Array.from({ length: tries }, () => gate.admit(counter, client)).filter(Boolean).length;

describe('counts the station takes from itself', () => {
  it('a kiosk session at most three at once, then none until the next 10 s', () => {
    expect(taken(new UsageGate(), 'kiosk_session', undefined, 10)).toBe(3);
  });

  it('printed pages: one print job of 500, then nothing more at once', () => {
    const gate = new UsageGate();
    expect(gate.admit('page_printed', undefined, 500)).toBe(true);
    expect(gate.admit('page_printed', undefined, 1)).toBe(false);
    expect(new UsageGate().admit('page_printed', undefined, 501)).toBe(false);
  });

  it('openings: a burst, then no more than the rate of 30 a minute', () => {
    const first = taken(new UsageGate(), 'read', undefined, 100);
    expect(first).toBeGreaterThan(4);
    expect(first).toBeLessThanOrEqual(30);
  });

  it('never a phone session (those come from phones)', () => {
    expect(taken(new UsageGate(), 'phone_session', undefined, 5)).toBe(0);
  });
});

describe('counts the station takes from a LAN device', () => {
  it('one phone session, 4 openings, no kiosk session and no printed page', () => {
    const gate = new UsageGate();
    expect(taken(gate, 'phone_session', '192.168.1.20', 5)).toBe(1);
    expect(taken(gate, 'read', '192.168.1.20', 10)).toBe(4);
    expect(taken(gate, 'kiosk_session', '192.168.1.20', 5)).toBe(0);
    expect(gate.admit('page_printed', '192.168.1.20', 1)).toBe(false);
  });

  it('each device on its own: another phone still counts its session and openings', () => {
    const gate = new UsageGate();
    taken(gate, 'phone_session', '192.168.1.20', 5);
    taken(gate, 'read', '192.168.1.20', 10);
    expect(taken(gate, 'phone_session', '192.168.1.21', 5)).toBe(1);
    expect(taken(gate, 'read', '192.168.1.21', 10)).toBe(4);
  });
});
