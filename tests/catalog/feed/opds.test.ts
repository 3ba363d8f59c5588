/**
 * The OPDS 2.0 view against the rules of the OPDS 2.0 JSON Schema (opds-community/drafts
 * schema/feed.schema.json, publication.schema.json, feed-metadata.schema.json, link.schema.json
 * and Readium's metadata.schema.json), checked by hand: no npm package ships those schemas.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publish } from '../../../catalog/feed/publish.js';
import { OPEN_ACCESS } from '../../../catalog/feed/opds.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { tempLibrary } from '../../helpers/temp-library.js';
import { addDocument, keys, readJson } from './fixtures.js';

const ACQUISITION_RELS = [
  'preview', 'http://opds-spec.org/acquisition', 'http://opds-spec.org/acquisition/buy', OPEN_ACCESS,
  'http://opds-spec.org/acquisition/borrow', 'http://opds-spec.org/acquisition/sample', 'http://opds-spec.org/acquisition/subscribe',
];
const URI = /^[a-z][a-z0-9+.-]*:\S+$/i;
const BCP47 = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

type Json = Record<string, unknown>;
const rels = (link: Json): string[] => (Array.isArray(link.rel) ? (link.rel as string[]) : link.rel === undefined ? [] : [link.rel as string]);

function checkLink(link: Json, where: string, errors: string[]): void {
  if (typeof link.href !== 'string') errors.push(`${where}: link without href`);
  for (const key of ['type', 'title'] as const) if (link[key] !== undefined && typeof link[key] !== 'string') errors.push(`${where}: ${key} not a string`);
  if (link.templated !== undefined) {
    if (link.templated !== true) errors.push(`${where}: templated must be true when present`);
    if (!/\{[^{}]+\}/.test(String(link.href))) errors.push(`${where}: templated href is not a URI template`);
  }
}

function checkFeedMetadata(metadata: Json | undefined, where: string, errors: string[]): void {
  if (!metadata || typeof metadata.title !== 'string') return void errors.push(`${where}: metadata.title required`);
  for (const key of ['itemsPerPage', 'currentPage']) if (metadata[key] !== undefined && !(Number.isInteger(metadata[key]) && (metadata[key] as number) > 0)) errors.push(`${where}: ${key}`);
  if (metadata.numberOfItems !== undefined && !(Number.isInteger(metadata.numberOfItems) && (metadata.numberOfItems as number) >= 0)) errors.push(`${where}: numberOfItems`);
}

function checkPublication(pub: Json, where: string, errors: string[]): void {
  const metadata = pub.metadata as Json | undefined;
  if (!metadata || typeof metadata.title !== 'string') errors.push(`${where}: metadata.title required`);
  if (metadata?.identifier !== undefined && !URI.test(String(metadata.identifier))) errors.push(`${where}: identifier is not a URI`);
  if (metadata?.['@type'] !== undefined && !URI.test(String(metadata['@type']))) errors.push(`${where}: @type is not a URI`);
  if (metadata?.language !== undefined && !BCP47.test(String(metadata.language))) errors.push(`${where}: language is not BCP 47`);
  if (metadata?.published !== undefined && Number.isNaN(Date.parse(String(metadata.published)))) errors.push(`${where}: published is not a date`);
  if (metadata?.modified !== undefined && !/T/.test(String(metadata.modified))) errors.push(`${where}: modified is not a date-time`);
  const links = pub.links as Json[] | undefined;
  if (!Array.isArray(links)) return void errors.push(`${where}: links required`);
  links.forEach((link, i) => checkLink(link, `${where}.links[${i}]`, errors));
  if (!links.some((link) => rels(link).includes('self'))) errors.push(`${where}: no self link`);
  if (!links.some((link) => rels(link).some((rel) => ACQUISITION_RELS.includes(rel)))) errors.push(`${where}: no acquisition link`);
  const images = pub.images as Json[] | undefined;
  if (!Array.isArray(images) || images.length === 0) return void errors.push(`${where}: images required (minItems 1)`);
  images.forEach((image, i) => checkLink(image, `${where}.images[${i}]`, errors));
  if (!images.some((image) => ['image/jpeg', 'image/png', 'image/gif'].includes(String(image.type)))) errors.push(`${where}: no jpeg/png/gif image`);
}

/** Errors of one OPDS 2.0 feed document (empty when it follows the schema's rules). */
function opdsErrors(feed: Json, where: string): string[] {
  const errors: string[] = [];
  checkFeedMetadata(feed.metadata as Json | undefined, where, errors);
  const links = feed.links as Json[] | undefined;
  if (!Array.isArray(links)) errors.push(`${where}: links required`);
  else {
    links.forEach((link, i) => checkLink(link, `${where}.links[${i}]`, errors));
    if (!links.some((link) => rels(link).includes('self'))) errors.push(`${where}: no self link`);
  }
  if (!['publications', 'navigation', 'groups'].some((key) => Array.isArray(feed[key]))) errors.push(`${where}: needs publications, navigation or groups`);
  for (const [i, link] of ((feed.navigation as Json[] | undefined) ?? []).entries()) {
    checkLink(link, `${where}.navigation[${i}]`, errors);
    if (typeof link.title !== 'string') errors.push(`${where}.navigation[${i}]: title required`);
  }
  for (const [i, pub] of ((feed.publications as Json[] | undefined) ?? []).entries()) checkPublication(pub, `${where}.publications[${i}]`, errors);
  for (const [i, group] of ((feed.groups as Json[] | undefined) ?? []).entries()) {
    checkFeedMetadata(group.metadata as Json, `${where}.groups[${i}]`, errors);
    for (const link of (group.navigation as Json[] | undefined) ?? []) checkLink(link, `${where}.groups[${i}].navigation`, errors);
  }
  return errors;
}

/** Every href in a document that names a file of the feed (not a template, not a fragment-only link). */
function hrefsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(hrefsOf);
  if (value && typeof value === 'object') {
    const object = value as Json;
    const own = typeof object.href === 'string' && object.templated !== true ? [object.href.split('#')[0]] : [];
    return [...own, ...Object.values(object).flatMap(hrefsOf)];
  }
  return [];
}

describe('the OPDS 2.0 view', () => {
  it('follows the OPDS 2.0 schema rules, pages with next/prev/first/last, and links only to files in the feed', async () => {
    const library = await tempLibrary();
    await addDocument(library, 'a', 'Luật Đất đai', 'a', { fields: ['Đất đai'], docType: 'Luật' });
    await addDocument(library, 'b', 'Nghị định hướng dẫn', 'b', { fields: ['Đất đai', 'Xây dựng'], docType: 'Nghị định' });
    await addDocument(library, 'c', 'Luật Xây dựng', 'c', { fields: ['Xây dựng'], docType: 'Luật' });
    const outDir = tempDir();
    await publish(library, { outDir, privateKey: keys().privateKey, opdsPageSize: 2 });
    const opdsDir = path.join(outDir, 'opds');
    const documents = fs.readdirSync(opdsDir).filter((name) => name.endsWith('.json'));
    for (const name of documents) {
      const feed = readJson(path.join(opdsDir, name)) as Json;
      expect(opdsErrors(feed, name)).toEqual([]);
      for (const href of hrefsOf(feed)) expect(fs.existsSync(path.resolve(opdsDir, href)), `${name} → ${href}`).toBe(true);
    }

    const root = readJson(path.join(opdsDir, 'root.json')) as Json;
    expect((root.links as Json[]).find((link) => link.rel === 'search')).toMatchObject({ templated: true, href: 'search{?query}' });
    const groups = root.groups as { metadata: { title: string }; navigation: { title: string }[] }[];
    expect(groups.map((group) => group.navigation.map((link) => link.title))).toEqual([
      ['Đất đai (2)', 'Xây dựng (2)'],
      ['Luật (2)', 'Nghị định (1)'],
    ]);

    const first = readJson(path.join(opdsDir, 'publications-1.json')) as Json;
    const second = readJson(path.join(opdsDir, 'publications-2.json')) as Json;
    const relsOf = (feed: Json) => Object.fromEntries((feed.links as Json[]).map((link) => [link.rel, link.href]));
    expect(relsOf(first)).toMatchObject({ self: 'publications-1.json', first: 'publications-1.json', last: 'publications-2.json', next: 'publications-2.json' });
    expect(relsOf(second)).toMatchObject({ prev: 'publications-1.json', last: 'publications-2.json' });
    expect(relsOf(second).next).toBeUndefined();
    const pub = (first.publications as Json[])[0];
    expect(pub.metadata).toMatchObject({ title: 'Luật Đất đai', identifier: 'urn:tu-sach:a', language: 'vi', author: ['Quốc hội'], published: '2024-06-01', subject: ['Đất đai'] });
    expect((pub.links as Json[]).find((link) => link.rel === OPEN_ACCESS)).toMatchObject({ type: 'application/pdf', href: expect.stringMatching(/^\.\.\/files\/[0-9a-f]{2}\/[0-9a-f]{64}$/) });
  });

  it('the hand-written checks catch what the schema forbids', () => {
    expect(opdsErrors({ metadata: {}, links: [] }, 'x')).toEqual(['x: metadata.title required', 'x: no self link', 'x: needs publications, navigation or groups']);
    const pub = { metadata: { title: 't' }, links: [{ rel: 'self', href: 'p' }], images: [{ href: 'c.svg', type: 'image/svg+xml' }] };
    expect(opdsErrors({ metadata: { title: 't' }, links: [{ rel: 'self', href: 's' }], publications: [pub] }, 'x')).toEqual([
      'x.publications[0]: no acquisition link',
      'x.publications[0]: no jpeg/png/gif image',
    ]);
  });
});
