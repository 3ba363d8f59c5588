/**
 * Text objects (catalog/feed/text-object.ts): the same text always gives the same bytes (so the
 * same name); decoding gives back exactly what was encoded; a hostile object — a compression
 * bomb, not brotli, another format, offsets outside the text, a parent after its child, text not
 * in NFC — is refused whole with a TextObjectError.
 */
import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_INFLATED_BYTES, TEXT_FORMAT, TextObjectError, decodeTextObject, encodeTextObject, textObjectPath } from '../../../catalog/feed/text-object.js';
import type { TextContent } from '../../../catalog/feed/text-object.js';
import { canonicalJson } from '../../../catalog/feed/root.js';
import { sha256Hex } from '../../../catalog/store/hash.js';
import { parseStructure } from '../../../shared/legal/structure.js';

const TEXT = 'LUẬT\nĐẤT ĐAI\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\nLuật này quy định về chế độ sở hữu đất đai.\nĐiều 2. Đối tượng áp dụng\n1. Cơ quan nhà nước.\n2. Người sử dụng đất.\n';
const content: TextContent = { text: TEXT, pageStarts: [0, 60], pageCount: 2, sections: parseStructure(TEXT) };

const brotliOf = (value: unknown) => brotliCompressSync(Buffer.from(canonicalJson(value)));
const valid = { format: TEXT_FORMAT, text: TEXT, pageStarts: [0], pageCount: 1, sections: content.sections };

describe('text objects', () => {
  it('encode to the same bytes every time, named by their sha256, and decode to what was encoded', () => {
    const first = encodeTextObject(content);
    const again = encodeTextObject({ ...content, sections: content.sections.map((s) => ({ ...s })) });
    expect(again.bytes).toEqual(first.bytes);
    expect(first.sha256).toBe(sha256Hex(first.bytes));
    expect(first.size).toBe(first.bytes.length);
    expect(textObjectPath(first.sha256)).toBe(`texts/${first.sha256.slice(0, 2)}/${first.sha256}`);
    expect(decodeTextObject(first.bytes)).toEqual(content);
    expect(content.sections.filter((s) => s.level === 'article')).toHaveLength(2);
  });

  it('refuses a compression bomb without inflating past the limit, and bytes that are not brotli', () => {
    const bomb = brotliCompressSync(Buffer.alloc(MAX_TEXT_INFLATED_BYTES + 1024, 0x20));
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => decodeTextObject(bomb)).toThrow(TextObjectError);
    expect(() => decodeTextObject(Buffer.from('%PDF-1.4 not a text object'))).toThrow(TextObjectError);
  });

  it('refuses another format, offsets outside the text, a parent after its child, unknown fields, and text not in NFC', () => {
    const article = content.sections.findIndex((s) => s.level === 'article');
    const hostile: [string, unknown][] = [
      ['format', { ...valid, format: 'tu-sach-text/9' }],
      ['section end past the text', { ...valid, sections: [{ ...content.sections[0], end: TEXT.length + 1 }] }],
      ['section start after its end', { ...valid, sections: [{ ...content.sections[0], start: 10, end: 5 }] }],
      ['parent after child', { ...valid, sections: content.sections.map((s, i) => (i === article ? { ...s, parent: article + 1 } : s)) }],
      ['negative parent', { ...valid, sections: [{ ...content.sections[0], parent: -1 }] }],
      ['unknown level', { ...valid, sections: [{ ...content.sections[0], level: 'script' }] }],
      ['extra field', { ...valid, sections: [{ ...content.sections[0], onload: 'x' }] }],
      ['page start past the text', { ...valid, pageStarts: [0, TEXT.length + 5] }],
      ['page starts out of order', { ...valid, pageStarts: [50, 10] }],
      ['not NFC', { ...valid, text: TEXT.normalize('NFD') }],
      ['extra top-level field', { ...valid, script: 'alert(1)' }],
    ];
    for (const [name, value] of hostile) expect(() => decodeTextObject(brotliOf(value)), name).toThrow(TextObjectError);
    expect(decodeTextObject(brotliOf(valid)).sections).toEqual(content.sections);
  });
});
