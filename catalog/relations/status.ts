/**
 * The status shown, derived, not guessed (issue 15): a document is in force from its effective
 * date and not yet in force before it; no longer in force (replaced, repealed) once a document
 * the station holds that replaces or repeals it whole is itself in effect; partly in force once
 * one that amends it, or replaces or repeals a part of it, is. A status given by a feed, a hub or
 * an official (legal_status other than 'unknown') still wins; a book, a guide or a Q&A has no
 * status but a given one. The reason — the date and the
 * document that decided it — is a message reference (shared/messages/relations.ts). A status
 * holds until the next date its derivation names (status_until), when it is derived again.
 */
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { storeRef } from '../db/stored-refs.js';
import type { DocumentStatus, LegalStatus, PublicationKind } from '../../shared/domain.js';
import type { MessageRef } from '../../shared/messages.js';
import { dayLabel } from '../../shared/text.js';
import { effectiveDateOf } from './readings.js';

/** The document itself: whether it is a legal document, the status given, and its effective date. */
export interface OwnFacts {
  kind: PublicationKind;
  legalStatus: LegalStatus;
  effective: string | null;
}

/** A document the station holds that acts on it. */
export interface ActingDocument {
  kind: 'replaces' | 'repeals' | 'amends';
  scope: 'whole' | 'part';
  /** When it takes effect; a document with none known decides nothing. */
  effective: string | null;
  title: string;
  number: string | null;
}

export interface DerivedStatus {
  status: DocumentStatus;
  reason: MessageRef | null;
  /** The next day on which the derivation changes, null when none is known. */
  until: string | null;
}

const ENDING_KEY = { replaces: 'relations.replacedBy', repeals: 'relations.repealedBy' } as const;
const PARTLY_KEY = { replaces: 'relations.partlyReplacedBy', repeals: 'relations.partlyRepealedBy', amends: 'relations.amendedBy' } as const;

/** An acting document whose effective date is known. */
type Dated = ActingDocument & { effective: string };

const ends = (a: Dated): a is Dated & { kind: 'replaces' | 'repeals' } => a.scope === 'whole' && a.kind !== 'amends';

/** "Luật Công đoàn 50/2024/QH15", or the title alone when it has no number or already says it. */
function documentOf(a: ActingDocument): string | MessageRef {
  return a.number && !a.title.includes(a.number) ? { key: 'relations.document', params: { title: a.title, number: a.number } } : a.title;
}

const saying = (key: MessageRef['key'], a: Dated): MessageRef => ({ key, params: { date: dayLabel(a.effective), document: documentOf(a) } });

/** The status of a document on `today` (YYYY-MM-DD), from its own facts and the documents acting on it. */
export function deriveStatus(own: OwnFacts, acting: ActingDocument[], today: string): DerivedStatus {
  if (own.kind !== 'legal') return { status: own.legalStatus, reason: null, until: null };
  const dated = acting.filter((a): a is Dated => a.effective !== null).sort((a, b) => a.effective.localeCompare(b.effective));
  const inEffect = dated.filter((a) => a.effective <= today);
  const coming = dated.filter((a) => a.effective > today);
  const ended = inEffect.find(ends);
  const ending = coming.find(ends);
  const partly = inEffect.filter((a) => !ends(a)).pop();
  const upcoming = [own.effective, ...coming.map((a) => a.effective)].filter((d): d is string => d !== null && d > today).sort();

  let derived: { status: DocumentStatus; reason: MessageRef | null };
  if (ended) derived = { status: 'not_in_force', reason: saying(ENDING_KEY[ended.kind], ended) };
  else if (own.effective !== null && own.effective > today) derived = { status: 'not_yet_in_force', reason: { key: 'relations.notYetInForce', params: { date: dayLabel(own.effective) } } };
  else {
    const status: DocumentStatus = partly ? 'partly_in_force' : own.effective !== null ? 'in_force' : 'unknown';
    const reason = ending
      ? saying('relations.endsOn', ending)
      : partly
        ? saying(PARTLY_KEY[partly.kind], partly)
        : own.effective !== null
          ? { key: 'relations.inForceSince' as const, params: { date: dayLabel(own.effective) } }
          : null;
    derived = { status, reason };
  }
  const status = own.legalStatus !== 'unknown' ? own.legalStatus : derived.status;
  return { status, reason: status === derived.status ? derived.reason : null, until: upcoming[0] ?? null };
}

/** Derives and stores the status of each publication given (those that no longer exist are passed over), in the caller's transaction. */
export function deriveStatuses(db: Db, ids: Iterable<string>, today: string): void {
  const own = statement(db,
    `SELECT p.kind, p.legal_status AS legalStatus, ${effectiveDateOf('p', 'r')} AS effective
     FROM publications p LEFT JOIN relation_readings r ON r.publication_id = p.id WHERE p.id = ?`,
  );
  const acting = statement(db,
    `SELECT rel.kind, rel.scope, s.title, s.number, ${effectiveDateOf('s', 'r')} AS effective
     FROM relations rel JOIN publications s ON s.id = rel.publication_id LEFT JOIN relation_readings r ON r.publication_id = s.id
     WHERE rel.target_id = ? AND rel.kind IN ('replaces', 'repeals', 'amends') AND rel.removed_at IS NULL`,
  );
  const write = statement(db, 'UPDATE publications SET status = ?, status_reason = ?, status_until = ? WHERE id = ?');
  for (const id of new Set(ids)) {
    const facts = own.get(id) as OwnFacts | undefined;
    if (!facts) continue;
    const derived = deriveStatus(facts, acting.all(id) as ActingDocument[], today);
    write.run(derived.status, storeRef(derived.reason), derived.until, id);
  }
}

/** Publications whose status must be derived again on `today`: a date its derivation named has come. */
export function dueStatuses(db: Db, today: string): string[] {
  return statement(db, 'SELECT id FROM publications WHERE status_until <= ? ORDER BY status_until').pluck().all(today) as string[];
}

/** Whether any status must be derived again on `today` (one index probe). */
export function statusesDue(db: Db, today: string): boolean {
  return statement(db, 'SELECT EXISTS (SELECT 1 FROM publications WHERE status_until <= ?)').pluck().get(today) === 1;
}
