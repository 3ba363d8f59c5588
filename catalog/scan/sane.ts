/**
 * The SANE source (Linux; also macOS with sane-backends): scanners through `scanimage`. Devices
 * come from `scanimage -f` (one line each), their options from `scanimage -A` (cached per
 * device). A scan runs one `scanimage --batch` that writes TIFF pages (PNG output fails in
 * hand-scanner mode) and prints each file name as the page completes, so pages reach the desk
 * one by one. Faults come from scanimage's exit status and its last words on stderr; feeder
 * "out of documents" after at least one page is the normal end of a batch.
 */
import path from 'node:path';
import type { DeskFault, ScannerInfo } from '../../shared/desk.js';
import type { MessageRef } from '../../shared/messages.js';
import { parseSaneOptions, resolutionFor, scanArguments } from './sane-options.js';
import type { SaneOptions } from './sane-options.js';
import type { ScanEnd, ScanRequest, ScanSink, ScannerSource } from './source.js';
import { runTool } from './tool.js';

export interface SaneSourceOptions {
  /** The scanimage program (default 'scanimage' on the PATH). */
  command?: string;
  /** Environment of scanimage; SANE_CONFIG_DIR in it chooses the SANE configuration. */
  env?: NodeJS.ProcessEnv;
  /** Options added to every scan: a device's own needs (e.g. `--swdeskew=yes`); the tests' simulated faults. */
  extraArgs?: string[];
}

const PREFIX = 'sane:';
/** How long scanimage gets to exit after it printed "Batch terminated" (it can hang closing the device) before it is killed. */
const BATCH_EXIT_GRACE_MS = 3000;

/** SANE status codes, which scanimage also uses as its exit status. */
const STATUS_FAULTS: Record<number, Exclude<DeskFault, 'cancelled'>> = {
  3: 'io_error', // device busy
  6: 'jammed',
  7: 'no_docs',
  8: 'cover_open',
  9: 'io_error',
  11: 'device_gone', // access denied
};

const STDERR_FAULTS: [RegExp, Exclude<DeskFault, 'cancelled'>][] = [
  [/jammed/i, 'jammed'],
  [/cover is open|cover open/i, 'cover_open'],
  [/out of documents|no documents|feeder (is )?empty/i, 'no_docs'],
  [/open of device .* failed|no SANE devices|device (was )?(removed|disconnected|not found)|Invalid argument/i, 'device_gone'],
  [/error during device i\/o|i\/o error/i, 'io_error'],
];

/** The fault of a finished scanimage run, given how many pages it delivered. */
export function saneFault(code: number | null, stderr: string, pages: number): ScanEnd {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('scanimage:'));
  const last = lines.at(-1)?.replace(/^scanimage:\s*/, '') ?? null;
  let fault = STDERR_FAULTS.find(([pattern]) => lines.some((l) => pattern.test(l)))?.[1] ?? (code ? STATUS_FAULTS[code] : undefined) ?? null;
  // "Out of documents" after some pages is how every feeder batch ends.
  if (fault === 'no_docs' && pages > 0) fault = null;
  if (!fault && code) fault = 'failed';
  return { fault, detail: fault ? last ?? `scanimage exit ${code}` : null };
}

export class SaneSource implements ScannerSource {
  readonly kind = 'sane' as const;
  private readonly command: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly extraArgs: string[];
  private readonly optionsCache = new Map<string, Promise<SaneOptions | null>>();

  constructor(options: SaneSourceOptions = {}) {
    this.command = options.command ?? 'scanimage';
    this.env = options.env ?? process.env;
    this.extraArgs = options.extraArgs ?? [];
  }

  owns(scannerId: string): boolean {
    return scannerId.startsWith(PREFIX);
  }

  async list(): Promise<ScannerInfo[]> {
    const run = await runTool(this.command, ['-f', '%d\t%v %m%n'], { env: this.env });
    if (run.missing || run.code !== 0) return [];
    const infos: ScannerInfo[] = [];
    for (const line of run.stdout.split('\n')) {
      const [device, label] = line.split('\t');
      if (!device?.trim()) continue;
      const options = await this.options(device.trim());
      if (!options) continue;
      infos.push({
        id: `${PREFIX}${device.trim()}`,
        kind: 'sane',
        label: `${label?.trim() || device} (${device.trim()})`,
        sources: (['flatbed', 'feeder'] as const).filter((s) => options.sources[s] !== undefined),
        modes: (['color', 'gray', 'lineart'] as const).filter((m) => options.modes[m] !== undefined),
        resolutions: options.resolutions,
      });
    }
    return infos;
  }

  /** No scanimage: on Windows, where SANE does not run, the way is a scan folder; elsewhere, the package to install. Else no device answered. */
  async whyNone(): Promise<MessageRef> {
    const probe = await runTool(this.command, ['--version'], { env: this.env });
    if (!probe.missing) return { key: 'desk.none.saneNoDevice' };
    return { key: process.platform === 'win32' ? 'desk.none.saneWindows' : 'desk.none.saneMissing' };
  }

  /** The device's options (cached), or null when it cannot be opened. */
  options(device: string): Promise<SaneOptions | null> {
    let cached = this.optionsCache.get(device);
    if (!cached) {
      cached = runTool(this.command, ['--device-name', device, '--all-options'], { env: this.env }).then((run) =>
        run.code === 0 ? parseSaneOptions(run.stdout) : null,
      );
      this.optionsCache.set(device, cached);
      // A device that could not be opened is asked again next time (it may be plugged in by then).
      void cached.then((options) => options ?? this.optionsCache.delete(device));
    }
    return cached;
  }

  async scan(scannerId: string, request: ScanRequest, sink: ScanSink): Promise<ScanEnd> {
    const device = scannerId.slice(PREFIX.length);
    const probe = await runTool(this.command, ['--version'], { env: this.env });
    if (probe.missing) return { fault: 'tool_missing', detail: 'scanimage' };
    const options = await this.options(device);
    if (!options) return { fault: 'device_gone', detail: device };
    if (options.sources[request.source] === undefined) return { fault: 'failed', detail: 'source-not-offered' };
    const dpi = resolutionFor(options, request.resolution);
    const args = [
      ...scanArguments(device, options, request),
      ...this.extraArgs,
      '--format=tiff',
      `--batch=${path.join(sink.workDir, 'page-%04d.tif')}`,
      '--batch-print',
    ];
    let pages = 0;
    let chain = Promise.resolve();
    let sinkError: unknown = null;
    const run = await runTool(this.command, args, {
      env: this.env,
      cwd: sink.workDir,
      signal: sink.signal,
      // scanimage has reported the end of the batch; a backend stuck closing the device must not hold the desk.
      doneWhen: { stderr: /Batch terminated/, ms: BATCH_EXIT_GRACE_MS },
      onLine: (line) => {
        const file = line.trim();
        if (!file.endsWith('.tif')) return;
        pages += 1;
        chain = chain
          .then(() => (sinkError ? undefined : sink.onPage({ file: path.resolve(sink.workDir, file), dpi, mode: request.mode })))
          .catch((error: unknown) => void (sinkError ??= error));
      },
    });
    await chain;
    if (sinkError) throw sinkError;
    if (run.missing) return { fault: 'tool_missing', detail: 'scanimage' };
    if (run.aborted) return { fault: null, detail: null };
    return saneFault(run.code, run.stderr, pages);
  }
}
