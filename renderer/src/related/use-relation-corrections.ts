/**
 * An official's corrections to the relations of the publication shown (shared/contract/relations.ts):
 * each call answers with the page updated, which the page then shows; what was done is kept to be
 * said, and a refusal is kept as the error to show.
 */
import { useState } from 'react';
import type { ClientError } from '../../../shared/client.js';
import type { InputOf } from '../../../shared/contract.js';
import type { PublicationDetail } from '../../../shared/domain.js';
import type { MessageKey } from '../../../shared/messages.js';
import { client } from '../client.js';
import { useFormCall } from '../staff/use-form-call.js';

export type NewRelation = Omit<InputOf<'relations.correct'>, 'publicationId' | 'shown'>;

export interface RelationCorrections {
  busy: boolean;
  error: ClientError | null;
  /** What the last correction did, to be said. */
  done: MessageKey | null;
  remove(relationId: number): Promise<boolean>;
  restore(relationId: number): Promise<boolean>;
  add(relation: NewRelation): Promise<boolean>;
}

export function useRelationCorrections(shown: string, onCorrected: (detail: PublicationDetail) => void): RelationCorrections {
  const form = useFormCall();
  const [done, setDone] = useState<MessageKey | null>(null);
  const apply = async (send: () => Promise<PublicationDetail>, said: MessageKey) => {
    setDone(null);
    const detail = await form.run(send);
    if (!detail) return false;
    onCorrected(detail);
    setDone(said);
    return true;
  };
  return {
    busy: form.busy,
    error: form.error,
    done,
    remove: (relationId) => apply(() => client.call('relations.remove', { relationId, shown }), 'related.done.removed'),
    restore: (relationId) => apply(() => client.call('relations.restore', { relationId, shown }), 'related.done.restored'),
    add: (relation) => apply(() => client.call('relations.correct', { ...relation, publicationId: shown, shown }), 'related.done.added'),
  };
}
