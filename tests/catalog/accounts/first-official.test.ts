/**
 * Where the first official may be created, through the contract over HTTP on real stations with
 * no account: at the station itself outside kiosk mode (a fresh desktop install's first run), and
 * nowhere else — not a kiosk (started with --kiosk, or always starting as one), not a device on
 * the LAN (a client from 127.0.0.2, as in http-sessions.test.ts), even where staff may sign in from
 * the LAN. auth.state says which, so the screen offers the form only where it is accepted.
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { Accounts } from '../../../catalog/accounts/accounts.js';
import { startStation } from '../../../catalog/station.js';
import type { RunningStation, StationOptions } from '../../../catalog/station.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { openTestLibrary } from '../../helpers/temp-library.js';

const FIRST = { username: 'canbo', displayName: 'Nguyễn Văn Cán', password: 'mat-khau-can-bo' };
const STATION = '127.0.0.1';
const PHONE = '127.0.0.2';

interface Answer {
  status: number;
  body: { ok: boolean; result?: Record<string, unknown>; error?: { code: string; key?: string } };
}

function call(port: number, method: string, input: unknown, from: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: STATION, port, localAddress: from, method: 'POST', path: `/api/${method}`, headers: { 'Content-Type': 'application/json', 'Accept-Language': 'vi' } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(input));
  });
}

const running: RunningStation[] = [];
afterEach(async () => {
  for (const station of running.splice(0)) await station.close();
});

/** A station with no account, on 127.0.0.1, set up as `options` says (and its kiosk setting on with `kioskSetting`). */
async function freshStation(options: Partial<StationOptions> = {}, kioskSetting = false): Promise<{ port: number; accounts: () => number }> {
  const dir = tempDir('first-official-');
  if (kioskSetting) (await openTestLibrary(dir)).updateKioskSettings({ enabled: true });
  const station = await startStation({ libraryDir: dir, host: STATION, port: 0, demo: false, ...options });
  running.push(station);
  return { port: station.server.port, accounts: () => new Accounts(station.library.db).list().length };
}

/** What a screen is told, and what happens when it tries to create the first official anyway. */
async function attempt(port: number, from: string) {
  const state = (await call(port, 'auth.state', {}, from)).body.result;
  const setup = await call(port, 'auth.setup', FIRST, from);
  return { state, setup };
}

describe('the first official', () => {
  it('is created at the station itself outside kiosk mode: the first run of a fresh install', async () => {
    const station = await freshStation();
    const { state, setup } = await attempt(station.port, STATION);
    expect(state).toMatchObject({ firstRun: true, setupAllowed: true, signInAllowed: true });
    expect(setup.status).toBe(200);
    expect(setup.body.result).toMatchObject({ username: 'canbo', role: 'official' });
    // Once done, nobody is offered it again.
    expect((await call(station.port, 'auth.state', {}, STATION)).body.result).toMatchObject({ firstRun: false, setupAllowed: false });
    expect((await call(station.port, 'auth.setup', { ...FIRST, username: 'khac' }, STATION)).status).toBe(403);
  });

  it('is neither offered nor accepted at a kiosk: started with --kiosk, or always starting as one', async () => {
    for (const [options, kioskSetting] of [[{ kiosk: true }, false], [{}, true]] as const) {
      const station = await freshStation(options, kioskSetting);
      const { state, setup } = await attempt(station.port, STATION);
      expect(state).toMatchObject({ firstRun: true, setupAllowed: false });
      expect(setup.status).toBe(403);
      expect(setup.body.error).toMatchObject({ code: 'forbidden', key: 'accounts.setupNotHere' });
      expect(station.accounts()).toBe(0);
    }
  });

  it('is neither offered nor accepted from the LAN, even where staff may sign in from there', async () => {
    for (const lanStaff of [false, true]) {
      const station = await freshStation({ lan: true, lanStaff });
      const { state, setup } = await attempt(station.port, PHONE);
      expect(state).toMatchObject({ firstRun: true, setupAllowed: false, signInAllowed: lanStaff });
      expect(setup.status).toBe(403);
      expect(setup.body.error).toMatchObject({ code: 'forbidden', key: 'accounts.setupNotHere' });
      expect(station.accounts()).toBe(0);
      // The same station still offers it at its own screen.
      expect((await call(station.port, 'auth.state', {}, STATION)).body.result).toMatchObject({ setupAllowed: true });
    }
  });
});
