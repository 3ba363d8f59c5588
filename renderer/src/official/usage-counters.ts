/** The usage counters a station counts, in the order the usage screens show them, with their words. */
import type { UsageSummary } from '../../../shared/contract.js';
import type { MessageKey } from '../../../shared/messages.js';

export const USAGE_COUNTERS: [keyof UsageSummary['totals'], MessageKey][] = [
  ['opened', 'usage.counter.opened'],
  ['search', 'usage.counter.search'],
  ['search_no_result', 'usage.counter.search_no_result'],
  ['kiosk_session', 'usage.counter.kiosk_session'],
  ['phone_session', 'usage.counter.phone_session'],
  ['page_printed', 'usage.counter.page_printed'],
  ['document_added', 'usage.counter.document_added'],
  ['document_sent', 'usage.counter.document_sent'],
];
