/** A hub that imported the Official Gazette PDFs of the corpora (pdf/vn-congbao) and published them, for the sync tests with real texts. */
import path from 'node:path';
import { publish } from '../../../catalog/feed/publish.js';
import { importFiles } from '../../../catalog/import/importer.js';
import { corpus } from '../../helpers/corpora.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { keys } from './fixtures.js';

export async function gazetteHub() {
  const library = await tempLibrary('gazette-hub-');
  const imported = await importFiles(library, [corpus('pdf/vn-congbao')], { cover: false });
  const key = keys();
  const feedDir = path.join(tempDir('gazette-feed-'), 'feed');
  const publishNow = () => publish(library, { outDir: feedDir, privateKey: key.privateKey });
  const published = await publishNow();
  return { library, key, feedDir, imported, published, publishNow };
}

/** The id the hub gave the gazette document whose file name starts with `slug`. */
export function gazetteId(imported: Awaited<ReturnType<typeof gazetteHub>>['imported'], slug: string): string {
  const item = imported.imported.find((i) => path.basename(i.path).startsWith(slug));
  if (!item) throw new Error(`${slug} was not imported`);
  return item.id;
}
