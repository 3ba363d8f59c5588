/** An http address on 127.0.0.1 where nothing listens (a port just freed): a server that is switched off. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export async function closedPort(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/`;
}
