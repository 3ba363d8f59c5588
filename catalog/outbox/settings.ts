/**
 * Where this station sends its uploads and counts, and who it says it is. The hub URL is set by
 * officials; without it, the station's first http(s) sync source is used (a hub serves its feed
 * and its upload endpoint from the same address). The station id is random, made once and kept.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_LIBRARY_NAME } from '../library.js';
import type { Library } from '../library.js';
import { listSources, normalizeLocation } from '../sync/sources.js';
import { AppError } from '../../shared/errors.js';
import { translate } from '../../shared/messages.js';
import type { Language } from '../../shared/messages.js';
import type { OutboxSettings } from '../../shared/outbox.js';

const HUB_URL_KEY = 'outbox.hub_url';
const STATION_ID_KEY = 'outbox.station_id';
export const USAGE_SENT_AT_KEY = 'outbox.usage_sent_at';

export function stationId(library: Library): string {
  let id = library.getSetting(STATION_ID_KEY);
  if (!id) {
    id = randomBytes(16).toString('hex');
    library.setSetting(STATION_ID_KEY, id);
  }
  return id;
}

/** The hub's base URL (ending in '/'): the setting, else the first http(s) sync source, else null. */
export function effectiveHubUrl(library: Library): string | null {
  const set = library.getSetting(HUB_URL_KEY);
  if (set) return set;
  const source = listSources(library).find((row) => /^https?:\/\//i.test(row.location));
  return source ? source.location : null;
}

export function outboxSettings(library: Library): OutboxSettings {
  return {
    hubUrl: library.getSetting(HUB_URL_KEY),
    effectiveHubUrl: effectiveHubUrl(library),
    stationId: stationId(library),
    stationName: library.getSetting('library.name') ?? DEFAULT_LIBRARY_NAME,
    usageSentAt: library.getSetting(USAGE_SENT_AT_KEY),
  };
}

/** Sets the hub URL (an http(s) URL), or clears it with null to use the default. */
export function setHubUrl(library: Library, url: string | null, lang: Language): OutboxSettings {
  if (url === null) {
    library.db.prepare('DELETE FROM settings WHERE key = ?').run(HUB_URL_KEY);
    return outboxSettings(library);
  }
  if (!/^https?:\/\/[^/]/i.test(url)) throw new AppError('invalid_input', { key: 'outbox.badHubUrl' });
  library.setSetting(HUB_URL_KEY, normalizeLocation(url));
  return outboxSettings(library);
}
