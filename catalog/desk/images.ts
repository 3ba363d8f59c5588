/**
 * Page images with sharp: a scanned or picked-up image becomes the batch's PNG (orientation
 * from EXIF applied, resolution kept), its ≤240 px JPEG thumbnail, and larger views, always with
 * the page's rotation applied. Whether a picked-up image is colour is read from its pixels.
 */
import sharp from 'sharp';
import type { ScanMode } from '../../shared/desk.js';

export const THUMBNAIL_PX = 240;
const DEFAULT_DPI = 300;

export interface IngestedImage {
  width: number;
  height: number;
  dpi: number;
  mode: ScanMode;
  thumbnail: Buffer;
}

/** True when a picture has colour, not just grey (a grey page saved as RGB by a network scanner). */
async function hasColour(input: sharp.Sharp): Promise<boolean> {
  const { data, info } = await input.clone().resize(64, 64, { fit: 'inside' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.channels < 3) return false;
  for (let i = 0; i + 2 < data.length; i += info.channels) {
    if (Math.abs(data[i] - data[i + 1]) > 24 || Math.abs(data[i + 1] - data[i + 2]) > 24) return true;
  }
  return false;
}

/** Writes `source` as a PNG to `target`; the page's size, resolution, mode and thumbnail. */
export async function ingestImage(source: string, target: string, dpiHint: number | null, modeHint: ScanMode | null): Promise<IngestedImage> {
  const input = sharp(source, { limitInputPixels: 200_000_000 }).rotate();
  const meta = await input.metadata();
  // A density of 72 is what many writers put when they know nothing.
  const density = meta.density && meta.density !== 72 ? Math.round(meta.density) : null;
  const dpi = dpiHint ?? density ?? DEFAULT_DPI;
  const mode: ScanMode = modeHint ?? (meta.channels && meta.channels >= 3 && (await hasColour(input)) ? 'color' : 'gray');
  const pipeline = mode === 'color' ? input.clone().removeAlpha() : input.clone().flatten({ background: '#ffffff' }).grayscale();
  const info = await pipeline.withMetadata({ density: dpi }).png({ compressionLevel: 3 }).toFile(target);
  return { width: info.width, height: info.height, dpi, mode, thumbnail: await thumbnail(target, 0) };
}

/** A JPEG at most 240 px on its long side, rotation applied. */
export function thumbnail(file: string, rotation: number): Promise<Buffer> {
  return sharp(file).rotate(rotation).resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside' }).jpeg({ quality: 70 }).toBuffer();
}

/** A JPEG `width` pixels wide (never larger than the page), rotation applied. */
export function view(file: string, rotation: number, width: number): Promise<Buffer> {
  return sharp(file).rotate(rotation).resize({ width, withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer();
}

/** The page as turned, as a PNG file for OCR (the page's own file when it is not turned). */
export async function orientedFile(file: string, rotation: number, target: string, dpi: number): Promise<string> {
  if (rotation === 0) return file;
  await sharp(file).rotate(rotation).withMetadata({ density: dpi }).png({ compressionLevel: 1 }).toFile(target);
  return target;
}
