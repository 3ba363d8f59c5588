/**
 * `bookshelf outbox`: the station's outbox from a terminal — list it, queue a publication this
 * station made, set the hub URL, and send now (the same OutboxService the app runs in the
 * background: tus uploads that resume, outcomes from the hub, usage counts). Output is bilingual;
 * `--json` prints the items as one JSON line.
 */
import { Library } from '../library.js';
import { OutboxService } from '../outbox/service.js';
import { outboxSettings, setHubUrl } from '../outbox/settings.js';
import { enqueue } from '../outbox/store.js';
import type { OutboxItem } from '../../shared/outbox.js';
import { UsageError } from './usage.js';

export const OUTBOX_HELP = `outbox:
  --add ID              Đưa văn bản (do trạm tạo) vào hộp thư đi / Queue a publication this station made
  --hub URL|none        Địa chỉ trạm chủ nhận tài liệu (none: dùng nguồn đồng bộ đầu tiên)
                        The hub that receives uploads (none: the first sync source)
  --send                Gửi ngay những mục đến lượt, hỏi kết quả duyệt / Send what is due now, ask for outcomes
  --chunk-kb N          (--send) Cỡ mỗi phần gửi, KB (mặc định 1024) / Chunk size in KB (default 1024)
  --json                In dạng JSON / Print JSON
`;

export interface OutboxFlags {
  libraryDir: string;
  add?: string;
  hub?: string;
  send: boolean;
  chunkKb?: string;
  json: boolean;
}

function line(item: OutboxItem): string {
  const state = item.state === 'sending' || item.state === 'waiting' || item.state === 'failed' ? `${item.state} ${item.percent}%` : item.state;
  return `#${item.id}  ${state.padEnd(12)}  ${item.publicationId}  ${item.title}${item.reason ? `\n      ${item.reason}` : ''}`;
}

export async function runOutbox(flags: OutboxFlags, write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  let chunkSize: number | undefined;
  if (flags.chunkKb !== undefined) {
    const kb = Number(flags.chunkKb);
    if (!Number.isInteger(kb) || kb < 16 || kb > 16 * 1024) throw new UsageError(`--chunk-kb: từ 16 đến 16384 / from 16 to 16384 (${flags.chunkKb})`);
    chunkSize = kb * 1024;
  }
  const library = await Library.open(flags.libraryDir);
  const service = new OutboxService(library, { background: false, chunkSize });
  try {
    if (flags.hub !== undefined) {
      const settings = setHubUrl(library, flags.hub === 'none' ? null : flags.hub, 'vi');
      if (!flags.json) write(`Trạm chủ / Hub: ${settings.effectiveHubUrl ?? '—'}\n`);
    }
    if (flags.add !== undefined) {
      const row = enqueue(library.db, flags.add, 'vi');
      if (!flags.json) write(`Đã đưa vào hộp thư đi / Queued: #${row.id} ${row.title}\n`);
    }
    if (flags.send) {
      if (!outboxSettings(library).effectiveHubUrl) throw new UsageError('chưa có trạm chủ: dùng --hub URL / no hub set: use --hub URL');
      const run = await service.runOnce();
      if (!flags.json) write(`Đã gửi / Sent: ${run.sent}, lỗi / failed: ${run.failed}, bị từ chối / rejected: ${run.rejected}, có kết quả duyệt / decided: ${run.decided}\n`);
    }
    const items = service.list();
    if (flags.json) write(`${JSON.stringify(items)}\n`);
    else write(items.length ? `${items.map(line).join('\n')}\n` : 'Hộp thư đi trống / The outbox is empty\n');
    return 0;
  } finally {
    await service.dispose();
    library.close();
  }
}
