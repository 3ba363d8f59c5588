/**
 * What the banner and the "Văn bản liên quan" section read from a publication's relations: whether
 * its status calls for a banner, the document to open instead of it (one the station holds that
 * replaces or repeals it whole, one in force first), a related document's name in words, a reason
 * made short for one line, and the articles an official types.
 */
import type { DocumentStatus, PublicationDetail } from '../../../shared/domain.js';
import type { MessageKey, MessageParams, MessageRef } from '../../../shared/messages.js';
import { RELATED_GROUPS } from '../../../shared/related.js';
import type { RelatedDocument, RelatedGroupName } from '../../../shared/related.js';

/** The screen's translate function (i18n.tsx's TFunction, named here so that plain tests can load this module). */
type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The statuses a reader must be warned of before reading (in force: only when a date on which it ceases is known). */
export type WarnedStatus = Extract<DocumentStatus, 'not_in_force' | 'not_yet_in_force' | 'partly_in_force' | 'in_force'>;

export function warnedStatus(p: Pick<PublicationDetail, 'status' | 'statusReason'>): WarnedStatus | null {
  const { status } = p;
  if (status === 'in_force') return p.statusReason?.key === 'relations.endsOn' ? status : null;
  return status === 'not_in_force' || status === 'not_yet_in_force' || status === 'partly_in_force' ? status : null;
}

/** A document the station holds that replaces or repeals this one whole (one in force first), or null. */
export function replacementOf(p: Pick<PublicationDetail, 'related'>): (RelatedDocument & { publicationId: string; kind: 'replaces' | 'repeals' }) | null {
  const held = p.related
    .filter((g) => g.group === 'replacedBy' || g.group === 'repealedBy')
    .flatMap((g) => g.items)
    .filter((item): item is RelatedDocument & { publicationId: string; kind: 'replaces' | 'repeals' } => item.publicationId !== null && item.scope === 'whole');
  return held.find((item) => item.status === 'in_force') ?? held[0] ?? null;
}

/** "Luật … 69/2020/QH14": the title and the number (the number alone when no title is known, the title alone when it says the number). */
export function documentName(t: Translate, item: Pick<RelatedDocument, 'title' | 'number'>): string {
  const { title, number } = item;
  if (title && number && !title.includes(number)) return t('relations.document', { title, number });
  return title ?? number ?? '';
}

/** The group a relation belongs to on the page (a removed relation is listed under its group's name). */
export function groupOf(item: Pick<RelatedDocument, 'kind' | 'direction'>): RelatedGroupName {
  return RELATED_GROUPS.find((g) => g.kind === item.kind && g.direction === item.direction)!.group;
}

/** The groups of an outgoing relation (the document shown acting on the other), in the page's order: the choices of the form that adds one. */
export const OUTGOING_GROUPS = RELATED_GROUPS.filter((g) => g.direction === 'outgoing');

/** A status reason naming its document by number alone, when it names one by title and number (shared/messages/relations.ts). */
export function reasonByNumber(reason: MessageRef): MessageRef {
  const document = reason.params?.document;
  if (typeof document !== 'object' || document.key !== 'relations.document' || document.params?.number === undefined) return reason;
  return { ...reason, params: { ...reason.params, document: document.params.number } };
}

/** "Điều 5, Điều 6; Điều 7" → ["Điều 5", "Điều 6", "Điều 7"]. */
export function articlesOf(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((a) => a.trim())
    .filter(Boolean);
}
