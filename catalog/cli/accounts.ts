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
import { UsageError } from './usage.js';

export const ACCOUNTS_HELP = `accounts:
  (không cờ / no flag)  Danh sách tài khoản cán bộ / List staff accounts [--json]
  --add TÊN --role librarian|official --name "Họ tên"
                        Thêm tài khoản; mật khẩu đọc từ đầu vào chuẩn / Add an account; password from standard input
  --reset TÊN           Đặt mật khẩu mới (đọc từ đầu vào chuẩn), mở khóa tài khoản / New password from standard input, account enabled
`;

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
  if (flags.add && flags.reset) throw new UsageError('chỉ một trong / only one of --add, --reset');
  const role = flags.role ?? 'librarian';
  if (flags.add && !(STAFF_ROLES as readonly string[]).includes(role)) throw new UsageError('--role librarian | official');
  const username = flags.add ?? flags.reset;
  if (username !== undefined) checked(usernameSchema, username, 'tên đăng nhập 3–40 ký tự a-z 0-9 . _ - / user name: 3–40 of a-z 0-9 . _ -');
  if (flags.add && !flags.name) throw new UsageError('--add cần --name "Họ tên" / needs --name "Full name"');

  const library = await Library.open(flags.libraryDir);
  try {
    const accounts = new Accounts(library.db);
    if (username === undefined) {
      const list = accounts.list();
      if (flags.json) io.write(`${JSON.stringify(list)}\n`);
      else if (list.length === 0) io.write('Chưa có tài khoản; lần mở đầu tiên sẽ hỏi tài khoản cán bộ. / No account yet; the first start asks for an official.\n');
      else for (const a of list) io.write(`${a.username}\t${a.role}\t${a.disabled ? 'khóa / disabled' : 'dùng được / enabled'}\t${a.displayName}\n`);
      return 0;
    }
    const password = checked(passwordSchema, await io.readPassword(), 'mật khẩu ít nhất 8 ký tự, một dòng trên đầu vào chuẩn / a password of 8+ characters, one line on standard input');
    const name = checked(usernameSchema, username, '');
    if (flags.add) {
      const created = await accounts.create({ username: name, displayName: checked(displayNameSchema, flags.name, '--name'), role: role as StaffRole, password }, 'vi');
      recordAudit(library.db, null, 'cli.accounts.add', JSON.stringify({ username: created.username, role: created.role }));
      io.write(`Đã thêm / Added: ${created.username} (${created.role})\n`);
    } else {
      const account = accounts.list().find((a) => a.username === name);
      if (!account) throw new UsageError(`không có tài khoản / no account "${name}"`);
      await accounts.setPassword(account.id, password, 'vi');
      if (account.disabled) accounts.update(account, { id: account.id, disabled: false }, 'vi');
      recordAudit(library.db, null, 'cli.accounts.reset', JSON.stringify({ username: account.username }));
      io.write(`Đã đặt mật khẩu mới / New password set: ${account.username}\n`);
    }
    return 0;
  } finally {
    library.close();
  }
}
