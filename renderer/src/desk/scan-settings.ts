/**
 * The scanner settings of the scan screen (scanner, paper source, mode, resolution, page size,
 * number of feeder pages), remembered on this PC so the next batch starts with the same ones.
 */
import { PAGE_SIZES, SCAN_MODES, SCAN_SOURCES } from '../../../shared/desk.js';
import type { PageSize, ScanMode, ScanSource, ScannerInfo } from '../../../shared/desk.js';

export interface ScanSettings {
  scanner: string;
  source: ScanSource;
  mode: ScanMode;
  resolution: number;
  pageSize: PageSize;
  /** Pages to take from the feeder; empty means all it holds. */
  pages: string;
}

const STORAGE_KEY = 'bookshelf.desk.scanSettings';
/** Resolutions offered when a scanner does not list its own. */
const COMMON_RESOLUTIONS = [150, 200, 300, 400, 600];
const DEFAULTS: ScanSettings = { scanner: '', source: 'flatbed', mode: 'gray', resolution: 300, pageSize: 'a4', pages: '' };

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

export function storedSettings(): ScanSettings {
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '{}') as Partial<Record<keyof ScanSettings, unknown>>;
    return {
      scanner: typeof saved.scanner === 'string' ? saved.scanner : DEFAULTS.scanner,
      source: isOneOf(SCAN_SOURCES, saved.source) ? saved.source : DEFAULTS.source,
      mode: isOneOf(SCAN_MODES, saved.mode) ? saved.mode : DEFAULTS.mode,
      resolution: typeof saved.resolution === 'number' ? saved.resolution : DEFAULTS.resolution,
      pageSize: isOneOf(PAGE_SIZES, saved.pageSize) ? saved.pageSize : DEFAULTS.pageSize,
      pages: typeof saved.pages === 'string' ? saved.pages : DEFAULTS.pages,
    };
  } catch {
    return DEFAULTS;
  }
}

export function storeSettings(settings: ScanSettings): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Not remembered this time: the next batch starts from the defaults.
  }
}

/** The resolutions to offer: the scanner's own, or the common ones it can do when it lists a long range. */
export function resolutionsOf(scanner: ScannerInfo | undefined): number[] {
  const own = scanner?.resolutions ?? [];
  if (own.length === 0) return COMMON_RESOLUTIONS;
  if (own.length <= 12) return own;
  const [low, high] = [Math.min(...own), Math.max(...own)];
  const common = COMMON_RESOLUTIONS.filter((r) => r >= low && r <= high);
  return common.length > 0 ? common : own;
}

/** Settings that fit the chosen scanner: a source, mode and resolution it offers. */
export function fitToScanner(settings: ScanSettings, scanners: ScannerInfo[]): ScanSettings {
  const scanner = scanners.find((s) => s.id === settings.scanner) ?? scanners[0];
  if (!scanner) return settings;
  const resolutions = resolutionsOf(scanner);
  const nearest = resolutions.reduce((best, r) => (Math.abs(r - settings.resolution) < Math.abs(best - settings.resolution) ? r : best), resolutions[0]);
  return {
    ...settings,
    scanner: scanner.id,
    source: scanner.sources.includes(settings.source) ? settings.source : (scanner.sources[0] ?? settings.source),
    mode: scanner.modes.length === 0 || scanner.modes.includes(settings.mode) ? settings.mode : scanner.modes[0],
    resolution: nearest,
  };
}

/** The `desk.scan` input for these settings: the feeder takes the pages asked for (all when empty). */
export function scanInput(batchId: string, settings: ScanSettings, replacePageId?: string) {
  const pages = Number.parseInt(settings.pages, 10);
  const feeder = settings.source === 'feeder' && !replacePageId;
  return {
    batchId,
    scanner: settings.scanner,
    source: settings.source,
    mode: settings.mode,
    resolution: settings.resolution,
    pageSize: settings.pageSize,
    ...(feeder && pages > 0 ? { pages } : {}),
    ...(replacePageId ? { replacePageId, pages: 1 } : {}),
  };
}
