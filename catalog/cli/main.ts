/**
 * The `bookshelf` command line: parses the command and its flags, and runs it. Usage errors
 * (unknown command, bad flag) print a clear message and exit with code 2.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { resolveLibraryDir } from '../paths.js';
import { Library } from '../library.js';
import { APP_VERSION } from '../package-root.js';
import { isLoopbackHost, runHub, runServe, runStart } from './serve.js';
import { runKeygen, runPublish } from './feed.js';
import { runSync } from './sync.js';
import { runKiosk } from './kiosk.js';
import { ACCOUNTS_HELP, runAccounts } from './accounts.js';
import { runUpdateSettings } from './update.js';
import { parseBundleFilter, runExportBundle } from './export-bundle.js';
import { KEEP_HELP, parseBudget, parseKinds, parseList, runKeep } from './keep.js';
import { runEvalSearch, runSearch } from './search.js';
import { IMPORT_HELP, parseTimeout, runImport } from './import.js';
import { REPORT_HELP, runReport } from './report.js';
import { SCAN_HELP, runScan } from './scan.js';
import { OUTBOX_HELP, runOutbox } from './outbox.js';
import { MODERATE_HELP, runModerate } from './moderate.js';
import { UsageError } from './usage.js';
import type { SearchFilters } from '../search/filters.js';
import { LEGAL_STATUSES, PUBLICATION_KINDS } from '../../shared/domain.js';
import { bilingual } from '../../shared/messages.js';
import type { LegalStatus, PublicationKind } from '../../shared/domain.js';

export const HELP = `Tủ sách pháp luật điện tử ${APP_VERSION} — bookshelf

Cách dùng / Usage: bookshelf <lệnh/command> [tuỳ chọn/options]

Lệnh / Commands:
  start                 Mở ứng dụng (Electron); nếu không có Electron, phục vụ giao diện trong trình duyệt
                        Open the app (Electron); without Electron, serve the UI to a browser
  serve                 Phục vụ giao diện và API qua HTTP / Serve the UI and the API over HTTP
  info                  Thông tin thư viện / Library counts and versions
  import <tệp|thư mục…> Nhập tệp PDF/EPUB / Import PDF and EPUB files
  sync <URL|thư mục>    Đồng bộ từ nguồn cấp có chữ ký (mạng hoặc USB) / Sync from a signed feed (web or USB)
                        --trust FILE: khoá công khai được tin cậy (lần đầu bắt buộc) / pinned public key (required the first time)
  export-bundle --to DIR
                        Xuất nguồn cấp đã đồng bộ (chữ ký của trạm chủ) và tệp sang thư mục/USB cho trạm khác
                        Write the synced feed (the hub's signatures) and files to a folder/USB for another station
                        --source URL|DIR: chọn nguồn khi có nhiều / choose the source when there are several
                        --filter "fields=A,B;types=X;kinds=K": chỉ kèm tệp của ấn phẩm khớp (danh mục vẫn đầy đủ)
                        only the files of matching publications (the catalog stays complete)
  keep                  Chọn tệp trạm này giữ: lĩnh vực, loại, dung lượng / Choose what files this station keeps
  update [--url URL|none] [--channel latest|beta]
                        Nơi ứng dụng tìm bản cập nhật / Where the installed app looks for updates
  accounts [--add U --role R --name N | --reset U]
                        Tài khoản cán bộ; quên mật khẩu thì đặt lại ở đây / Staff accounts; reset a forgotten password here
  kiosk [--on|--off] [--idle S]
                        Luôn mở dạng kiosk; thời gian chờ trước khi về trang chủ / Always start as a kiosk; idle reset delay
  keygen --out DIR      Tạo cặp khoá ký nguồn cấp (trạm chủ) / Make a feed signing key pair (hub)
  publish               Xuất bản thay đổi thành nguồn cấp có chữ ký / Publish changes as a signed feed
  scan                  Quét giấy thành tài liệu tìm được (SANE hoặc thư mục) / Scan paper into a searchable document (SANE or a folder)
  search "<câu hỏi>"    Tìm văn bản, điều luật, số hiệu / Search documents, articles and numbers
  report --from NGÀY --to NGÀY [--format csv|pdf] [--out FILE]
                        Báo cáo sử dụng (hằng năm) bằng tiếng Việt / Usage report (yearly), in Vietnamese
  outbox                Hộp thư đi: tài liệu gửi lên trạm chủ / The outbox: documents sent to the hub
  moderate              (trạm chủ) Duyệt tài liệu các trạm gửi lên; số liệu sử dụng theo trạm
                        (hub) Approve or reject uploads from stations; usage per station
  eval-search           Đo chất lượng tìm kiếm trên bộ câu hỏi có nhãn / Measure search quality
  help                  Trợ giúp này / This help

Tuỳ chọn chung / Common options:
  --library DIR         Thư mục thư viện (mặc định: BOOKSHELF_HOME hoặc thư mục dữ liệu người dùng)
                        Library folder (default: BOOKSHELF_HOME, else the per-user app-data folder)
  -h, --help            Trợ giúp / Help
  -v, --version         Phiên bản / Version

serve / start:
  --port N              Cổng (mặc định 4800, 0 = tự chọn) / Port (default 4800, 0 = any free port)
  --host ADDR           Địa chỉ lắng nghe (mặc định 127.0.0.1) / Address to listen on (default 127.0.0.1)
  --lan                 (serve) Phục vụ điện thoại trong mạng LAN (mặc định tắt; --host mặc định 0.0.0.0)
                        Serve phones on the LAN (off by default; --host then defaults to 0.0.0.0)
  --lan-name NAME       (serve) Tên máy trong mạng LAN, ví dụ tusach.lan / The station's LAN host name
  --lan-staff           (serve) Cho thủ thư, cán bộ đăng nhập từ máy khác trong LAN / Let staff sign in from other LAN machines
  --no-demo             Không nạp thư viện mẫu vào thư viện trống / Leave an empty library empty
  --no-open             Không mở trình duyệt / Do not open a browser
  --kiosk               (start) Chế độ kiosk toàn màn hình / Full-screen kiosk mode
                        (với --browser mở …/?kiosk=1 / with --browser opens …/?kiosk=1)
  --browser             (start) Luôn dùng trình duyệt thay vì Electron / Always use the browser
  --hub --feed DIR      (serve) Phục vụ thư mục nguồn cấp của trạm chủ và nhận tài liệu gửi lên (--library: thư viện trạm chủ)
                        Serve a hub's feed folder and receive uploads (--library: the hub's library)

publish:
  --out DIR             Thư mục nguồn cấp / Feed folder
  --key FILE            Khoá riêng (feed-private.pem) / Private key
  --snapshot            Ghi kèm ảnh chụp toàn bộ danh mục / Also write a full snapshot
  --refresh             Ký lại tài liệu gốc dù không có thay đổi (tự làm khi sắp hết hạn)
                        / Re-sign the root even with no change (done anyway near its expiry)
  --thesaurus FILE|none Từ ngữ bổ sung của trạm chủ, gửi kèm nguồn cấp cho các trạm (none: bỏ)
                        The hub's thesaurus additions, shipped to stations with the feed (none: remove)

info:
  --json                In dạng JSON / Print JSON

search:
  --limit N             Số kết quả (mặc định 10) / Number of results (default 10)
  --type T, --issuer I, --year YYYY, --field F, --status S, --kind K
                        Lọc (lặp lại được) / Filters (repeatable); status: in_force, partly_in_force,
                        not_in_force, unknown; kind: legal, book, guide, qa
  --json                Kết quả dạng JSON (kèm số đếm theo nhóm) / JSON with facet counts

${IMPORT_HELP}
${KEEP_HELP}
${REPORT_HELP}
${SCAN_HELP}${ACCOUNTS_HELP}${OUTBOX_HELP}
${MODERATE_HELP}
eval-search:
  --laws FILE           Luật dạng laws.jsonl / Laws in the laws.jsonl format
  --queries FILE        Câu hỏi có nhãn dạng queries.jsonl (lặp lại được: đo mọi bộ cùng lúc) /
                        Labelled queries (queries.jsonl format; repeat it to measure every set at once)
  --by type             Thêm số đo theo kiểu câu hỏi / Add figures per style of question
  --json                Một dòng JSON cuối cùng / One JSON line at the end
`;


type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | string[] | undefined>;

const COMMON = {
  library: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

const SERVE = {
  ...COMMON,
  port: { type: 'string' },
  host: { type: 'string' },
  lan: { type: 'boolean' },
  'lan-name': { type: 'string' },
  'lan-staff': { type: 'boolean' },
  'no-demo': { type: 'boolean' },
  'no-open': { type: 'boolean' },
} as const satisfies Options;

const FILTERS = {
  type: { type: 'string', multiple: true },
  issuer: { type: 'string', multiple: true },
  year: { type: 'string', multiple: true },
  field: { type: 'string', multiple: true },
  status: { type: 'string', multiple: true },
  kind: { type: 'string', multiple: true },
} as const satisfies Options;

interface CommandSpec {
  options: Options;
  /** Positional arguments: none, or a usage line naming what is required. */
  positionals: null | { min: number; usage: string };
  run(values: Values, positionals: string[], libraryDir: string): Promise<number>;
}

export interface ServeFlags {
  libraryDir: string;
  host: string;
  /** Serve readers on the LAN (off by default). */
  lan: boolean;
  lanName?: string;
  /** Let staff sign in from other machines on the LAN (off: only at the station itself). */
  lanStaff: boolean;
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

function parseCount(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max) throw new UsageError(`--${name}: "${value}" phải là số từ 1 đến ${max} / must be a number from 1 to ${max}`);
  return n;
}

function serveFlags(values: Values, libraryDir: string): ServeFlags {
  const lan = values.lan === true;
  const host = (values.host as string | undefined) ?? (lan ? '0.0.0.0' : '127.0.0.1');
  const lanName = values['lan-name'] as string | undefined;
  if (!lan && !isLoopbackHost(host)) throw new UsageError(`--host ${host}: phục vụ trên mạng LAN cần thêm --lan / serving on the LAN needs --lan`);
  if (lanName !== undefined && !lan) throw new UsageError('--lan-name cần --lan / needs --lan');
  if (values['lan-staff'] === true && !lan) throw new UsageError('--lan-staff cần --lan / needs --lan');
  if (lanName !== undefined && !/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(lanName)) {
    throw new UsageError(`--lan-name: "${lanName}" không phải tên máy hợp lệ / is not a valid host name`);
  }
  return {
    libraryDir,
    host,
    lan,
    lanName,
    lanStaff: values['lan-staff'] === true,
    port: parsePort(values.port as string | undefined),
    portGiven: values.port !== undefined,
    demo: values['no-demo'] !== true,
    open: values['no-open'] !== true,
  };
}

function searchFilters(values: Values): SearchFilters {
  const list = (name: string) => values[name] as string[] | undefined;
  const years = list('year')?.map((year) => {
    if (!/^\d{4}$/.test(year)) throw new UsageError(`--year: "${year}" không phải năm / is not a year`);
    return Number(year);
  });
  const statuses = list('status');
  for (const status of statuses ?? []) {
    if (!(LEGAL_STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status: ${LEGAL_STATUSES.join(', ')}`);
  }
  const kinds = list('kind');
  for (const kind of kinds ?? []) {
    if (!(PUBLICATION_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind: ${PUBLICATION_KINDS.join(', ')}`);
  }
  return {
    docType: list('type'),
    issuer: list('issuer'),
    year: years,
    field: list('field'),
    legalStatus: statuses as LegalStatus[] | undefined,
    kind: kinds as PublicationKind[] | undefined,
  };
}

const COMMANDS: Record<string, CommandSpec> = {
  info: {
    options: { ...COMMON, json: { type: 'boolean' } },
    positionals: null,
    run: (values, _args, libraryDir) => runInfo(libraryDir, values.json === true),
  },
  serve: {
    options: { ...SERVE, hub: { type: 'boolean' }, feed: { type: 'string' } },
    positionals: null,
    run: (values, _args, libraryDir) => {
      if (values.hub === true || values.feed !== undefined) {
        if (values.hub !== true || typeof values.feed !== 'string') throw new UsageError('cần cả / needs both --hub and --feed <thư mục nguồn cấp / feed folder>');
        return runHub(serveFlags(values, libraryDir), values.feed);
      }
      return runServe(serveFlags(values, libraryDir));
    },
  },
  update: {
    options: { ...COMMON, url: { type: 'string' }, channel: { type: 'string' } },
    positionals: null,
    run: (values, _args, libraryDir) =>
      runUpdateSettings({ libraryDir, url: typeof values.url === 'string' ? values.url : undefined, channel: typeof values.channel === 'string' ? values.channel : undefined }),
  },
  accounts: {
    options: { ...COMMON, add: { type: 'string' }, reset: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } },
    positionals: null,
    run: (values, _args, libraryDir) =>
      runAccounts({
        libraryDir,
        add: values.add as string | undefined,
        reset: values.reset as string | undefined,
        role: values.role as string | undefined,
        name: values.name as string | undefined,
        json: values.json === true,
      }),
  },
  kiosk: {
    options: { ...COMMON, on: { type: 'boolean' }, off: { type: 'boolean' }, idle: { type: 'string' } },
    positionals: null,
    run: (values, _args, libraryDir) =>
      runKiosk({ libraryDir, on: values.on === true, off: values.off === true, idle: typeof values.idle === 'string' ? values.idle : undefined }),
  },
  sync: {
    options: { ...COMMON, trust: { type: 'string', multiple: true } },
    positionals: { min: 1, usage: 'bookshelf sync <https URL | thư mục / folder> [--trust <khoá công khai / public key>]…' },
    run: (values, args, libraryDir) => runSync({ libraryDir, location: args[0], trustFiles: (values.trust as string[] | undefined) ?? [] }),
  },
  'export-bundle': {
    options: { ...COMMON, to: { type: 'string' }, source: { type: 'string' }, filter: { type: 'string' } },
    positionals: null,
    run: (values, _args, libraryDir) => {
      if (typeof values.to !== 'string') throw new UsageError('cần / needs --to <thư mục / folder> [--source <URL | thư mục / folder>]');
      const filter = typeof values.filter === 'string' ? parseBundleFilter(values.filter) : undefined;
      return runExportBundle({ libraryDir, to: values.to, source: values.source as string | undefined, filter });
    },
  },
  keep: {
    options: { ...COMMON, fields: { type: 'string' }, types: { type: 'string' }, kinds: { type: 'string' }, budget: { type: 'string' }, all: { type: 'boolean' } },
    positionals: null,
    run: (values, _args, libraryDir) => {
      const given = <T,>(name: string, parse: (name: string, value: string) => T): T | undefined => {
        const value = values[name];
        return typeof value === 'string' ? parse(name, value) : undefined;
      };
      return runKeep({
        libraryDir,
        all: values.all === true,
        fields: given('fields', parseList),
        types: given('types', parseList),
        kinds: given('kinds', parseKinds),
        budget: given('budget', (_name, value) => parseBudget(value)),
      });
    },
  },
  keygen: {
    options: { help: COMMON.help, out: { type: 'string' } },
    positionals: null,
    run: (values) => {
      if (typeof values.out !== 'string') throw new UsageError('cần / needs --out <thư mục / folder>');
      return runKeygen({ out: values.out });
    },
  },
  publish: {
    options: { ...COMMON, out: { type: 'string' }, key: { type: 'string' }, snapshot: { type: 'boolean' }, refresh: { type: 'boolean' }, thesaurus: { type: 'string' } },
    positionals: null,
    run: (values, _args, libraryDir) => {
      if (typeof values.out !== 'string' || typeof values.key !== 'string') {
        throw new UsageError('cần / needs --out <thư mục nguồn cấp / feed folder> --key <khoá riêng / private key>');
      }
      return runPublish({
        libraryDir,
        out: values.out,
        key: values.key,
        snapshot: values.snapshot === true,
        refresh: values.refresh === true,
        thesaurus: typeof values.thesaurus === 'string' ? values.thesaurus : undefined,
      });
    },
  },
  start: {
    options: { ...SERVE, kiosk: { type: 'boolean' }, browser: { type: 'boolean' } },
    positionals: null,
    run: (values, _args, libraryDir) =>
      runStart(serveFlags(values, libraryDir), { kiosk: values.kiosk === true, forceBrowser: values.browser === true }),
  },
  import: {
    options: { ...COMMON, json: { type: 'boolean' }, timeout: { type: 'string' } },
    positionals: { min: 1, usage: 'bookshelf import <tệp hoặc thư mục… / files or folders…>' },
    run: (values, paths, libraryDir) =>
      runImport({ libraryDir, paths, json: values.json === true, timeoutSeconds: parseTimeout(values.timeout as string | undefined) }),
  },
  scan: {
    options: {
      ...COMMON,
      device: { type: 'string' },
      source: { type: 'string' },
      pages: { type: 'string' },
      mode: { type: 'string' },
      resolution: { type: 'string' },
      folder: { type: 'string' },
      ocr: { type: 'boolean' },
      title: { type: 'string' },
      json: { type: 'boolean' },
    },
    positionals: null,
    run: (values, _args, libraryDir) =>
      runScan({
        libraryDir,
        ...(Object.fromEntries(['device', 'source', 'pages', 'mode', 'resolution', 'folder', 'title'].map((k) => [k, values[k]])) as Record<string, string | undefined>),
        ocr: values.ocr === true,
        json: values.json === true,
      }),
  },
  search: {
    options: { ...COMMON, ...FILTERS, json: { type: 'boolean' }, limit: { type: 'string' } },
    positionals: { min: 1, usage: 'bookshelf search "<câu hỏi / query>"' },
    run: (values, args, libraryDir) =>
      runSearch({ libraryDir, query: args.join(' '), limit: parseCount('limit', values.limit as string | undefined, 10, 50), json: values.json === true, filters: searchFilters(values) }),
  },
  report: {
    options: { ...COMMON, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    positionals: null,
    run: (values, _args, libraryDir) =>
      runReport({
        libraryDir,
        from: values.from as string | undefined,
        to: values.to as string | undefined,
        format: values.format as string | undefined,
        out: values.out as string | undefined,
      }),
  },
  outbox: {
    options: { ...COMMON, add: { type: 'string' }, hub: { type: 'string' }, send: { type: 'boolean' }, 'chunk-kb': { type: 'string' }, json: { type: 'boolean' } },
    positionals: null,
    run: (values, _args, libraryDir) =>
      runOutbox({
        libraryDir,
        add: values.add as string | undefined,
        hub: values.hub as string | undefined,
        send: values.send === true,
        chunkKb: values['chunk-kb'] as string | undefined,
        json: values.json === true,
      }),
  },
  moderate: {
    options: {
      ...COMMON,
      list: { type: 'boolean' },
      all: { type: 'boolean' },
      approve: { type: 'string' },
      reject: { type: 'string' },
      reason: { type: 'string' },
      usage: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    positionals: null,
    run: (values, _args, libraryDir) =>
      runModerate({
        libraryDir,
        all: values.all === true,
        approve: values.approve as string | undefined,
        reject: values.reject as string | undefined,
        reason: values.reason as string | undefined,
        usage: values.usage === true,
        json: values.json === true,
      }),
  },
  'eval-search': {
    options: { help: COMMON.help, laws: { type: 'string' }, queries: { type: 'string', multiple: true }, by: { type: 'string' }, json: { type: 'boolean' } },
    positionals: null,
    run: (values) => {
      const queries = values.queries as string[] | undefined;
      if (typeof values.laws !== 'string' || !queries?.length) {
        throw new UsageError('cần / needs --laws <laws.jsonl> --queries <queries.jsonl>');
      }
      if (values.by !== undefined && values.by !== 'type') throw new UsageError('--by chỉ nhận / only takes: type');
      return runEvalSearch({ laws: values.laws, queries, byType: values.by === 'type', json: values.json === true });
    },
  },
};

function parseCommand(spec: CommandSpec, args: string[]): { values: Values; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options: spec.options, strict: true, allowPositionals: spec.positionals !== null });
    return { values: parsed.values as Values, positionals: parsed.positionals };
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
    const spec = COMMANDS[command];
    const { values, positionals } = parseCommand(spec, rest);
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (spec.positionals && positionals.length < spec.positionals.min) {
      throw new UsageError(`thiếu tham số / missing argument: ${spec.positionals.usage}`);
    }
    return await spec.run(values, positionals, resolveLibraryDir(values.library as string | undefined));
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
          `Tệp không lưu tại trạm này / Files not kept at this station: ${info.filesNotKept}`,
          ...(info.demo.state === 'loaded' ? [bilingual({ key: 'overview.demoLoaded', params: { count: info.demo.count } })] : []),
          ...(info.demo.state === 'retired' ? [bilingual({ key: 'overview.demoRetired', params: { when: info.demo.at.slice(0, 10), merged: info.demo.merged, removed: info.demo.removed } })] : []),
        ].join('\n') + '\n',
      );
    }
    return 0;
  } finally {
    library.close();
  }
}
