/**
 * The hub's additions to the everyday-words thesaurus, taken with its feed (docs/search.md §
 * A hub's own words): a verified root names them by sha256; the station fetches them into its
 * feed cache (so the next station gets them from it too) and keeps their text in the setting
 * search reads. A root without additions takes back only what that hub's key had shipped.
 */
import fs from 'node:fs/promises';
import type { Db } from '../db/open.js';
import { SETTINGS, deleteSetting, getSetting, setSetting } from '../db/settings.js';
import type { FeedRoot } from '../feed/root.js';
import { stage } from './stage.js';
import type { OpenWrite } from './stage.js';
import type { FeedSource } from './source.js';

/** What a station's thesaurus setting becomes with this root: text, null (removed), or undefined (as it is). */
export type ThesaurusUpdate = string | null | undefined;

/** Stages the additions a root names (verified against its sha256 and size) and says what to store. */
export async function stageThesaurus(db: Db, source: FeedSource, cacheDir: string, root: FeedRoot, openWrite?: OpenWrite): Promise<ThesaurusUpdate> {
  const heldFrom = getSetting(db, SETTINGS.thesaurusKeyId);
  if (!root.thesaurus) return heldFrom === root.keyId ? null : undefined;
  const text = await fs.readFile(await stage(source, cacheDir, root.thesaurus, 'bad_thesaurus', openWrite), 'utf8');
  const held = getSetting(db, SETTINGS.thesaurus);
  return held === text && heldFrom === root.keyId ? undefined : text;
}

/** Stores what stageThesaurus decided (inside the caller's transaction). */
export function storeThesaurus(db: Db, update: ThesaurusUpdate, keyId: string): void {
  if (update === undefined) return;
  if (update === null) {
    deleteSetting(db, SETTINGS.thesaurus);
    deleteSetting(db, SETTINGS.thesaurusKeyId);
    return;
  }
  setSetting(db, SETTINGS.thesaurus, update);
  setSetting(db, SETTINGS.thesaurusKeyId, keyId);
}
