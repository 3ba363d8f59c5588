/**
 * Whether a library acts as a hub (DESIGN.md § One program at every level): it has published a
 * feed, or stations have sent it documents or usage reports. Only then do its officials see the
 * hub's screens (moderation of uploads); a commune station never does.
 */
import type { Db } from '../db/open.js';
import { SETTINGS, getSetting } from '../db/settings.js';
import { statement } from '../db/statements.js';

export function actsAsHub(db: Db): boolean {
  if (getSetting(db, SETTINGS.publishSequence) > 0) return true;
  return statement(db, 'SELECT EXISTS (SELECT 1 FROM hub_uploads) OR EXISTS (SELECT 1 FROM hub_stations)').pluck().get() === 1;
}
