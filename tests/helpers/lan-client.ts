/**
 * Calls a station's API, or loads its page, as a device on the LAN would: from a loopback address
 * of its own (127.0.0.x, each one a different client to the station), with a fresh connection each time.
 */
import http from 'node:http';

export interface CallOutcome {
  status: number;
  ms: number;
}

/** `cookie`: the reading session the device's page load got (see pageFrom). */
export function callFrom(localAddress: string, baseUrl: string, method: string, input: unknown, cookie?: string): Promise<CallOutcome> {
  const url = new URL(`/api/${method}`, baseUrl);
  const body = JSON.stringify(input);
  const started = performance.now();
  return new Promise((resolve) => {
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(cookie ? { cookie } : {}) };
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, agent: false, headers },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    request.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    request.end(body);
  });
}

/** Loads the station's page as the device's browser would: its status and the cookies it set (`name=value` pairs). */
export function pageFrom(localAddress: string, baseUrl: string, path = '/'): Promise<{ status: number; cookies: string[]; setCookie: string[] }> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, localAddress, agent: false }, (response) => {
      response.resume();
      const setCookie = response.headers['set-cookie'] ?? [];
      response.on('end', () => resolve({ status: response.statusCode ?? 0, setCookie, cookies: setCookie.map((line) => line.split(';')[0]) }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Clients 127.0.0.<first>… <first + count - 1>. */
export const loopbackClients = (first: number, count: number) => Array.from({ length: count }, (_, i) => `127.0.${Math.floor((first + i) / 250)}.${((first + i) % 250) + 2}`);
