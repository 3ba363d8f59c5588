/**
 * Search benchmark on real documents (issue 13): the 412 Official Gazette texts of
 * ../shared/corpora/legal/catalog, searched as the UI does (10 results with snippets and facet
 * counts) through the read pool: 30 topics, with and without marks, and 30 document numbers as
 * printed. Baselines in the same run, on the same catalog: a bare FTS5 query of the topic's
 * syllables (ranked ids, no snippets) and a bare number lookup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Library } from '../../catalog/library.js';
import { saveDocuments } from '../../catalog/documents.js';
import { openDatabase } from '../../catalog/db/open.js';
import { ReadPool } from '../../catalog/read-pool/pool.js';
import { refreshSearchModels } from '../../catalog/search/refresh-models.js';
import { indexForms } from '../../shared/search/tokens.js';
import { numberKey, vnFold } from '../../shared/text.js';
import { gazetteRecords } from '../helpers/gazette-catalog.js';
import { percentile } from './search.js';

/** Topics of the gazette's eight subjects (labour, social insurance, income tax, trade unions, investment…). */
export const GAZETTE_TOPICS = [
  'ly hôn', 'hợp đồng lao động', 'bảo hiểm xã hội', 'thuế thu nhập cá nhân', 'công đoàn', 'lương tối thiểu vùng', 'trợ cấp thôi việc', 'nghỉ thai sản',
  'giảm trừ gia cảnh', 'ưu đãi đầu tư', 'hợp đồng khoán', 'doanh nghiệp nhỏ và vừa', 'kinh phí công đoàn', 'thời giờ làm việc', 'làm thêm giờ', 'tai nạn lao động',
  'bệnh nghề nghiệp', 'lương hưu', 'bảo hiểm thất nghiệp', 'hoàn thuế', 'quyết toán thuế', 'người lao động nước ngoài', 'hợp đồng kinh tế',
  'xử phạt vi phạm hành chính', 'đình công', 'kỷ luật lao động', 'chấm dứt hợp đồng', 'khu công nghiệp', 'miễn thuế', 'người phụ thuộc',
];

/** Saves the gazette into a library at `dir`, counts its search models, and keeps 30 numbers to search. */
export async function buildGazetteLibrary(dir: string, corpora: string): Promise<void> {
  const { records, numbers } = gazetteRecords(corpora);
  const library = await Library.open(dir);
  saveDocuments(library.db, records);
  refreshSearchModels(library.db);
  library.db.pragma('wal_checkpoint(TRUNCATE)');
  library.close();
  fs.writeFileSync(path.join(dir, 'gazette-numbers.json'), JSON.stringify(numbers.slice(0, 30).map((n) => n.number)));
}

const ROUNDS = 3;

async function timed(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** The UI's call through a one-worker read pool, and the bare baselines; call in a fresh process. */
export async function measureGazette(dir: string) {
  const database = path.join(dir, 'catalog.sqlite');
  const numbers = JSON.parse(fs.readFileSync(path.join(dir, 'gazette-numbers.json'), 'utf8')) as string[];
  const topics = [...GAZETTE_TOPICS, ...GAZETTE_TOPICS.map(vnFold)];
  const db = openDatabase(database, { readonly: true });
  const pool = new ReadPool(database, db, { workers: 1 });
  const ui = (q: string) => pool.run('search', { q, offset: 0, limit: 10, filters: {}, facets: true, asTyped: false });
  for (const q of [...topics, ...numbers]) await ui(q); // warm: worker started, pages read once
  const topicTimes: number[] = [];
  const numberTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const q of topics) topicTimes.push(await timed(() => ui(q)));
    for (const q of numbers) numberTimes.push(await timed(() => ui(q)));
  }
  await pool.close();
  const bareTopic = db.prepare('SELECT rowid FROM passage_fts WHERE passage_fts MATCH ? ORDER BY rank LIMIT 10');
  const bareNumber = db.prepare('SELECT id FROM publications WHERE number_key = ?');
  const bareTopicTimes: number[] = [];
  const bareNumberTimes: number[] = [];
  for (let round = 0; round < ROUNDS + 1; round += 1) {
    for (const q of topics) {
      const took = await timed(() => bareTopic.all(indexForms(q).words.split(' ').join(' AND ')));
      if (round) bareTopicTimes.push(took);
    }
    for (const q of numbers) {
      const took = await timed(() => bareNumber.all(numberKey(q)));
      if (round) bareNumberTimes.push(took);
    }
  }
  db.close();
  return {
    topicP50: percentile(topicTimes, 0.5),
    topicP95: percentile(topicTimes, 0.95),
    bareTopicP50: percentile(bareTopicTimes, 0.5),
    bareTopicP95: percentile(bareTopicTimes, 0.95),
    numberP50: percentile(numberTimes, 0.5),
    numberP95: percentile(numberTimes, 0.95),
    bareNumberP50: percentile(bareNumberTimes, 0.5),
    bareNumberP95: percentile(bareNumberTimes, 0.95),
  };
}
