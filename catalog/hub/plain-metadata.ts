/**
 * What a station says about its upload, made plain for showing: every title, name and
 * description through shared/text.ts (`plainLine`, `plainText`), so a terminal escape sequence,
 * a control character or a bidirectional override a station sent never reaches an official's
 * terminal or screen. Applied where an upload's metadata is received (./uploads.ts) and again
 * where moderation items are read (./moderation.ts), for rows stored before.
 */
import { plainLine, plainText } from '../../shared/text.js';
import type { ModerationItem, UploadDescription } from '../../shared/outbox.js';

const line = (value: string | null) => (value === null ? null : plainLine(value));
const lines = (values: string[]) => values.map(plainLine).filter(Boolean);

export function plainDescription(description: UploadDescription): UploadDescription {
  return {
    ...description,
    title: plainLine(description.title),
    number: line(description.number),
    docType: line(description.docType),
    issuer: line(description.issuer),
    issuedDate: line(description.issuedDate),
    effectiveDate: line(description.effectiveDate),
    fields: lines(description.fields),
    language: plainLine(description.language),
    authors: lines(description.authors),
    publisher: line(description.publisher),
    description: description.description === null ? null : plainText(description.description),
  };
}

export function plainModerationItem(item: ModerationItem): ModerationItem {
  return {
    ...item,
    stationName: plainLine(item.stationName),
    title: plainLine(item.title),
    fileName: plainLine(item.fileName),
    description: plainDescription(item.description),
    reason: item.reason === null ? null : plainText(item.reason),
  };
}
