/**
 * `bookshelf moderate`: a hub's moderation queue from a terminal — list the uploads waiting (or
 * all), approve one into the hub's library (the next publish carries it), reject one with a
 * reason the station will show, and the usage counts stations reported, summed per station;
 * with `--by station|province` (and `--from`, `--to`), the network's view of them
 * (./moderate-usage.ts). `--stations`: the stations enrolled and the decisions on them
 * (./moderate-stations.ts). `--quotas`: the stations' quotas and the disk's room, `--set` to change
 * one (./moderate-quotas.ts).
 */
import os from 'node:os';
import { onLibrary } from './on-library.js';
import { approveUpload, listModeration, rejectUpload } from '../hub/moderation.js';
import { usageByStation } from '../hub/usage.js';
import type { ModerationItem } from '../../shared/outbox.js';
import { UsageError } from './usage.js';
import { runModerateStations } from './moderate-stations.js';
import { runModerateUsage, usagePeriod } from './moderate-usage.js';
import { runModerateQuotas } from './moderate-quotas.js';
import { helpSection } from './words.js';
import { bilingual } from '../../shared/messages.js';
import { plainLine, terminalSafe } from '../../shared/text.js';

export const MODERATE_HELP = helpSection('moderate', [
  ['--list', 'cli.help.moderate.list'],
  ['--all', 'cli.help.moderate.all'],
  ['--approve ID', 'cli.help.moderate.approve'],
  ['--reject ID --reason TEXT', 'cli.help.moderate.reject'],
  ['--usage', 'cli.help.moderate.usage'],
  ['--usage --by station|province [--from D --to D]', 'cli.help.moderate.by'],
  ['--import-bundle DIR', 'cli.help.moderate.importBundle'],
  ['--quotas [--set NAME=VALUE]', 'cli.help.moderate.quotas'],
  ['--stations', 'cli.help.moderate.stations'],
  ['--stations [--province NAME] [--page N | --all]', 'cli.help.moderate.stationPages'],
  ['--stations --approve ID | --refuse ID | --revoke ID', 'cli.help.moderate.decideStation'],
  ['--json', 'cli.help.json'],
]);

export interface ModerateFlags {
  libraryDir: string;
  all: boolean;
  approve?: string;
  reject?: string;
  reason?: string;
  usage: boolean;
  json: boolean;
  /** The stations instead of the uploads: --approve, --refuse and --revoke decide on a station. */
  stations?: boolean;
  refuse?: string;
  revoke?: string;
  /** With --usage: the network's view, per station or province, over --from..--to. */
  by?: string;
  from?: string;
  to?: string;
  /** The quotas and the disk's room; --set changes one. */
  quotas?: boolean;
  set?: string;
  /** With --stations: one province's, page N, or (with --all) every page. */
  province?: string;
  page?: string;
}

/** One upload on one line; what a station or an official wrote is made plain here too, whatever the database holds. */
function line(item: ModerationItem): string {
  const size = `${(item.size / 1024).toFixed(0)} KB`;
  return `${item.id}  ${item.state.padEnd(8)}  ${plainLine(item.stationName)}  ${plainLine(item.title)}  (${plainLine(item.mediaType)}, ${size})` + (item.reason ? `\n      ${plainLine(item.reason)}` : '');
}

export async function runModerate(flags: ModerateFlags, write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  if (flags.set !== undefined && !flags.quotas) throw new UsageError(`--set ${bilingual({ key: 'cli.usage.onlyWith' })} --quotas`);
  if (flags.quotas) {
    const others = [flags.approve, flags.reject, flags.reason, flags.refuse, flags.revoke, flags.by, flags.from, flags.to, flags.province, flags.page].some((flag) => flag !== undefined);
    if (others || flags.usage || flags.all || flags.stations) throw new UsageError(`--quotas ${bilingual({ key: 'cli.usage.onlyWith' })} --set, --json`);
    return runModerateQuotas({ libraryDir: flags.libraryDir, set: flags.set, json: flags.json }, write);
  }
  if (flags.stations) {
    if (flags.reject !== undefined || flags.reason !== undefined || flags.usage) {
      throw new UsageError(`--stations ${bilingual({ key: 'cli.usage.onlyWith' })} --approve, --refuse, --revoke, --province, --page, --all, --json`);
    }
    return runModerateStations(flags, write);
  }
  if (flags.refuse !== undefined || flags.revoke !== undefined || flags.province !== undefined || flags.page !== undefined) {
    throw new UsageError(`--refuse, --revoke, --province, --page ${bilingual({ key: 'cli.usage.onlyWith' })} --stations`);
  }
  const period = [flags.by, flags.from, flags.to].some((flag) => flag !== undefined);
  if (period && !flags.usage) throw new UsageError(`--by, --from, --to ${bilingual({ key: 'cli.usage.onlyWith' })} --usage`);
  if (flags.usage && flags.by !== undefined) return runModerateUsage({ libraryDir: flags.libraryDir, by: flags.by, from: flags.from, to: flags.to, json: flags.json }, write);
  if (flags.approve !== undefined && flags.reject !== undefined) throw new UsageError(`${bilingual({ key: 'cli.usage.onlyOneOf' })} --approve, --reject`);
  if (flags.reject !== undefined && !flags.reason?.trim()) throw new UsageError(`--reject ${bilingual({ key: 'cli.usage.needs' })} --reason TEXT`);
  if (flags.reason !== undefined && flags.reject === undefined) throw new UsageError(`--reason ${bilingual({ key: 'cli.usage.onlyWith' })} --reject`);
  const days = usagePeriod(flags.from, flags.to);
  const by = `cli:${os.userInfo().username}`;
  return onLibrary(flags.libraryDir, async (library) => {
    if (flags.usage) {
      const stations = usageByStation(library, days);
      if (flags.json) write(`${JSON.stringify(stations)}\n`);
      else if (!stations.length) write(`${bilingual({ key: 'cli.moderate.noUsage' })}\n`);
      else for (const s of stations) write(`${terminalSafe(`${s.stationName} (${s.stationId.slice(0, 8)}) ${s.firstDay ?? ''}…${s.lastDay ?? ''}: ${Object.entries(s.totals).map(([k, v]) => `${k}=${v}`).join(', ')}`)}\n`);
      return 0;
    }
    if (flags.approve !== undefined || flags.reject !== undefined) {
      const item =
        flags.approve !== undefined
          ? await approveUpload(library, flags.approve, by)
          : await rejectUpload(library, flags.reject as string, flags.reason as string, by);
      write(flags.json ? `${JSON.stringify(item)}\n` : `${bilingual({ key: item.state === 'approved' ? 'cli.moderate.approved' : 'cli.moderate.rejected' })}: ${line(item)}\n`);
      return 0;
    }
    const items = listModeration(library, flags.all ? 'all' : 'pending');
    if (flags.json) write(`${JSON.stringify(items)}\n`);
    else write(`${items.length ? items.map(line).join('\n') : bilingual({ key: 'cli.moderate.nothingWaiting' })}\n`);
    return 0;
  });
}
