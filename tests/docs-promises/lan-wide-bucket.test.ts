/**
 * docs/lan.md § Limits, "Requests from the whole LAN": 200 addresses each within its own 20/s are
 * one flood together, cut as one — the LAN's bucket (200 req/s, burst 400) is shared by every
 * LAN address, while the station's own calls are never limited. The request guard that listen()
 * puts in front of every server, with the clock held still so the count is exact.
 */
import type { IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HTTP_LIMITS, createRequestGuard } from '../../catalog/http/limits.js';

const from = (address: string) => ({ socket: { remoteAddress: address }, rawHeaders: [] as string[] }) as unknown as IncomingMessage;
const request = () => new Request('http://127.0.0.1:4800/api/search', { method: 'POST' });

beforeEach(() => void vi.useFakeTimers({ toFake: ['performance'] }));
afterEach(() => void vi.useRealTimers());

describe('the whole LAN shares one bucket', () => {
  it('cuts 200 addresses sending 3 requests each after the LAN burst of 400, and never the station itself', () => {
    expect(DEFAULT_HTTP_LIMITS).toMatchObject({ ratePerSecond: 20, burst: 60, lanRatePerSecond: 200, lanBurst: 400 });
    const guard = createRequestGuard(DEFAULT_HTTP_LIMITS);
    const addresses = Array.from({ length: 200 }, (_, i) => `10.0.${Math.floor(i / 100)}.${(i % 100) + 1}`);
    const answers = addresses.flatMap((address) => [1, 2, 3].map(() => guard(request(), from(address))));
    const refused = answers.filter((answer) => answer !== null);
    // Each address sent 3, far within its own burst of 60: every refusal is the LAN's.
    expect(answers.filter((answer) => answer === null)).toHaveLength(400);
    expect(refused).toHaveLength(200);
    expect(refused.every((answer) => answer?.status === 429 && Number(answer.headers.get('retry-after')) >= 1)).toBe(true);
    // The kiosk on the station itself is answered while the LAN waits.
    for (let i = 0; i < 100; i++) expect(guard(request(), from('127.0.0.1'))).toBeNull();
    expect(guard(request(), from('::1'))).toBeNull();
    // One more LAN address, never heard before, waits with the rest.
    expect(guard(request(), from('10.0.9.9'))?.status).toBe(429);
  });

  it('lets the LAN in again as its bucket refills', () => {
    const guard = createRequestGuard(DEFAULT_HTTP_LIMITS);
    for (let i = 0; i < 400; i++) guard(request(), from(`10.1.${Math.floor(i / 200)}.${(i % 200) + 1}`));
    expect(guard(request(), from('10.2.0.1'))?.status).toBe(429);
    vi.advanceTimersByTime(1_000);
    const after = Array.from({ length: 250 }, (_, i) => guard(request(), from(`10.3.${Math.floor(i / 200)}.${(i % 200) + 1}`)));
    // A second refills 200 requests, no more.
    expect(after.filter((answer) => answer === null)).toHaveLength(200);
  });
});
