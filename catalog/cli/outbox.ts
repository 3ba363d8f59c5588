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
import { bilingual } from '../../shared/messages.js';
import type { OutboxItem } from '../../shared/outbox.js';
import { UsageError } from './usage.js';
import { helpSection, labelled } from './words.js';

export const OUTBOX_HELP = helpSection('outbox', [
  ['--add ID', 'cli.help.outbox.add'],
  ['--hub URL|none', 'cli.help.outbox.hub'],
  ['--send', 'cli.help.outbox.send'],
  ['--export-bundle DIR', 'cli.help.outbox.exportBundle'],
  ['--chunk-kb N', 'cli.help.outbox.chunkKb'],
  ['--json', 'cli.help.json'],
]);

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
  return `#${item.id}  ${state.padEnd(12)}  ${item.publicationId}  ${item.title}${item.reason ? `\n      ${bilingual(item.reason)}` : ''}`;
}

export async function runOutbox(flags: OutboxFlags, write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  let chunkSize: number | undefined;
  if (flags.chunkKb !== undefined) {
    const kb = Number(flags.chunkKb);
    if (!Number.isInteger(kb) || kb < 16 || kb > 16 * 1024) throw new UsageError(`--chunk-kb: "${flags.chunkKb}" ${bilingual({ key: 'cli.usage.numberRange', params: { min: 16, max: 16 * 1024 } })}`);
    chunkSize = kb * 1024;
  }
  const library = await Library.open(flags.libraryDir);
  const service = new OutboxService(library, { background: false, chunkSize });
  try {
    if (flags.hub !== undefined) {
      const settings = setHubUrl(library, flags.hub === 'none' ? null : flags.hub);
      if (!flags.json) write(`${labelled('cli.outbox.hub', settings.effectiveHubUrl ?? '—')}\n`);
    }
    if (flags.add !== undefined) {
      const row = enqueue(library.db, flags.add);
      if (!flags.json) write(`${labelled('cli.outbox.queued', `#${row.id} ${row.title}`)}\n`);
    }
    if (flags.send) {
      if (!outboxSettings(library).effectiveHubUrl) throw new UsageError(bilingual({ key: 'cli.outbox.noHub' }));
      const run = await service.runOnce();
      if (!flags.json) write(`${bilingual({ key: 'cli.outbox.sent', params: { sent: run.sent, failed: run.failed, rejected: run.rejected, decided: run.decided } })}\n`);
    }
    const items = service.list();
    if (flags.json) write(`${JSON.stringify(items)}\n`);
    else write(`${items.length ? items.map(line).join('\n') : bilingual({ key: 'cli.outbox.empty' })}\n`);
    return 0;
  } finally {
    await service.dispose();
    library.close();
  }
}
