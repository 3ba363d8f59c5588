/** The help topics (text in shared/messages/help.ts): who they are for, how many numbered steps, and where the first-run guide's steps lead. */
import type { MessageKey } from '../../../shared/messages.js';

export const HELP_TOPICS = ['scan', 'describe', 'send', 'sync', 'usb', 'selective', 'report', 'updates', 'kiosk', 'accounts'] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

export const TOPIC_STEPS: Record<HelpTopic, number> = { scan: 5, describe: 4, send: 3, sync: 6, usb: 4, selective: 3, report: 4, updates: 3, kiosk: 4, accounts: 3 };

export const LIBRARIAN_TOPICS: readonly HelpTopic[] = ['scan', 'describe', 'send'];
export const OFFICIAL_TOPICS: readonly HelpTopic[] = ['sync', 'usb', 'selective', 'report', 'updates', 'kiosk', 'accounts'];

export const FIRST_RUN = 'first-run';

export function isHelpTopic(value: string): value is HelpTopic {
  return (HELP_TOPICS as readonly string[]).includes(value);
}

export function helpPath(topic: HelpTopic | typeof FIRST_RUN): string {
  return `/help/${topic}`;
}

export const topicTitle = (topic: HelpTopic) => `help.${topic}.title` as MessageKey;
export const topicLead = (topic: HelpTopic) => `help.${topic}.lead` as MessageKey;
export const topicStep = (topic: HelpTopic | 'firstRun', n: number) => `help.${topic}.${n}` as MessageKey;
