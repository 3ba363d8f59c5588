/**
 * What the enrolment screens derive from a state: the tone of its badge, whether the station may
 * send a request (again), and whether an outbox item's reason is about the enrolment, so the
 * outbox can point to the page where an official enrols the station.
 */
import type { EnrolmentState } from '../../../shared/contract/stations.js';
import type { MessageRef } from '../../../shared/messages.js';

export type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

export const ENROLMENT_TONE: Record<EnrolmentState, Tone> = {
  none: 'warn',
  pending: 'neutral',
  approved: 'ok',
  refused: 'bad',
  revoked: 'bad',
  unknown: 'bad',
};

/** A station revoked for good, or approved, sends no request; the others may (a pending one again, to correct it). */
export const mayRequest = (state: EnrolmentState) => state !== 'approved' && state !== 'revoked';

/** The hub's words inside the station's "the hub answered {status}: {reason}", or the reason itself. */
function innerReason(reason: MessageRef): MessageRef {
  const inner = reason.key === 'outbox.hubStatusReason' ? reason.params?.reason : undefined;
  return typeof inner === 'object' ? inner : reason;
}

/** Whether an outbox item waits or failed because of the station's enrolment (not enrolled, pending, refused, revoked, unknown to the hub). */
export function aboutEnrolment(reason: MessageRef | null): boolean {
  return reason !== null && /^(enrolment\.|hub\.station)/.test(innerReason(reason).key);
}
