/**
 * Where this station sends its uploads and counts, and who it says it is. The hub URL is set by
 * officials; without it, the station's first http(s) sync source is used (a hub serves its feed
 * and its upload endpoint from the same address). The station id is random, made once and kept.
 */
import { randomBytes } from 'node:crypto';
import { SETTINGS, deleteSetting, getSetting, setSetting } from '../db/settings.js';
import { DEFAULT_LIBRARY_NAME } from '../library.js';
import type { Library } from '../library.js';
import { listSources, normalizeLocation } from '../sync/sources.js';
import { AppError } from '../../shared/errors.js';
import type { OutboxSettings } from '../../shared/outbox.js';

export function stationId(library: Library): string {
  let id = getSetting(library.db, SETTINGS.stationId);
  if (!id) {
    id = randomBytes(16).toString('hex');
    setSetting(library.db, SETTINGS.stationId, id);
  }
  return id;
}

/** The hub's base URL (ending in '/'): the setting, else the first http(s) sync source, else null. */
export function effectiveHubUrl(library: Library): string | null {
  const set = getSetting(library.db, SETTINGS.hubUrl);
  if (set) return set;
  const source = listSources(library).find((row) => /^https?:\/\//i.test(row.location));
  return source ? source.location : null;
}

export function outboxSettings(library: Library): OutboxSettings {
  return {
    hubUrl: getSetting(library.db, SETTINGS.hubUrl),
    effectiveHubUrl: effectiveHubUrl(library),
    stationId: stationId(library),
    stationName: getSetting(library.db, SETTINGS.libraryName) ?? DEFAULT_LIBRARY_NAME,
    usageSentAt: getSetting(library.db, SETTINGS.usageSentAt),
  };
}

/** Sets the hub URL (an http(s) URL), or clears it with null to use the default. */
export function setHubUrl(library: Library, url: string | null): OutboxSettings {
  if (url === null) {
    deleteSetting(library.db, SETTINGS.hubUrl);
    return outboxSettings(library);
  }
  if (!/^https?:\/\/[^/]/i.test(url)) throw new AppError('invalid_input', { key: 'outbox.badHubUrl' });
  setSetting(library.db, SETTINGS.hubUrl, normalizeLocation(url));
  return outboxSettings(library);
}
