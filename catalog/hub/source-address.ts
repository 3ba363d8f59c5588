/**
 * The address a request to the hub came from, as its limits per address count it (pending
 * enrolment requests, ./stations.ts): the peer's address, an IPv6 address grouped by its /64 as
 * the HTTP rate limit does (catalog/http/limits.ts). A hub on the internet usually sits behind a
 * TLS-terminating reverse proxy on the same machine, whose own address would make every station
 * one: when the peer is this machine and the request carries X-Forwarded-For, the address is the
 * last one that header names — the one the proxy saw. A request from elsewhere cannot choose its
 * address this way: the header is read only from a loopback peer.
 */
import type { HttpBindings } from '@hono/node-server';
import { clientKey, isStationAddress } from '../http/limits.js';

export function sourceAddress(request: Request, env: unknown): string {
  const peer = (env as Partial<HttpBindings> | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown';
  if (!isStationAddress(peer)) return clientKey(peer);
  const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
  return forwarded ? clientKey(forwarded.slice(0, 64)) : clientKey(peer);
}
