/**
 * Calls a station's API as a device on the LAN would: from a loopback address of its own
 * (127.0.0.x, each one a different client to the station), with a fresh connection each time.
 */
import http from 'node:http';

export interface CallOutcome {
  status: number;
  ms: number;
}

export function callFrom(localAddress: string, baseUrl: string, method: string, input: unknown): Promise<CallOutcome> {
  const url = new URL(`/api/${method}`, baseUrl);
  const body = JSON.stringify(input);
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    request.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    request.end(body);
  });
}

/** Clients 127.0.0.<first>… <first + count - 1>. */
export const loopbackClients = (first: number, count: number) => Array.from({ length: count }, (_, i) => `127.0.${Math.floor((first + i) / 250)}.${((first + i) % 250) + 2}`);
