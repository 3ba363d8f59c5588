/**
 * The `bookshelf` command line: parses the command and its flags, and runs it. Usage errors
 * (unknown command, bad flag) print a clear message and exit with code 2.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { resolveLibraryDir } from '../paths.js';
import { Library } from '../library.js';
import { APP_VERSION } from '../package-root.js';
import { runServe, runStart } from './serve.js';

export const HELP = `Tủ sách pháp luật điện tử ${APP_VERSION} — bookshelf

Cách dùng / Usage: bookshelf <lệnh/command> [tuỳ chọn/options]

Lệnh / Commands:
  start                 Mở ứng dụng (Electron); nếu không có Electron, phục vụ giao diện trong trình duyệt
                        Open the app (Electron); without Electron, serve the UI to a browser
  serve                 Phục vụ giao diện và API qua HTTP / Serve the UI and the API over HTTP
  info                  Thông tin thư viện / Library counts and versions
  help                  Trợ giúp này / This help

Tuỳ chọn chung / Common options:
  --library DIR         Thư mục thư viện (mặc định: BOOKSHELF_HOME hoặc thư mục dữ liệu người dùng)
                        Library folder (default: BOOKSHELF_HOME, else the per-user app-data folder)
  -h, --help            Trợ giúp / Help
  -v, --version         Phiên bản / Version

serve / start:
  --port N              Cổng (mặc định 4800, 0 = tự chọn) / Port (default 4800, 0 = any free port)
  --host ADDR           Địa chỉ lắng nghe (mặc định 127.0.0.1) / Address to listen on (default 127.0.0.1)
  --no-demo             Không nạp thư viện mẫu vào thư viện trống / Leave an empty library empty
  --no-open             Không mở trình duyệt / Do not open a browser
  --kiosk               (start) Chế độ kiosk toàn màn hình / Full-screen kiosk mode
  --browser             (start) Luôn dùng trình duyệt thay vì Electron / Always use the browser

info:
  --json                In dạng JSON / Print JSON
`;

export class UsageError extends Error {}

const COMMON = {
  library: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const SERVE = {
  ...COMMON,
  port: { type: 'string' },
  host: { type: 'string' },
  'no-demo': { type: 'boolean' },
  'no-open': { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

const COMMANDS = {
  info: { ...COMMON, json: { type: 'boolean' } },
  serve: SERVE,
  start: { ...SERVE, kiosk: { type: 'boolean' }, browser: { type: 'boolean' } },
} as const;

type Command = keyof typeof COMMANDS;

export interface ServeFlags {
  libraryDir: string;
  host: string;
  port: number;
  portGiven: boolean;
  demo: boolean;
  open: boolean;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 4800;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`--port: "${value}" không phải số cổng hợp lệ / is not a valid port (0–65535)`);
  return port;
}

function parseCommand(command: Command, args: string[]) {
  try {
    return parseArgs({ args, options: COMMANDS[command], strict: true, allowPositionals: false }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError(`tuỳ chọn không hợp lệ / ${(error as Error).message}. Xem / See: bookshelf --help`);
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${APP_VERSION}\n`);
    return 0;
  }
  try {
    if (!Object.hasOwn(COMMANDS, command)) {
      throw new UsageError(`Lệnh không tồn tại / Unknown command: "${command}". Xem / See: bookshelf --help`);
    }
    const values = parseCommand(command as Command, rest);
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    const libraryDir = resolveLibraryDir(values.library as string | undefined);
    if (command === 'info') return await runInfo(libraryDir, values.json === true);
    const flags: ServeFlags = {
      libraryDir,
      host: (values.host as string | undefined) ?? '127.0.0.1',
      port: parsePort(values.port as string | undefined),
      portGiven: values.port !== undefined,
      demo: values['no-demo'] !== true,
      open: values['no-open'] !== true,
    };
    if (command === 'serve') return await runServe(flags);
    return await runStart(flags, { kiosk: values.kiosk === true, forceBrowser: values.browser === true });
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`bookshelf: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`bookshelf: ${(error as Error).message}\n`);
    return 1;
  }
}

async function runInfo(libraryDir: string, json: boolean): Promise<number> {
  const library = await Library.open(libraryDir);
  try {
    const info = library.info();
    if (json) {
      process.stdout.write(`${JSON.stringify({ ...info, libraryDir }, null, 2)}\n`);
    } else {
      process.stdout.write(
        [
          `${info.name} — ${libraryDir}`,
          `Phiên bản ứng dụng / App version: ${info.appVersion} (lược đồ / schema ${info.schemaVersion})`,
          `Văn bản và sách / Publications: ${info.publications}`,
          `Tệp có sẵn / Files present: ${info.filesPresent} (${(info.bytesPresent / 1024 / 1024).toFixed(1)} MB)`,
          `Tệp chưa tải / Files pending: ${info.filesPending}`,
        ].join('\n') + '\n',
      );
    }
    return 0;
  } finally {
    library.close();
  }
}
