/**
 * Reading a SANE device's options from `scanimage --device-name D --all-options` (-A) and
 * turning a scan request into scanimage arguments: which of the device's source names is the
 * flatbed or the feeder ("Flatbed", "ADF", "Automatic Document Feeder", "ADF Front"…), which
 * mode is colour, grey or line art, the resolutions it takes, and the largest scan area.
 */
import type { ScanMode, ScanSource } from '../../shared/desk.js';
import type { ScanRequest } from './source.js';
import { PAGE_SIZE_MM } from './source.js';

export interface SaneOptions {
  /** The device's names for each paper source it offers. */
  sources: Partial<Record<ScanSource, string>>;
  modes: Partial<Record<ScanMode, { mode: string | null; depth?: number }>>;
  resolutions: number[];
  /** Any resolution between the lowest and highest is taken (else only those listed). */
  anyResolution: { min: number; max: number } | null;
  /** Largest scan area in mm, when the device says. */
  maxWidthMm: number | null;
  maxHeightMm: number | null;
}

const COMMON_RESOLUTIONS = [150, 200, 300, 400, 600];

/** The value list of one option line: "    --mode Gray|Color [Gray]" → ['Gray', 'Color']. */
function optionValues(text: string, option: string): string[] | null {
  const line = text.split('\n').find((l) => l.trimStart().startsWith(`${option} `));
  if (!line) return null;
  const spec = line.trim().slice(option.length).trim().replace(/\s*\[[^\]]*\]\s*$/, '');
  return spec.split('|').map((v) => v.trim()).filter(Boolean);
}

function pickSource(values: string[], source: ScanSource): string | undefined {
  if (source === 'flatbed') return values.find((v) => /flatbed|glass|platen/i.test(v));
  const feeders = values.filter((v) => /adf|feeder|automatic document/i.test(v));
  return feeders.find((v) => !/duplex|back/i.test(v)) ?? feeders[0];
}

function resolutionRange(values: string[] | null): { min: number; max: number } | null {
  const range = /^(\d+(?:\.\d+)?)\.\.(\d+(?:\.\d+)?)/.exec((values ?? []).join('|'));
  return range ? { min: Number(range[1]), max: Number(range[2]) } : null;
}

/** The resolution to ask for: as requested when the device takes it, else the nearest it offers. */
export function resolutionFor(options: SaneOptions, requested: number): number {
  if (options.anyResolution) return Math.min(Math.max(requested, options.anyResolution.min), options.anyResolution.max);
  return options.resolutions.reduce((best, r) => (Math.abs(r - requested) < Math.abs(best - requested) ? r : best), options.resolutions[0]);
}

function parseResolutions(values: string[] | null): number[] {
  if (!values) return [300];
  const joined = values.join('|').replace(/dpi/gi, '');
  const range = /^(\d+(?:\.\d+)?)\.\.(\d+(?:\.\d+)?)/.exec(joined);
  if (range) {
    const [low, high] = [Number(range[1]), Number(range[2])];
    const within = COMMON_RESOLUTIONS.filter((r) => r >= low && r <= high);
    return within.length ? within : [Math.round(high)];
  }
  const listed = joined.split('|').map((v) => Number.parseInt(v, 10)).filter((n) => Number.isFinite(n) && n >= 75 && n <= 1200);
  return listed.length ? listed : [300];
}

function parseMaxMm(values: string[] | null): number | null {
  const match = /\.\.(\d+(?:\.\d+)?)\s*mm/.exec(values?.join('|') ?? '');
  return match ? Number(match[1]) : null;
}

export function parseSaneOptions(text: string): SaneOptions {
  const sourceValues = optionValues(text, '--source') ?? [];
  const sources: SaneOptions['sources'] = {};
  for (const source of ['flatbed', 'feeder'] as const) {
    const name = pickSource(sourceValues, source);
    if (name) sources[source] = name;
  }
  // A device with no --source option is a flatbed.
  if (sourceValues.length === 0) sources.flatbed = '';
  const modeValues = optionValues(text, '--mode') ?? [];
  const depths = (optionValues(text, '--depth') ?? []).map((v) => Number.parseInt(v, 10));
  const find = (pattern: RegExp) => modeValues.find((v) => pattern.test(v));
  const modes: SaneOptions['modes'] = {};
  const color = find(/colou?r/i);
  const gray = find(/gr[ae]y/i);
  const lineart = find(/line ?art|binary|black ?(&|and) ?white|halftone/i);
  if (color) modes.color = { mode: color };
  if (gray) modes.gray = { mode: gray };
  if (lineart) modes.lineart = { mode: lineart };
  // Some devices give line art as 1-bit grey.
  else if (gray && depths.includes(1)) modes.lineart = { mode: gray, depth: 1 };
  if (modeValues.length === 0) modes.gray = { mode: null };
  return {
    sources,
    modes,
    resolutions: parseResolutions(optionValues(text, '--resolution')),
    anyResolution: resolutionRange(optionValues(text, '--resolution')),
    maxWidthMm: parseMaxMm(optionValues(text, '-x')),
    maxHeightMm: parseMaxMm(optionValues(text, '-y')),
  };
}

/** scanimage arguments for one request (device, source, mode, resolution, area, batch size). */
export function scanArguments(device: string, options: SaneOptions, request: ScanRequest): string[] {
  const args = ['--device-name', device];
  const source = options.sources[request.source];
  if (source) args.push('--source', source);
  const mode = options.modes[request.mode] ?? options.modes.gray;
  if (mode?.mode) args.push('--mode', mode.mode);
  if (mode?.depth) args.push('--depth', String(mode.depth));
  args.push('--resolution', String(resolutionFor(options, request.resolution)));
  const size = PAGE_SIZE_MM[request.pageSize];
  args.push('-x', String(Math.min(size.width, options.maxWidthMm ?? size.width)), '-y', String(Math.min(size.height, options.maxHeightMm ?? size.height)));
  const count = request.source === 'flatbed' ? 1 : request.pages;
  if (count !== undefined) args.push(`--batch-count=${count}`);
  return args;
}
