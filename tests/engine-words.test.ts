/**
 * The engine never builds a sentence: words shown to people live in shared/messages/ tables, and
 * catalog/ and electron/ raise and store references to them. This test reads every string and
 * template literal of catalog/ and electron/ and fails on one written in Vietnamese, outside the
 * linguistic data that is Vietnamese by nature (listed below, each with its reason).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../catalog/package-root.js';
import { sourceFiles } from './helpers/source-files.js';

/** Modules whose Vietnamese is data about the language, not words said to a user. */
const LANGUAGE_DATA: Record<string, string> = {
  'catalog/search/syllables.ts': 'the inventory of Vietnamese onsets and rhymes that tells a syllable from a typo',
};

/** Letters only Vietnamese writes (with its tone and vowel marks, and đ). */
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/iu;

/** Every string, template piece and JSX text of a source file, with its line. */
function literalsOf(fileName: string, source: string): { line: number; text: string }[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isJsxText(node)) {
      found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}


describe('the engine says things by reference', () => {
  it('no Vietnamese string literal in catalog/ or electron/ outside the message tables', () => {
    const files = ['catalog', 'electron'].flatMap(sourceFiles).filter((file) => !Object.hasOwn(LANGUAGE_DATA, file));
    expect(files.length).toBeGreaterThan(100);
    const words = files.flatMap((file) =>
      literalsOf(file, fs.readFileSync(path.join(PACKAGE_ROOT, file), 'utf8'))
        .filter((literal) => VIETNAMESE.test(literal.text))
        .map((literal) => `${file}:${literal.line} ${JSON.stringify(literal.text.slice(0, 80))}`),
    );
    expect(words).toEqual([]);
  });

  it('finds a Vietnamese word in a string, a template and its pieces, but not in a comment', () => {
    const source = [
      "// Tệp bị hỏng (a comment)",
      "const a = 'Tệp bị hỏng';",
      'const b = `Không có nguồn: ${id}`;',
      'const c = `x ${id} đã xong`;',
      "const d = 'plain English';",
    ].join('\n');
    const vietnamese = literalsOf('x.ts', source).filter((literal) => VIETNAMESE.test(literal.text));
    expect(vietnamese.map((literal) => literal.line)).toEqual([2, 3, 4]);
  });

  it('lists only language data that exists', () => {
    for (const file of Object.keys(LANGUAGE_DATA)) expect(fs.existsSync(path.join(PACKAGE_ROOT, file)), file).toBe(true);
  });
});
