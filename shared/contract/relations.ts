/**
 * Contract methods of an official's corrections to the relations between documents (issue 15): a
 * relation added or corrected, one removed, a removal undone. A correction wins over what a text
 * says and over what a feed gives, and travels in the feed a hub publishes. Each returns the page
 * of the publication shown, as publications.get does. Merged into shared/contract.ts.
 */
import { z } from 'zod';
import type { PublicationDetail } from '../domain.js';
import { RELATION_KINDS } from '../related.js';
import { method } from './method.js';
import type { MethodSpec } from './method.js';

const publicationId = z.string().min(1).max(200);
/** A relation's row (RelatedDocument.relationId). */
const relationId = z.number().int().positive();

export const RELATION_TARGET_MAX = 80;
export const RELATION_ARTICLES_MAX = 50;

export const relationsMethods = {
  'relations.correct': method<PublicationDetail>()({
    access: 'official',
    summary: 'Adds a relation of a document to another (by its number), or corrects its scope: a correction no reading of the text and no feed replaces.',
    input: z
      .object({
        /** The document that replaces, repeals, amends, details or consolidates the other. */
        publicationId,
        kind: z.enum(RELATION_KINDS),
        /** The other document's number, as printed. */
        target: z.string().trim().min(1).max(RELATION_TARGET_MAX),
        scope: z.enum(['whole', 'part']),
        articles: z.array(z.string().trim().min(1).max(40)).max(RELATION_ARTICLES_MAX).default([]),
        /** The publication whose page is shown (either end of the relation); the publication itself when absent. */
        shown: publicationId.optional(),
      })
      .strict(),
    audited: true,
  }),
  'relations.remove': method<PublicationDetail>()({
    access: 'official',
    summary: 'Removes a relation that is wrong; the removal is kept, so no later reading of the text or feed brings it back.',
    input: z.object({ relationId, shown: publicationId }).strict(),
    audited: true,
  }),
  'relations.restore': method<PublicationDetail>()({
    access: 'official',
    summary: 'Undoes the removal of a relation.',
    input: z.object({ relationId, shown: publicationId }).strict(),
    audited: true,
  }),
} satisfies Record<string, MethodSpec>;
