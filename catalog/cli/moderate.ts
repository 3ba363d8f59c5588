/**
 * `bookshelf moderate`: a hub's moderation queue from a terminal — list the uploads waiting (or
 * all), approve one into the hub's library (the next publish carries it), reject one with a
 * reason the station will show, and the usage counts stations reported, summed per station.
 */
import os from 'node:os';
import { Library } from '../library.js';
import { approveUpload, listModeration, rejectUpload } from '../hub/moderation.js';
import { usageByStation } from '../hub/usage.js';
import { AppError } from '../../shared/errors.js';
import type { ModerationItem } from '../../shared/outbox.js';
import { UsageError } from './usage.js';
import { terminalSafe } from '../../shared/text.js';

export const MODERATE_HELP = `moderate:
  --list                Tài liệu chờ duyệt (mặc định) / Uploads waiting for a decision (the default)
  --all                 Cả tài liệu đã duyệt, đã từ chối / Decided ones too
  --approve ID          Nhận vào tủ sách của trạm chủ / Approve into the hub's library
  --reject ID --reason TEXT
                        Từ chối, kèm lý do gửi về trạm / Reject, with a reason for the station
  --usage               Số liệu sử dụng các trạm gửi lên, cộng theo trạm / Usage reported, summed per station
  --json                In dạng JSON / Print JSON
`;

export interface ModerateFlags {
  libraryDir: string;
  all: boolean;
  approve?: string;
  reject?: string;
  reason?: string;
  usage: boolean;
  json: boolean;
}

function line(item: ModerationItem): string {
  const size = `${(item.size / 1024).toFixed(0)} KB`;
  return terminalSafe(`${item.id}  ${item.state.padEnd(8)}  ${item.stationName}  ${item.title}  (${item.mediaType}, ${size})`) + (item.reason ? `\n      ${terminalSafe(item.reason)}` : '');
}

export async function runModerate(flags: ModerateFlags, write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  if (flags.approve !== undefined && flags.reject !== undefined) throw new UsageError('chỉ một trong / only one of --approve, --reject');
  if (flags.reject !== undefined && !flags.reason?.trim()) throw new UsageError('--reject cần / needs --reason TEXT');
  if (flags.reason !== undefined && flags.reject === undefined) throw new UsageError('--reason chỉ dùng với / only with --reject');
  const library = await Library.open(flags.libraryDir);
  const by = `cli:${os.userInfo().username}`;
  try {
    if (flags.usage) {
      const stations = usageByStation(library);
      if (flags.json) write(`${JSON.stringify(stations)}\n`);
      else if (!stations.length) write('Chưa trạm nào gửi số liệu / No station has reported yet\n');
      else for (const s of stations) write(`${terminalSafe(`${s.stationName} (${s.stationId.slice(0, 8)}) ${s.firstDay ?? ''}…${s.lastDay ?? ''}: ${Object.entries(s.totals).map(([k, v]) => `${k}=${v}`).join(', ')}`)}\n`);
      return 0;
    }
    if (flags.approve !== undefined || flags.reject !== undefined) {
      const item =
        flags.approve !== undefined
          ? await approveUpload(library, flags.approve, by, 'vi')
          : await rejectUpload(library, flags.reject as string, flags.reason as string, by, 'vi');
      write(flags.json ? `${JSON.stringify(item)}\n` : `${item.state === 'approved' ? 'Đã nhận / Approved' : 'Đã từ chối / Rejected'}: ${line(item)}\n`);
      return 0;
    }
    const items = listModeration(library, flags.all ? 'all' : 'pending');
    if (flags.json) write(`${JSON.stringify(items)}\n`);
    else write(items.length ? `${items.map(line).join('\n')}\n` : 'Không có tài liệu chờ duyệt / Nothing waiting\n');
    return 0;
  } catch (error) {
    if (error instanceof AppError) throw new Error(error.message, { cause: error });
    throw error;
  } finally {
    library.close();
  }
}
