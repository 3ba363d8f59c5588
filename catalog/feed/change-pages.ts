/**
 * Change pages from the collapsed changes since the last publish (docs/feed.md § Pages and
 * snapshots), built as the changes stream in: a page holds at most `size` ops, `MAX_PAGE_BYTES`
 * bytes and puts whose text objects weigh `textBytes` in all, so a station applies (and holds)
 * a bounded page at a time — and so does the hub while it writes them. Each page ends at its last
 * op's change, and the next starts just after (changes collapsed away belong to the page around). A
 * page's bytes are its canonical JSON, assembled from each record's canonical JSON computed once.
 */
import type { CollapsedOp } from './catalog-reader.js';
import { MAX_PAGE_BYTES, PAGE_FORMAT } from './pages.js';
import { canonicalJson } from './root.js';

/** Bytes a page keeps free for its envelope (format, change numbers). */
const PAGE_ENVELOPE_BYTES = 1024;

export interface BuiltPage {
  bytes: Buffer;
  firstChange: number;
  lastChange: number;
  ops: number;
}

/** The canonical JSON of an op: keys sorted (`op` before `publication`), the record's own canonical JSON inside. */
const opJson = (item: CollapsedOp) => (item.op === 'put' ? `{"op":"put","publication":${item.record.json}}` : canonicalJson({ op: 'delete', id: item.id }));

/** A page's canonical JSON: its envelope's, whose last key is `ops`, with the ops put in. */
function pageBytes(firstChange: number, lastChange: number, ops: string[]): Buffer {
  const envelope = canonicalJson({ format: PAGE_FORMAT, firstChange, lastChange, ops: [] });
  if (!envelope.endsWith('"ops":[]}')) throw new Error(`unexpected page envelope ${envelope}`);
  return Buffer.from(`${envelope.slice(0, -'[]}'.length)}[${ops.join(',')}]}`, 'utf8');
}

/** The pages of the changes from `first` on, whose collapsed ops `batches` yields in order (the last op's change is the last change read). */
export function* changePages(batches: Iterable<CollapsedOp[]>, options: { first: number; size: number; textBytes: number }): Generator<BuiltPage> {
  let firstChange = options.first;
  let chunk: string[] = [];
  let chunkLast = 0;
  let bytes = PAGE_ENVELOPE_BYTES;
  let text = 0;
  const emit = (lastChange: number): BuiltPage => {
    const page = { bytes: pageBytes(firstChange, lastChange, chunk), firstChange, lastChange, ops: chunk.length };
    firstChange = lastChange + 1;
    chunk = [];
    bytes = PAGE_ENVELOPE_BYTES;
    text = 0;
    return page;
  };
  for (const batch of batches) {
    for (const item of batch) {
      const json = opJson(item);
      const opBytes = Buffer.byteLength(json) + 1;
      const opText = item.op === 'put' ? (item.record.record.text?.size ?? 0) : 0;
      if (chunk.length > 0 && (chunk.length >= options.size || bytes + opBytes > MAX_PAGE_BYTES || text + opText > options.textBytes)) yield emit(chunkLast);
      chunk.push(json);
      chunkLast = item.seq;
      bytes += opBytes;
      text += opText;
    }
  }
  if (chunk.length > 0) yield emit(chunkLast);
}
