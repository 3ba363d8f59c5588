/**
 * What the publication page shows of a document's relations: the documents it names (outgoing —
 * it replaces, repeals, amends, details or consolidates them) and those naming it (incoming — it
 * is replaced, repealed, amended, detailed by them or consolidated in them), in groups, in the
 * order the page shows them: what acts on the document first.
 */
import type { DocumentStatus } from './domain.js';

/** What a document can say of another (read by shared/legal/relations.ts). */
export const RELATION_KINDS = ['replaces', 'repeals', 'amends', 'guides', 'consolidates'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

/** Where a relation comes from: the document's text, a feed (the hub's reading), an official's correction. */
export type RelationSource = 'text' | 'feed' | 'correction';

export type RelationDirection = 'outgoing' | 'incoming';

export const RELATED_GROUPS = [
  { group: 'replacedBy', kind: 'replaces', direction: 'incoming' },
  { group: 'repealedBy', kind: 'repeals', direction: 'incoming' },
  { group: 'amendedBy', kind: 'amends', direction: 'incoming' },
  { group: 'detailedBy', kind: 'guides', direction: 'incoming' },
  { group: 'consolidatedIn', kind: 'consolidates', direction: 'incoming' },
  { group: 'replaces', kind: 'replaces', direction: 'outgoing' },
  { group: 'repeals', kind: 'repeals', direction: 'outgoing' },
  { group: 'amends', kind: 'amends', direction: 'outgoing' },
  { group: 'details', kind: 'guides', direction: 'outgoing' },
  { group: 'consolidates', kind: 'consolidates', direction: 'outgoing' },
] as const satisfies readonly { group: string; kind: RelationKind; direction: RelationDirection }[];

export type RelatedGroupName = (typeof RELATED_GROUPS)[number]['group'];

/** One document related to the one shown. */
export interface RelatedDocument {
  /** The relation's row (an official's corrections name it). */
  relationId: number;
  kind: RelationKind;
  source: RelationSource;
  direction: RelationDirection;
  /** Its number (as printed, for a document the station does not hold); null when only its title is known. */
  number: string | null;
  /** Its title: the station's copy's, else as the text names it. */
  title: string | null;
  /** The station's copy of it; null when the station does not hold it. */
  publicationId: string | null;
  /** Its status at this station; null when not held. */
  status: DocumentStatus | null;
  /** Whether the relation concerns the whole target or a part of it, and the articles named. */
  scope: 'whole' | 'part';
  articles: string[];
}

export interface RelatedGroup {
  group: RelatedGroupName;
  items: RelatedDocument[];
}
