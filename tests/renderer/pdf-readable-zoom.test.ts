// The zoom a PDF opens at: fit width unless its body text would be too small; with large text, the text column fills the width.
import { describe, expect, it } from 'vitest';
import { COLUMN_GAP, LARGE_PX, READABLE_PX, columnLeftPx, readableScale, textMetrics } from '../../renderer/src/reader/pdf/readable-zoom.js';

/** A pdf.js text item: `size` pt text at (x, y), `width` pt wide. */
const item = (str: string, x: number, y: number, width: number, size = 13) => ({ str, transform: [size, 0, 0, size, x, y], width });

/** An A4 page (595 pt wide) of 13 pt body text from 85 to 510 pt, each line in two items, an indented first line, a title and a page number. */
const A4_LAW = [
  item('LUẬT NGƯỜI LAO ĐỘNG', 180, 780, 240, 16),
  item('42', 60, 800, 10),
  ...Array.from({ length: 30 }, (_, i) => [item('Người lao động Việt Nam đi làm việc', i % 6 === 0 ? 120 : 85, 700 - i * 18, 200), item('ở nước ngoài theo hợp đồng', 290, 700 - i * 18, 220)]).flat(),
  { type: 'beginMarkedContent', id: 'mc0' },
];

describe('body text of a page', () => {
  it('finds the size most characters have and where most lines start and end', () => {
    const metrics = textMetrics(A4_LAW)!;
    expect(metrics.fontPt).toBe(13);
    expect(metrics.left).toBe(85);
    expect(metrics.right).toBe(510);
  });

  it('measures from the page\'s left edge, and gives nothing without text', () => {
    expect(textMetrics(A4_LAW, 10)!.left).toBe(75);
    expect(textMetrics([])).toBeNull();
    expect(textMetrics([{ str: '   ', transform: [13, 0, 0, 13, 0, 0] }, { type: 'endMarkedContent' }])).toBeNull();
  });
});

describe('the zoom to open at', () => {
  const metrics = textMetrics(A4_LAW)!;
  const px = (scale: number) => metrics.fontPt * (96 / 72) * scale;

  it('keeps fit width where the text is large enough (a kiosk)', () => {
    const fitWidth = 1340 / (595 * (96 / 72));
    expect(readableScale({ fitWidth, containerWidth: 1340, metrics, largeText: false })).toBe(fitWidth);
    expect(px(fitWidth)).toBeGreaterThan(READABLE_PX);
  });

  it('opens larger on a phone, where fit width makes ~8 px text', () => {
    const fitWidth = 374 / (595 * (96 / 72));
    expect(px(fitWidth)).toBeLessThan(9);
    const scale = readableScale({ fitWidth, containerWidth: 374, metrics, largeText: false });
    expect(px(scale)).toBeCloseTo(READABLE_PX, 5);
  });

  it('with large text, fills the width with the text column, at least LARGE_PX', () => {
    const fitWidth = 1340 / (595 * (96 / 72));
    const scale = readableScale({ fitWidth, containerWidth: 1340, metrics, largeText: true });
    expect(scale).toBeGreaterThan(fitWidth * 1.3);
    expect((metrics.right - metrics.left) * (96 / 72) * scale).toBeCloseTo(1340 - 2 * COLUMN_GAP, 5);
    const phone = readableScale({ fitWidth: 374 / (595 * (96 / 72)), containerWidth: 374, metrics, largeText: true });
    expect(px(phone)).toBeCloseTo(LARGE_PX, 5);
    expect(columnLeftPx(metrics, scale)).toBeCloseTo(85 * (96 / 72) * scale, 5);
  });

  it('keeps fit width for a page without text (a scan)', () => {
    expect(readableScale({ fitWidth: 0.47, containerWidth: 374, metrics: null, largeText: true })).toBe(0.47);
  });
});
