// Extraction in process, on the real files of the demo set: a gazette PDF (text, pages, cover)
// and Truyện Kiều (metadata, language correction, table of contents, text).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile, sniffFormat } from '../../../catalog/import/extract-file.js';
import { joinItems, pdfDate } from '../../../catalog/import/pdf.js';
import { guessVietnamese } from '../../../catalog/import/language.js';
import { xhtmlToText } from '../../../catalog/import/xhtml-text.js';
import { decodeEntities } from '../../../catalog/import/xml.js';
import { legalTitle, sentenceCase } from '../../../shared/legal/title.js';
import { say } from '../../../shared/messages.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { CHAPTER, DEMO, makeEpub, opf } from './helpers.js';

describe('PDF extraction', () => {
  it('reads a gazette PDF: pages, text with "Điều" at line starts, page offsets, a PNG cover', async () => {
    const result = await extractFile(DEMO('quyet-dinh-so-28-2021-qd-ttg-34546.pdf'));
    expect(result.format).toBe('pdf');
    expect(result.pageCount).toBe(12);
    expect(result.pageStarts).toHaveLength(12);
    expect(result.pageStarts[0]).toBe(0);
    expect(result.text).toBe(result.text.normalize('NFC'));
    expect(result.text).toMatch(/^Điều 1\. /m);
    expect(result.text).toMatch(/^Điều 2\. /m);
    // Page n starts right after the "\n" that ends page n-1.
    for (const start of result.pageStarts.slice(1)) expect(result.text[start - 1]).toBe('\n');
    expect(result.needsOcr).toBe(false);
    expect(result.metadata.language).toBe('vi');
    expect(result.cover?.mediaType).toBe('image/png');
    const png = Buffer.from(result.cover!.data);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(300); // IHDR width
  });

  it('joins text items into lines where the baseline moves or pdf.js marks an end of line', () => {
    const item = (str: string, x: number, y: number, hasEOL = false) => ({ str, x, y, width: str.length * 5, height: 10, hasEOL });
    expect(joinItems([item('QUYẾT ĐỊNH', 100, 700), item('Điều 1.', 50, 680), item('Phạm vi', 90, 680)])).toBe('QUYẾT ĐỊNH\nĐiều 1. Phạm vi');
    expect(joinItems([item('a', 0, 10, true), item('b', 100, 10)])).toBe('a\nb');
    // A superscript footnote mark stays on its line, glued as in the PDF ("THÔNG TƯ1").
    expect(joinItems([item('Thông tư', 0, 100), item('1', 41, 103)])).toBe('Thông tư1');
    // A gap wider than a space between items on one line becomes a space.
    expect(joinItems([item('Điều', 0, 100), item('5.', 30, 100)])).toBe('Điều 5.');
  });

  it('reads PDF dates', () => {
    expect(pdfDate("D:20210618093000+07'00'")).toBe('2021-06-18');
    expect(pdfDate('2019')).toBe('2019-01-01');
    expect(pdfDate('junk')).toBeNull();
  });
});

describe('EPUB extraction', () => {
  it('reads Truyện Kiều: title, author, Vietnamese despite dc:language en-US, table of contents, text per spine item', async () => {
    const result = await extractFile(DEMO('truyen-kieu.epub'));
    expect(result.format).toBe('epub');
    expect(result.metadata.title).toBe('Truyện Kiều');
    expect(result.metadata.authors).toEqual(['Nguyễn Du']);
    expect(result.metadata.declaredLanguage).toBe('en-US');
    expect(result.metadata.language).toBe('vi');
    const language = result.notes.find((n) => n.key === 'import.note.language');
    expect(say('en', language!)).toMatch(/^dc:language "en-US" → vi \(the text is Vietnamese, \d+% Vietnamese letters\)$/);
    expect(say('vi', language!)).toMatch(/^dc:language "en-US" → vi \(văn bản tiếng Việt, \d+% chữ cái tiếng Việt\)$/);
    expect(result.toc.length).toBeGreaterThanOrEqual(4);
    expect(result.toc.every((entry) => entry.title !== '' && entry.href)).toBe(true);
    expect(result.pageCount).toBe(7);
    expect(result.pageStarts).toHaveLength(7);
    expect(result.text).toContain('Trăm năm trong cõi người ta');
    expect(result.text).toBe(result.text.normalize('NFC'));
  });

  it('reads an EPUB 3 nav, the cover image by its magic bytes (SVG marked as such), and notes malformed chapters', async () => {
    const svg = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
    const dir = tempDir();
    const file = path.join(dir, 'svg-cover.epub');
    fs.writeFileSync(
      file,
      makeEpub({
        opf: opf({ manifest: '<item id="cv" href="img/cover.svg" media-type="image/svg+xml" properties="cover-image"/>', language: 'en' }),
        extra: [{ name: 'OEBPS/img/cover.svg', data: svg }],
        replace: { 'OEBPS/ch1.xhtml': CHAPTER.replace('</body>', '<p>unclosed</body>') },
      }),
    );
    const result = await extractFile(file);
    expect(result.toc).toEqual([{ title: 'Chương một', level: 1, href: 'ch1.xhtml' }]);
    expect(result.cover?.mediaType).toBe('image/svg+xml');
    expect(Buffer.from(result.cover!.data).toString()).toBe(svg);
    expect(result.metadata.title).toBe('Sách thử');
    expect(result.metadata).toMatchObject({ declaredLanguage: 'en', language: 'vi' }); // the chapter is Vietnamese
    expect(result.notes).toContainEqual(expect.objectContaining({ key: 'import.note.malformedXhtml', params: expect.objectContaining({ name: 'OEBPS/ch1.xhtml' }) }));

    const jpegAsPng = path.join(dir, 'jpeg-cover.epub');
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
    fs.writeFileSync(
      jpegAsPng,
      makeEpub({
        opf: opf({ manifest: '<item id="cv" href="c.png" media-type="image/png"/>', extraMetadata: '<meta name="cover" content="cv"/>' }),
        extra: [{ name: 'OEBPS/c.png', data: jpeg }],
      }),
    );
    const second = await extractFile(jpegAsPng);
    expect(second.cover?.mediaType).toBe('image/jpeg');
    expect(second.notes).toContainEqual({ key: 'import.note.coverMismatch', params: { declared: 'image/png', actual: 'image/jpeg' } });
  });

  it('turns XHTML into text: no script or style, blocks on their own lines, references decoded', () => {
    const text = xhtmlToText(CHAPTER);
    expect(text).toBe(
      'Chương một\nTrăm năm trong cõi người ta,\u00a0chữ tài chữ mệnh khéo là ghét nhau.\nTrải qua một cuộc bể dâu — những điều trông thấy mà đau đớn lòng.'.replace('\u00a0', ' '),
    );
    expect(xhtmlToText('<p>unclosed <b>bold<p>next</body>')).toBe('unclosed bold\nnext');
    expect(decodeEntities('&amp;lt; &#x1EA1; &#7841; &eacute; &unknown; &#0;')).toBe('&lt; ạ ạ é &unknown; \uFFFD');
  });
});

describe('helpers', () => {
  it('tells PDF, EPUB and split-zip segments apart by name and magic bytes', () => {
    const pk = Buffer.from('PK\x03\x04', 'latin1');
    expect(sniffFormat('a.pdf', Buffer.from('%PDF-1.7'))).toBe('pdf');
    expect(sniffFormat('a.bin', Buffer.from('%PDF-1.7'))).toBe('pdf');
    expect(sniffFormat('a.epub', pk)).toBe('epub');
    expect(sniffFormat('book.z01', pk)).toBe('split-zip');
    expect(sniffFormat('book.zip', Buffer.from('PK\x07\x08', 'latin1'))).toBe('split-zip');
    expect(sniffFormat('notes.txt', Buffer.from('hello'))).toBe('unknown');
  });

  it('recognises Vietnamese text by its letters, not its declared language', () => {
    expect(guessVietnamese('Trăm năm trong cõi người ta, chữ tài chữ mệnh khéo là ghét nhau. '.repeat(5)).vietnamese).toBe(true);
    expect(guessVietnamese('Le côté de chez Swann, à la recherche du temps perdu, être ou ne pas être. '.repeat(5)).vietnamese).toBe(false);
    expect(guessVietnamese('Call me Ishmael. Some years ago, never mind how long precisely. '.repeat(5)).vietnamese).toBe(false);
  });

  it('titles a legal document from its type and summary, in sentence form', () => {
    const header = { number: '41/2024/QH15', docType: 'Luật', issuer: 'Quốc hội', place: null, date: null, summary: 'BẢO HIỂM XÃ HỘI' };
    expect(legalTitle(header)).toBe('Luật Bảo hiểm xã hội');
    expect(legalTitle({ ...header, summary: 'SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT BẢO HIỂM Y TẾ' })).toBe('Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế');
    expect(legalTitle({ ...header, docType: 'Nghị định', summary: 'Quy định chi tiết một số điều của Luật Việc làm' })).toBe('Nghị định quy định chi tiết một số điều của Luật Việc làm');
    expect(legalTitle({ ...header, docType: 'Nghị định', summary: null, number: '38/2022/NĐ-CP' })).toBe('Nghị định số 38/2022/NĐ-CP');
    expect(sentenceCase('VỀ PHÒNG, CHỐNG DỊCH COVID-19 CỦA CHÍNH PHỦ VIỆT NAM')).toBe('về phòng, chống dịch COVID-19 của Chính phủ Việt Nam');
    expect(sentenceCase('THEO QUY ĐỊNH CỦA PHÁP LUẬT VỀ LUẬT SƯ')).toBe('theo quy định của pháp luật về luật sư');
  });
});
