/**
 * A law and the law replacing it, for the relations specs (issue 15). The replacement is the demo
 * set's Luật 69/2020/QH14, whose final articles say that Luật 72/2006/QH11 ends when it takes
 * effect. The old law is in no corpus, so it is set here as a short gazette-style PDF — its
 * header, its scope and its entry into force (01/7/2007) — in Noto Sans (build/fonts) with
 * pdfkit, so that every tone mark is real text the importer reads. And a legal text as an EPUB
 * (the demo set's book file) that a feed says takes effect in 2099, for the EPUB reader's banner.
 */
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { DEMO_DIR, PACKAGE_ROOT } from '../../../catalog/package-root.js';

/** Both laws have the same title. */
const TITLE = 'Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng';

export const NEW_LAW = {
  number: '69/2020/QH14',
  title: TITLE,
  file: path.join(DEMO_DIR, 'luat-so-69-2020-qh14-32699.pdf'),
} as const;

export const OLD_LAW = {
  number: '72/2006/QH11',
  title: TITLE,
} as const;

const LINES = [
  'QUỐC HỘI',
  `Luật số: ${OLD_LAW.number}`,
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  '',
  'LUẬT',
  'NGƯỜI LAO ĐỘNG VIỆT NAM ĐI LÀM VIỆC Ở NƯỚC NGOÀI',
  'THEO HỢP ĐỒNG',
  '',
  'Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992;',
  'Luật này quy định về người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng.',
  '',
  'Chương I',
  'NHỮNG QUY ĐỊNH CHUNG',
  'Điều 1. Phạm vi điều chỉnh',
  'Luật này quy định về hoạt động đưa người lao động Việt Nam đi làm việc ở nước ngoài',
  'theo hợp đồng; quyền, nghĩa vụ của người lao động đi làm việc ở nước ngoài.',
  'Điều 2. Đối tượng áp dụng',
  'Luật này áp dụng đối với người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng.',
  '',
  'Chương IX',
  'ĐIỀU KHOẢN THI HÀNH',
  'Điều 79. Hiệu lực thi hành',
  'Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2007.',
  'Điều 80. Hướng dẫn thi hành',
  'Chính phủ quy định chi tiết và hướng dẫn thi hành Luật này.',
  '',
  'Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XI, kỳ họp thứ 10',
  'thông qua ngày 29 tháng 11 năm 2006.',
  'CHỦ TỊCH QUỐC HỘI',
  'Nguyễn Phú Trọng',
];

export const FUTURE_EPUB_LAW = {
  publication: { id: 'e2e-luat-epub-2099', kind: 'legal' as const, title: 'Luật mẫu dạng EPUB', number: '1/2099/QH99', docType: 'Luật', issuer: 'Quốc hội', effectiveDate: '2099-01-01' },
  file: path.join(DEMO_DIR, 'truyen-kieu.epub'),
  mediaType: 'application/epub+zip',
};

/** Writes the old law's PDF into `dir` and gives its path. */
export async function writeOldLawPdf(dir: string): Promise<string> {
  const file = path.join(dir, 'luat-so-72-2006-qh11.pdf');
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 56, right: 56 }, font: path.join(PACKAGE_ROOT, 'build', 'fonts', 'NotoSans-Regular.ttf') });
  const written = new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(file);
    out.on('finish', resolve);
    out.on('error', reject);
    doc.pipe(out);
  });
  doc.fontSize(11);
  for (const line of LINES) doc.text(line || ' ');
  doc.end();
  await written;
  return file;
}
