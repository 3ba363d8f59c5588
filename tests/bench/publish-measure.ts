/**
 * Child process of the publish benchmark (tests/bench/publish.ts), so its peak RSS is the work's
 * own. `publish LIBRARY FEED KEY`: a first publish with a snapshot, then 1,000 publications
 * changed and published again; prints the figures as JSON. `baseline LIBRARY OUT`: the floor of
 * the work — every publication row and its files read with one streamed SELECT and written as
 * JSON Lines through gzip; prints its time.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { loadPrivateKey } from '../../catalog/feed/keys.js';
import { publish } from '../../catalog/feed/publish.js';
import { Library } from '../../catalog/library.js';

const [mode, libraryDir, out, keyPath] = process.argv.slice(2);
const seconds = (start: number) => (performance.now() - start) / 1000;

if (mode === 'publish') {
  const library = await Library.open(libraryDir);
  const privateKey = loadPrivateKey(keyPath);
  const startRssMB = process.memoryUsage().rss / 1024 / 1024;
  let start = performance.now();
  const first = await publish(library, { outDir: out, privateKey, snapshot: true });
  const publishSeconds = seconds(start);
  // 1,000 publications retitled, one change each, as an import or a moderation would log them.
  const now = new Date().toISOString();
  library.db.transaction(() => {
    const ids = library.db.prepare('SELECT id FROM publications ORDER BY id LIMIT 1000 OFFSET 7').pluck().all() as string[];
    const retitle = library.db.prepare("UPDATE publications SET title = title || ' (sửa đổi)', updated_at = ? WHERE id = ?");
    const change = library.db.prepare("INSERT INTO changes (publication_id, op, changed_at) VALUES (?, 'put', ?)");
    for (const id of ids) {
      retitle.run(now, id);
      change.run(id, now);
    }
  })();
  start = performance.now();
  const second = await publish(library, { outDir: out, privateKey });
  const incrementalSeconds = seconds(start);
  library.close();
  const root = JSON.parse(fs.readFileSync(path.join(out, 'root.json'), 'utf8')) as { snapshot: { size: number } };
  if (!first.published || !first.snapshot || second.ops !== 1000) throw new Error(`unexpected publish results ${JSON.stringify([first, second])}`);
  console.log(JSON.stringify({ publishSeconds, incrementalSeconds, startRssMB, pages: first.pages, files: first.files, snapshotMB: root.snapshot.size / 1024 / 1024 }));
} else if (mode === 'baseline') {
  const db = new Database(path.join(libraryDir, 'catalog.sqlite'), { readonly: true });
  const start = performance.now();
  const gzip = zlib.createGzip();
  const done = new Promise<void>((resolve, reject) => gzip.pipe(fs.createWriteStream(out)).on('finish', () => resolve()).on('error', reject));
  const rows = db.prepare(
    `SELECT p.*, (SELECT json_group_array(json_object('sha256', f.sha256, 'size', f.size, 'mediaType', f.media_type, 'state', f.state, 'role', pf.role))
       FROM publication_files pf JOIN files f ON f.sha256 = pf.sha256 WHERE pf.publication_id = p.id) AS files
     FROM publications p ORDER BY p.id`,
  );
  for (const row of rows.iterate()) {
    if (!gzip.write(`${JSON.stringify(row)}\n`)) await once(gzip, 'drain');
  }
  gzip.end();
  await done;
  db.close();
  console.log(JSON.stringify({ baselineSeconds: seconds(start) }));
} else {
  throw new Error(`usage: publish-measure.ts publish LIBRARY FEED KEY | baseline LIBRARY OUT`);
}
