/** A small library and key pair for the feed tests. */
import fs from 'node:fs';
import path from 'node:path';
import type { Library } from '../../../catalog/library.js';
import { saveDocuments } from '../../../catalog/documents.js';
import { generateKeyPair, loadPrivateKey, loadPublicKey } from '../../../catalog/feed/keys.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';

export function keys() {
  const generated = generateKeyPair(tempDir('feed-keys-'));
  return { ...generated, privateKey: loadPrivateKey(generated.privateKeyPath), publicKey: loadPublicKey(generated.publicKeyPath) };
}

/** Stores `content` in the library's file store and saves a publication that uses it. */
export async function addDocument(library: Library, id: string, title: string, content: string, extra: { fields?: string[]; docType?: string } = {}) {
  const source = path.join(tempDir('feed-src-'), `${id}.pdf`);
  fs.writeFileSync(source, content);
  const stored = await library.files.putFile(source);
  saveDocuments(library.db, [
    {
      publication: { id, kind: 'legal', title, issuedDate: '2024-06-01', fields: extra.fields ?? ['Đất đai'], docType: extra.docType ?? 'Luật', issuer: 'Quốc hội' },
      files: [{ ...stored, mediaType: 'application/pdf', state: 'present', role: 'content' }],
    },
  ]);
  return stored;
}

export async function libraryWith(count: number): Promise<Library> {
  const library = await tempLibrary('feed-lib-');
  for (let i = 1; i <= count; i += 1) await addDocument(library, `luat-${i}`, `Luật số ${i}`, `%PDF-1.4 nội dung ${i}`);
  return library;
}

export const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
