/**
 * docs/feed.md § Texts: "Text objects a station holds that no publication names any more (a text
 * the hub replaced, a publication withdrawn) are removed after the run that made them so." A hub
 * publishes two laws with their texts to a folder; a station syncs; the hub corrects one text and
 * withdraws the other law; after each sync the station's `texts/` holds exactly the objects its
 * publications name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deletePublication, replaceDocumentText } from '../../catalog/documents.js';
import type { Library } from '../../catalog/library.js';
import { syncOnce } from '../../catalog/sync/apply.js';
import { FolderSource } from '../../catalog/sync/source.js';
import { addDocument, hubWith, stationWithSource } from '../catalog/sync/fixtures.js';

/** The text objects on the station's disk (`texts/xx/<sha256>`). */
function textBlobs(library: Library): string[] {
  const root = library.texts.root;
  return fs
    .readdirSync(root)
    .filter((dir) => /^[0-9a-f]{2}$/.test(dir))
    .flatMap((dir) => fs.readdirSync(path.join(root, dir)))
    .sort();
}

/** The text objects the station's publications name. */
const named = (library: Library): string[] =>
  (library.db.prepare('SELECT object_sha256 FROM publication_texts WHERE object_sha256 IS NOT NULL ORDER BY object_sha256').pluck().all() as string[]);

const lawText = (words: string) => ({ text: `Điều 1. Phạm vi điều chỉnh\n${words}`, pageStarts: [0], pageCount: 1 });

describe('text objects at a station', () => {
  it('are removed once no publication names them: a replaced text, a withdrawn law', async () => {
    const hub = await hubWith([]);
    for (const id of ['luat-dat-dai', 'luat-thue']) {
      await addDocument(hub.library, id, `Luật ${id}`, `%PDF-1.4 ${id}`);
      hub.library.db.transaction(() => replaceDocumentText(hub.library.db, id, lawText(`Luật này quy định về ${id}.`), []))();
    }
    await hub.publishNow();
    const { station, row } = await stationWithSource(hub.feedDir, hub.key.publicKeyPath);
    const source = new FolderSource(hub.feedDir);
    await syncOnce(station, row(), source);
    const first = named(station);
    expect(first).toHaveLength(2);
    expect(textBlobs(station)).toEqual(first);

    // The hub corrects one law's text: the station keeps the new object, not the old one.
    hub.library.db.transaction(() => replaceDocumentText(hub.library.db, 'luat-dat-dai', lawText('Luật này quy định về đất đai, đã đính chính.'), []))();
    await hub.publishNow();
    expect(await syncOnce(station, row(), source)).toMatchObject({ updated: 1 });
    const second = named(station);
    expect(second).toHaveLength(2);
    expect(second).not.toEqual(first);
    expect(textBlobs(station)).toEqual(second);

    // The hub withdraws the other law: its text goes with it.
    deletePublication(hub.library.db, 'luat-thue');
    await hub.publishNow();
    expect(await syncOnce(station, row(), source)).toMatchObject({ deleted: 1 });
    expect(named(station)).toHaveLength(1);
    expect(textBlobs(station)).toEqual(named(station));
  });
});
