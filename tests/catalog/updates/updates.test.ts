/**
 * The update methods through the real contract checks: the official sees the app version, the
 * server and channel and what the updater does; settings are checked (https only) and stored
 * where the Electron updater reads them; a check needs the installed app's updater.
 */
import { describe, expect, it } from 'vitest';
import { SETTINGS, getSetting } from '../../../catalog/db/settings.js';
import { createHandlers } from '../../../catalog/engine.js';
import { createServices } from '../../../catalog/services.js';
import { callMethod } from '../../../shared/call.js';
import { contract } from '../../../shared/contract.js';
import type { UpdaterState } from '../../../shared/updates.js';
import { tempLibrary } from '../../helpers/temp-library.js';

const official = { role: 'official', transport: 'http', lang: 'vi', user: { id: 1, username: 'canbo', displayName: 'C', role: 'official' } } as const;

async function setup() {
  const library = await tempLibrary('updates-');
  const services = createServices(library);
  await services.accounts.create({ username: 'canbo', displayName: 'C', role: 'official', password: 'mat-khau-can-bo' });
  const handlers = createHandlers(services);
  const call = (method: string, input: unknown, ctx: { role: 'official' | 'librarian' | 'anyone' } = official) =>
    callMethod(contract, handlers, method, input, { ...official, ...ctx }, (error) => {
      throw error;
    });
  return { library, services, call };
}

describe('updates through the contract', () => {
  it('in served mode: status says the app does not update itself here, and a check is unavailable', async () => {
    const { call } = await setup();
    expect(await call('updates.status', {})).toMatchObject({ ok: true, result: { phase: 'not_in_app', url: null, channel: 'latest', appVersion: expect.any(String) } });
    expect(await call('updates.check', {})).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('ứng dụng đã cài') } });
  });

  it('stores https settings where the updater reads them, refuses others, forgets with null', async () => {
    const { call, library } = await setup();
    expect(await call('updates.updateSettings', { url: 'https://hub.moj.gov.vn/cap-nhat/', channel: 'beta' })).toMatchObject({
      ok: true,
      result: { url: 'https://hub.moj.gov.vn/cap-nhat/', channel: 'beta' },
    });
    expect(getSetting(library.db, SETTINGS.updateUrl)).toBe('https://hub.moj.gov.vn/cap-nhat/');
    for (const url of ['http://hub.moj.gov.vn/', 'ftp://x/', 'https://user:pw@hub.example/', 'not a url']) {
      expect([url, (await call('updates.updateSettings', { url })).ok]).toEqual([url, false]);
    }
    expect(await call('updates.updateSettings', { url: null })).toMatchObject({ ok: true, result: { url: null, channel: 'beta' } });
    expect(await call('updates.updateSettings', { channel: 'nightly' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('updates.status', {}, { role: 'librarian' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('inside the app: status is the updater’s, and a check asks it', async () => {
    const { call, services } = await setup();
    let checks = 0;
    let state: UpdaterState = { phase: 'current', version: null, percent: null, checkedAt: '2026-11-29T08:00:00.000Z', error: null };
    services.updater = {
      state: () => state,
      check: async () => {
        checks++;
        state = { ...state, phase: 'downloading', version: '0.2.0', percent: 5 };
      },
    };
    expect(await call('updates.check', {})).toMatchObject({ ok: true, result: { phase: 'downloading', version: '0.2.0', percent: 5 } });
    expect(checks).toBe(1);
  });
});
