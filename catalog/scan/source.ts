/**
 * What a scanner source is: something that lists the scanners it can reach and scans pages
 * from one of them into image files, page by page, reporting a fault in a stable code. SANE
 * (sane.ts) and watched folders (folder.ts) implement it; an eSCL or WIA source would be one
 * more implementation registered in sources.ts, with nothing else to change.
 */
import type { DeskFault, PageSize, ScanMode, ScanSource, ScannerInfo } from '../../shared/desk.js';
import type { MessageRef } from '../../shared/messages.js';

export interface ScanRequest {
  source: ScanSource;
  mode: ScanMode;
  resolution: number;
  pageSize: PageSize;
  /** Pages to take (the feeder: all when left out; the flatbed takes one). */
  pages?: number;
  /** A watched folder: take every file, also those a previous pickup took (the CLI's --folder). */
  everything?: boolean;
}

/** One page as it arrived: an image file any of sharp's loaders reads (TIFF, PNG, JPEG). */
export interface ScannedImage {
  file: string;
  /** Resolution the page was scanned at, when the source knows it (else read from the file). */
  dpi: number | null;
  mode: ScanMode | null;
}

export interface ScanSink {
  /** A folder the source may write into; the desk removes it after the scan. */
  workDir: string;
  /** Called for each page in order; the source waits for it before reporting the next one. */
  onPage(image: ScannedImage): Promise<void>;
  signal: AbortSignal;
}

/** How a scan ended. Pages delivered before a fault are kept by the desk. */
export interface ScanEnd {
  fault: Exclude<DeskFault, 'cancelled'> | null;
  /** What the message names: the device's own words, the folder, the missing tool. */
  detail: string | null;
}

export interface ScannerSource {
  readonly kind: ScannerInfo['kind'];
  /** Scanners this source reaches now (an unreachable source lists none). */
  list(): Promise<ScannerInfo[]>;
  /** Why it lists none, for the librarian: what is missing (a program, a device answering, a folder) and what to do. */
  whyNone(): Promise<MessageRef>;
  /** Whether a scanner id ('sane:…', 'folder:…') belongs to this source. */
  owns(scannerId: string): boolean;
  scan(scannerId: string, request: ScanRequest, sink: ScanSink): Promise<ScanEnd>;
}

/** Millimetres of each paper size, for sources that take a scan area. */
export const PAGE_SIZE_MM: Record<PageSize, { width: number; height: number }> = {
  a4: { width: 210, height: 297 },
  a5: { width: 148, height: 210 },
  letter: { width: 216, height: 279 },
};
