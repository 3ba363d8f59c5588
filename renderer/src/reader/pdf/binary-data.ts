/**
 * Standard fonts, CMaps and wasm decoders (JPEG 2000, JBIG2) for pdf.js, shipped in the build.
 * Vite gives each file a hashed name, so pdf.js cannot build their URLs from a base URL;
 * with `useWorkerFetch: false` the worker asks the main thread for a file by its plain name, and
 * this factory looks the hashed URL up. Only the URL strings are in the bundle; the bytes are
 * fetched when a document needs them (most Vietnamese gazette PDFs embed every font).
 */
const cmaps = import.meta.glob<string>('../../../../node_modules/pdfjs-dist/cmaps/*.bcmap', { query: '?url', import: 'default', eager: true });
const fonts = import.meta.glob<string>('../../../../node_modules/pdfjs-dist/standard_fonts/*.{pfb,ttf}', { query: '?url', import: 'default', eager: true });
const wasm = import.meta.glob<string>('../../../../node_modules/pdfjs-dist/wasm/*.wasm', { query: '?url', import: 'default', eager: true });

function byFileName(table: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(table).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));
}

const TABLES: Record<string, Map<string, string>> = {
  cMapUrl: byFileName(cmaps),
  standardFontDataUrl: byFileName(fonts),
  wasmUrl: byFileName(wasm),
};

/** The shape pdf.js expects of a BinaryDataFactory (constructed by pdf.js with its URL options, which are ignored). */
export class BundledBinaryDataFactory {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const url = TABLES[kind]?.get(filename);
    if (!url) throw new Error(`pdf.js data not bundled: ${kind} ${filename}`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`pdf.js data ${filename}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}
