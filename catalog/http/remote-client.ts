/**
 * Who sent a request, as the limits and the access rules count it. The station itself (the
 * kiosk's own browser or app) calls from 127.0.0.1 or ::1. A hub on the internet usually sits
 * behind a TLS-terminating reverse proxy on the same machine, whose requests also come from
 * loopback: a loopback request that carries X-Forwarded-For is the proxy's, and its client is
 * the last address that header names (the one the proxy saw) — rate-limited, budgeted and kept
 * from staff sign-in like any LAN client, never taken for the station. From any other peer the
 * header is ignored, so a client cannot choose its address with it.
 */
import type { HttpBindings } from '@hono/node-server';

/**
 * The key a client is counted under: IPv4 (and IPv4-mapped IPv6) by address, other IPv6 by
 * its /64 prefix, since one device may hold many addresses of its network.
 */
export function clientKey(address: string): string {
  const plain = address.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain);
  if (mapped) return mapped[1];
  if (!plain.includes(':') || plain === '::1') return plain;
  const [head, tail = ''] = plain.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = plain.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = plain.includes('::') ? [...headGroups, ...Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups] : headGroups;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** The station itself: 127.0.0.1 and ::1, also IPv4-mapped. */
export function isStationAddress(address: string): boolean {
  const key = clientKey(address);
  return key === '127.0.0.1' || key === '::1';
}

export interface RemoteClient {
  /** The key it is counted under (clientKey). */
  key: string;
  /** The request came through a reverse proxy on this machine. */
  proxied: boolean;
  /** The station itself: loopback, not through a proxy. */
  station: boolean;
}

/** The client of a request from `peer` (the socket's remote address) with this X-Forwarded-For header. */
export function remoteClient(peer: string | undefined, forwardedFor: string | null): RemoteClient {
  if (peer === undefined) return { key: 'unknown', proxied: false, station: false };
  if (!isStationAddress(peer)) return { key: clientKey(peer), proxied: false, station: false };
  const forwarded = forwardedFor?.split(',').at(-1)?.trim().slice(0, 64);
  if (forwarded) return { key: clientKey(forwarded), proxied: true, station: false };
  return { key: clientKey(peer), proxied: false, station: true };
}

/** The client of a request Hono's Node adapter received (its socket is in the env). */
export function remoteClientOf(request: Request, env: unknown): RemoteClient {
  return remoteClient((env as Partial<HttpBindings> | undefined)?.incoming?.socket?.remoteAddress, request.headers.get('x-forwarded-for'));
}
