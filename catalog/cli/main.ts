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
import { EVAL_RELATIONS_HELP, runEvalRelations } from './relations.js';
import { IMPORT_HELP, parseTimeout, runImport } from './import.js';
import { REPORT_HELP, runReport } from './report.js';
import { SCAN_HELP, runScan } from './scan.js';
import { OUTBOX_HELP, runOutbox } from './outbox.js';
import { MODERATE_HELP, runModerate } from './moderate.js';
import { runExportUploads, runImportUploads } from './usb-bundles.js';
import { ENROL_HELP, runEnrol } from './enrol.js';
import { runSelfTestCommand } from './self-test.js';
import { UsageError, notOneOf } from './usage.js';
import type { SearchFilters } from '../search/filters.js';
import { DOCUMENT_STATUSES, PUBLICATION_KINDS } from '../../shared/domain.js';
import { bilingual } from '../../shared/messages.js';
import { helpSection, labelled } from './words.js';
import type { DocumentStatus, PublicationKind } from '../../shared/domain.js';

export const HELP = [
  `${bilingual({ key: 'app.title' })} ${APP_VERSION} — bookshelf\n`,
  `${bilingual({ key: 'cli.help.usage' })}: bookshelf <command> [options]\n`,
  helpSection(bilingual({ key: 'cli.help.commands' }), [
    ['start', 'cli.help.start'],
    ['serve', 'cli.help.serve'],
    ['info', 'cli.help.info'],
    ['self-test [--json]', 'cli.help.selfTest'],
    ['import <FILE|DIR>…', 'cli.help.import'],
    ['sync <URL|DIR>', 'cli.help.sync'],
    ['  --trust FILE', 'cli.help.sync.trust'],
    ['export-bundle --to DIR', 'cli.help.exportBundle'],
    ['  --source URL|DIR', 'cli.help.exportBundle.source'],
    ['  --filter "fields=A,B;types=X;kinds=K"', 'cli.help.exportBundle.filter'],
    ['keep', 'cli.help.keep'],
    ['update [--url URL|none] [--channel latest|beta]', 'cli.help.update'],
    ['accounts [--add U --role R --name N | --reset U]', 'cli.help.accounts'],
    ['kiosk [--on|--off] [--idle S]', 'cli.help.kiosk'],
    ['  --printer NAME', 'cli.help.kioskPrinter'],
    ['keygen --out DIR', 'cli.help.keygen'],
    ['publish', 'cli.help.publish'],
    ['scan', 'cli.help.scan'],
    ['search "<QUERY>"', 'cli.help.search'],
    ['report --from YYYY-MM-DD --to YYYY-MM-DD | --year YYYY [--network] [--format csv|pdf] [--out FILE]', 'cli.help.report'],
    ['outbox', 'cli.help.outbox'],
    ['moderate', 'cli.help.moderate'],
    ['enrol <HUB-URL>', 'cli.help.enrol'],
    ['eval-search', 'cli.help.evalSearch'],
    ['eval-relations', 'cli.help.evalRelations'],
    ['help', 'cli.help.help'],
  ]),
  helpSection(bilingual({ key: 'cli.help.commonOptions' }), [
    ['--library DIR', 'cli.help.library'],
    ['-h, --help', 'cli.help.helpFlag'],
    ['-v, --version', 'cli.help.version'],
  ]),
  helpSection('serve / start', [
    ['--port N', 'cli.help.port'],
    ['--host ADDR', 'cli.help.host'],
    ['--lan', 'cli.help.lan'],
    ['--lan-name NAME', 'cli.help.lanName'],
    ['--lan-staff', 'cli.help.lanStaff'],
    ['--no-demo', 'cli.help.noDemo'],
    ['--no-open', 'cli.help.noOpen'],
    ['--kiosk', 'cli.help.kioskFlag'],
    ['--browser', 'cli.help.browser'],
    ['--hub --feed DIR', 'cli.help.hub'],
  ]),
  helpSection('publish', [
    ['--out DIR', 'cli.help.publish.out'],
    ['--key FILE', 'cli.help.publish.key'],
    ['--snapshot', 'cli.help.publish.snapshot'],
    ['--refresh', 'cli.help.publish.refresh'],
    ['--thesaurus FILE|none', 'cli.help.publish.thesaurus'],
  ]),
  helpSection('info', [['--json', 'cli.help.json']]),
  helpSection('search', [
    ['--limit N', 'cli.help.search.limit'],
    ['--type T, --issuer I, --year YYYY, --field F, --status S, --kind K', 'cli.help.search.filters', { statuses: DOCUMENT_STATUSES.join(', '), kinds: PUBLICATION_KINDS.join(', ') }],
    ['--json', 'cli.help.search.json'],
  ]),
  IMPORT_HELP,
  KEEP_HELP,
  REPORT_HELP,
  SCAN_HELP,
  ACCOUNTS_HELP,
  OUTBOX_HELP,
  MODERATE_HELP,
  ENROL_HELP,
  helpSection('eval-search', [
    ['--laws FILE', 'cli.help.evalSearch.laws'],
    ['--queries FILE', 'cli.help.evalSearch.queries'],
    ['--by type', 'cli.help.evalSearch.by'],
    ['--json', 'cli.help.evalSearch.json'],
  ]),
  EVAL_RELATIONS_HELP,
].join('\n');

const SEE_HELP = `${bilingual({ key: 'cli.usage.see' })}: bookshelf --help`;

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

/** The folder of --export-bundle or --import-bundle, which go only with --json (and --library): a usage error names any other flag given. */
function bundleFolder(values: Values, flag: 'export-bundle' | 'import-bundle'): string {
  const others = Object.keys(values).filter((name) => values[name] !== undefined && ![flag, 'json', 'library', 'help'].includes(name));
  if (others.length > 0) throw new UsageError(`--${flag} ${bilingual({ key: 'cli.usage.onlyWith' })} --json (--${others.join(', --')})`);
  return values[flag] as string;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 4800;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`--port: "${value}" ${bilingual({ key: 'cli.usage.notPort' })}`);
  return port;
}

function parseCount(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max) throw new UsageError(`--${name}: "${value}" ${bilingual({ key: 'cli.usage.numberRange', params: { min: 1, max } })}`);
  return n;
}

function serveFlags(values: Values, libraryDir: string): ServeFlags {
  const lan = values.lan === true;
  const host = (values.host as string | undefined) ?? (lan ? '0.0.0.0' : '127.0.0.1');
  const lanName = values['lan-name'] as string | undefined;
  if (!lan && !isLoopbackHost(host)) throw new UsageError(`--host ${host}: ${bilingual({ key: 'cli.usage.lanHost' })}`);
  if (lanName !== undefined && !lan) throw new UsageError(`--lan-name ${bilingual({ key: 'cli.usage.needs' })} --lan`);
  if (values['lan-staff'] === true && !lan) throw new UsageError(`--lan-staff ${bilingual({ key: 'cli.usage.needs' })} --lan`);
  if (lanName !== undefined && !/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(lanName)) {
    throw new UsageError(`--lan-name: "${lanName}" ${bilingual({ key: 'cli.usage.notHostName' })}`);
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
    if (!/^\d{4}$/.test(year)) throw new UsageError(`--year: "${year}" ${bilingual({ key: 'cli.usage.notYear' })}`);
    return Number(year);
  });
  const statuses = list('status');
  for (const status of statuses ?? []) {
    if (!(DOCUMENT_STATUSES as readonly string[]).includes(status)) throw notOneOf('--status', status, DOCUMENT_STATUSES);
  }
  const kinds = list('kind');
  for (const kind of kinds ?? []) {
    if (!(PUBLICATION_KINDS as readonly string[]).includes(kind)) throw notOneOf('--kind', kind, PUBLICATION_KINDS);
  }
  return {
    docType: list('type'),
    issuer: list('issuer'),
    year: years,
    field: list('field'),
    legalStatus: statuses as DocumentStatus[] | undefined,
    kind: kinds as PublicationKind[] | undefined,
  };
}

const COMMANDS: Record<string, CommandSpec> = {
  info: {
    options: { ...COMMON, json: { type: 'boolean' } },
    positionals: null,
    run: (values, _args, libraryDir) => runInfo(libraryDir, values.json === true),
  },
  'self-test': {
    options: { ...COMMON, json: { type: 'boolean' } },
    positionals: null,
    run: (values) => runSelfTestCommand(values.json === true),
  },
  serve: {
    options: { ...SERVE, hub: { type: 'boolean' }, feed: { type: 'string' } },
    positionals: null,
    run: (values, _args, libraryDir) => {
      if (values.hub === true || values.feed !== undefined) {
        if (values.hub !== true || typeof values.feed !== 'string') throw new UsageError(`${bilingual({ key: 'cli.usage.needs' })} --hub --feed DIR`);
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
    options: { ...COMMON, on: { type: 'boolean' }, off: { type: 'boolean' }, idle: { type: 'string' }, printer: { type: 'string' } },
    positionals: null,
    run: (values, _args, libraryDir) =>
      runKiosk({
        libraryDir,
        on: values.on === true,
        off: values.off === true,
        idle: typeof values.idle === 'string' ? values.idle : undefined,
        printer: typeof values.printer === 'string' ? values.printer : undefined,
      }),
  },
  sync: {
    options: { ...COMMON, trust: { type: 'string', multiple: true } },
    positionals: { min: 1, usage: 'bookshelf sync <URL|DIR> [--trust FILE]…' },
    run: (values, args, libraryDir) => runSync({ libraryDir, location: args[0], trustFiles: (values.trust as string[] | undefined) ?? [] }),
  },
  'export-bundle': {
    options: { ...COMMON, to: { type: 'string' }, source: { type: 'string' }, filter: { type: 'string' } },
    positionals: null,
    run: (values, _args, libraryDir) => {
      if (typeof values.to !== 'string') throw new UsageError(`${bilingual({ key: 'cli.usage.needs' })} --to DIR [--source URL|DIR]`);
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
      if (typeof values.out !== 'string') throw new UsageError(`${bilingual({ key: 'cli.usage.needs' })} --out DIR`);
      return runKeygen({ out: values.out });
    },
  },
  publish: {
    options: { ...COMMON, out: { type: 'string' }, key: { type: 'string' }, snapshot: { type: 'boolean' }, refresh: { type: 'boolean' }, thesaurus: { type: 'string' } },
    positionals: null,
    run: (values, _args, libraryDir) => {
      if (typeof values.out !== 'string' || typeof values.key !== 'string') {
        throw new UsageError(`${bilingual({ key: 'cli.usage.needs' })} --out DIR --key FILE`);
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
    positionals: { min: 1, usage: 'bookshelf import <FILE|DIR>…' },
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
    positionals: { min: 1, usage: 'bookshelf search "<QUERY>"' },
    run: (values, args, libraryDir) =>
      runSearch({ libraryDir, query: args.join(' '), limit: parseCount('limit', values.limit as string | undefined, 10, 50), json: values.json === true, filters: searchFilters(values) }),
  },
  report: {
    options: { ...COMMON, from: { type: 'string' }, to: { type: 'string' }, year: { type: 'string' }, network: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' } },
    positionals: null,
    run: (values, _args, libraryDir) =>
      runReport({
        libraryDir,
        from: values.from as string | undefined,
        to: values.to as string | undefined,
        year: values.year as string | undefined,
        network: values.network === true,
        format: values.format as string | undefined,
        out: values.out as string | undefined,
      }),
  },
  outbox: {
    options: { ...COMMON, add: { type: 'string' }, hub: { type: 'string' }, send: { type: 'boolean' }, 'chunk-kb': { type: 'string' }, json: { type: 'boolean' }, 'export-bundle': { type: 'string' } },
    positionals: null,
    run: (values, _args, libraryDir) =>
      values['export-bundle'] !== undefined
        ? runExportUploads({ libraryDir, folder: bundleFolder(values, 'export-bundle'), json: values.json === true })
        : runOutbox({
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
      stations: { type: 'boolean' },
      refuse: { type: 'string' },
      revoke: { type: 'string' },
      by: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      quotas: { type: 'boolean' },
      set: { type: 'string' },
      province: { type: 'string' },
      page: { type: 'string' },
      'import-bundle': { type: 'string' },
    },
    positionals: null,
    run: (values, _args, libraryDir) =>
      values['import-bundle'] !== undefined
        ? runImportUploads({ libraryDir, folder: bundleFolder(values, 'import-bundle'), json: values.json === true })
        : runModerate({
            libraryDir,
            all: values.all === true,
            approve: values.approve as string | undefined,
            reject: values.reject as string | undefined,
            reason: values.reason as string | undefined,
            usage: values.usage === true,
            json: values.json === true,
            stations: values.stations === true,
            refuse: values.refuse as string | undefined,
            revoke: values.revoke as string | undefined,
            by: values.by as string | undefined,
            from: values.from as string | undefined,
            to: values.to as string | undefined,
            quotas: values.quotas === true,
            set: values.set as string | undefined,
            province: values.province as string | undefined,
            page: values.page as string | undefined,
          }),
  },
  enrol: {
    options: { ...COMMON, name: { type: 'string' }, commune: { type: 'string' }, province: { type: 'string' }, status: { type: 'boolean' }, json: { type: 'boolean' } },
    positionals: { min: 0, usage: 'bookshelf enrol <HUB-URL> | --status' },
    run: (values, args, libraryDir) =>
      runEnrol({
        libraryDir,
        hubUrl: args[0],
        name: values.name as string | undefined,
        commune: values.commune as string | undefined,
        province: values.province as string | undefined,
        status: values.status === true,
        json: values.json === true,
      }),
  },
  'eval-search': {
    options: { help: COMMON.help, laws: { type: 'string' }, queries: { type: 'string', multiple: true }, by: { type: 'string' }, json: { type: 'boolean' } },
    positionals: null,
    run: (values) => {
      const queries = values.queries as string[] | undefined;
      if (typeof values.laws !== 'string' || !queries?.length) {
        throw new UsageError(`${bilingual({ key: 'cli.usage.needs' })} --laws FILE --queries FILE`);
      }
      if (values.by !== undefined && values.by !== 'type') throw notOneOf('--by', String(values.by), ['type']);
      return runEvalSearch({ laws: values.laws, queries, byType: values.by === 'type', json: values.json === true });
    },
  },
  'eval-relations': {
    options: { help: COMMON.help, catalog: { type: 'string' }, texts: { type: 'string' }, labels: { type: 'string' }, json: { type: 'boolean' } },
    positionals: null,
    run: (values) => {
      if (typeof values.catalog !== 'string' || typeof values.texts !== 'string') {
        throw new UsageError(`${bilingual({ key: 'cli.usage.needs' })} --catalog FILE --texts FILE`);
      }
      return runEvalRelations({ catalog: values.catalog, texts: values.texts, labels: values.labels as string | undefined, json: values.json === true });
    },
  },
};

function parseCommand(spec: CommandSpec, args: string[]): { values: Values; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options: spec.options, strict: true, allowPositionals: spec.positionals !== null });
    return { values: parsed.values as Values, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(`${labelled('cli.usage.badOption', (error as Error).message)}. ${SEE_HELP}`);
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
      throw new UsageError(`${labelled('cli.usage.unknownCommand', `"${command}".`)} ${SEE_HELP}`);
    }
    const spec = COMMANDS[command];
    const { values, positionals } = parseCommand(spec, rest);
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (spec.positionals && positionals.length < spec.positionals.min) {
      throw new UsageError(labelled('cli.usage.missingArgument', spec.positionals.usage));
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
          bilingual({ key: 'cli.info.versions', params: { app: info.appVersion, schema: info.schemaVersion } }),
          labelled('cli.info.publications', info.publications),
          labelled('cli.info.filesPresent', `${info.filesPresent} (${(info.bytesPresent / 1024 / 1024).toFixed(1)} MB)`),
          labelled('cli.info.filesPending', info.filesPending),
          labelled('cli.info.filesNotKept', info.filesNotKept),
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
