/**
 * `bookshelf accounts`: staff accounts from the command line, for whoever has the station's PC
 * (the same trust as its files): list them, add one, or set a new password — the way back in
 * when the only official forgot theirs. A password is read from standard input (one line), never
 * from the command line where other users could see it. Changes go into the audit log.
 */
import { STAFF_ROLES, displayNameSchema, passwordSchema, usernameSchema } from '../../shared/accounts.js';
import type { StaffRole } from '../../shared/accounts.js';
import { Accounts } from '../accounts/accounts.js';
import { recordAudit } from '../accounts/audit.js';
import { Library } from '../library.js';
import { UsageError, notOneOf } from './usage.js';
import { helpSection, labelled } from './words.js';
import { bilingual } from '../../shared/messages.js';

export const ACCOUNTS_HELP = helpSection('accounts', [
  ['[--json]', 'cli.help.accounts.list'],
  ['--add USER --role librarian|official --name "FULL NAME"', 'cli.help.accounts.add'],
  ['--reset USER', 'cli.help.accounts.reset'],
]);

export interface AccountsFlags {
  libraryDir: string;
  add?: string;
  reset?: string;
  role?: string;
  name?: string;
  json: boolean;
}

export interface AccountsIo {
  write(text: string): void;
  /** The first line of standard input. */
  readPassword(): Promise<string>;
}

async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0];
}

const processIo: AccountsIo = { write: (text) => void process.stdout.write(text), readPassword: () => firstLine(process.stdin) };

function checked<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(what);
  return parsed.data;
}

export async function runAccounts(flags: AccountsFlags, io: AccountsIo = processIo): Promise<number> {
  if (flags.add && flags.reset) throw new UsageError(`${bilingual({ key: 'cli.usage.onlyOneOf' })} --add, --reset`);
  const role = flags.role ?? 'librarian';
  if (flags.add && !(STAFF_ROLES as readonly string[]).includes(role)) throw notOneOf('--role', role, STAFF_ROLES);
  const username = flags.add ?? flags.reset;
  if (username !== undefined) checked(usernameSchema, username, bilingual({ key: 'cli.accounts.badUsername' }));
  if (flags.add && !flags.name) throw new UsageError(bilingual({ key: 'cli.accounts.needsName' }));

  const library = await Library.open(flags.libraryDir);
  try {
    const accounts = new Accounts(library.db);
    if (username === undefined) {
      const list = accounts.list();
      if (flags.json) io.write(`${JSON.stringify(list)}\n`);
      else if (list.length === 0) io.write(`${bilingual({ key: 'cli.accounts.none' })}\n`);
      else for (const a of list) io.write(`${a.username}\t${a.role}\t${bilingual({ key: a.disabled ? 'cli.accounts.disabled' : 'cli.accounts.enabled' })}\t${a.displayName}\n`);
      return 0;
    }
    const password = checked(passwordSchema, await io.readPassword(), bilingual({ key: 'cli.accounts.badPassword' }));
    const name = checked(usernameSchema, username, '');
    if (flags.add) {
      const created = await accounts.create({ username: name, displayName: checked(displayNameSchema, flags.name, '--name'), role: role as StaffRole, password });
      recordAudit(library.db, null, 'cli.accounts.add', JSON.stringify({ username: created.username, role: created.role }));
      io.write(`${labelled('cli.accounts.added', `${created.username} (${created.role})`)}\n`);
    } else {
      const account = accounts.list().find((a) => a.username === name);
      if (!account) throw new UsageError(bilingual({ key: 'cli.accounts.noSuchAccount', params: { name } }));
      await accounts.setPassword(account.id, password);
      if (account.disabled) accounts.update(account, { id: account.id, disabled: false });
      recordAudit(library.db, null, 'cli.accounts.reset', JSON.stringify({ username: account.username }));
      io.write(`${labelled('cli.accounts.passwordSet', account.username)}\n`);
    }
    return 0;
  } finally {
    library.close();
  }
}
