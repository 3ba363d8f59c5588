/**
 * Why a file was refused: a code naming one specific cause (so a librarian can tell a password
 * from a damaged file) and the detail the extractor found. Extractors throw an `ImportRefusal`;
 * the worker passes its code and detail back as plain data; the importer and the desk report it
 * as a message reference (`refusalReason`), worded in shared/messages/import.ts.
 */
import { bilingual } from '../../shared/messages.js';
import type { MessageKey, MessageRef } from '../../shared/messages.js';

/** Each refusal code and the message that names its cause. */
const REFUSAL_KEYS = {
  'not-pdf': 'import.refused.notPdf',
  'not-epub': 'import.refused.notEpub',
  'unsupported': 'import.refused.unsupported',
  'pdf-password': 'import.refused.pdfPassword',
  'pdf-damaged': 'import.refused.pdfDamaged',
  'no-pages': 'import.refused.noPages',
  'zip-split': 'import.refused.zipSplit',
  'zip-truncated': 'import.refused.zipTruncated',
  'zip-damaged': 'import.refused.zipDamaged',
  'zip-encrypted': 'import.refused.zipEncrypted',
  'zip-unsafe-name': 'import.refused.zipUnsafeName',
  'zip-too-large': 'import.refused.zipTooLarge',
  'zip-too-many-entries': 'import.refused.zipTooManyEntries',
  'xml-unsafe': 'import.refused.xmlUnsafe',
  'xml-too-deep': 'import.refused.xmlTooDeep',
  'xml-too-large': 'import.refused.xmlTooLarge',
  'xml-malformed': 'import.refused.xmlMalformed',
  'epub-mimetype': 'import.refused.epubMimetype',
  'epub-damaged': 'import.refused.epubDamaged',
  'epub-no-content': 'import.refused.epubNoContent',
  'too-large': 'import.refused.tooLarge',
  'timeout': 'import.refused.timeout',
  'out-of-memory': 'import.refused.outOfMemory',
  'crashed': 'import.refused.crashed',
  'file-changed': 'import.refused.fileChanged',
  'unreadable': 'import.refused.unreadable',
  'save-failed': 'import.refused.saveFailed',
} as const satisfies Record<string, MessageKey>;

export type RefusalCode = keyof typeof REFUSAL_KEYS;

/** What the extractor found: technical words (a parser's own message, sizes) or a message of its own. */
export type RefusalDetail = string | MessageRef;

/** A refusal as plain data (crosses the worker boundary). */
export interface RefusalInfo {
  code: RefusalCode;
  detail?: RefusalDetail;
}

/** Technical words on one line, at most 300 characters. */
function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** A refusal with its detail tidied (technical words can be long and span lines). */
export function refusal(code: RefusalCode, detail?: RefusalDetail): RefusalInfo {
  if (detail === undefined) return { code };
  if (typeof detail === 'string') {
    const words = tidy(detail);
    return words ? { code, detail: words } : { code };
  }
  const params = detail.params && Object.fromEntries(Object.entries(detail.params).map(([name, value]) => [name, typeof value === 'string' ? tidy(value) : value]));
  return { code, detail: params ? { key: detail.key, params } : detail };
}

/** The refusal as a message: its cause, then the detail when there is one ("damaged PDF: …"). */
export function refusalReason({ code, detail }: RefusalInfo): MessageRef {
  const cause: MessageRef = { key: REFUSAL_KEYS[code] };
  return detail === undefined ? cause : { key: 'import.detailed', params: { what: cause, detail } };
}

export class ImportRefusal extends Error {
  readonly info: RefusalInfo;

  /** `message` (for logs and the CLI) is the reason in both languages. */
  constructor(code: RefusalCode, detail?: RefusalDetail) {
    const info = refusal(code, detail);
    super(bilingual(refusalReason(info)));
    this.name = 'ImportRefusal';
    this.info = info;
  }

  get code(): RefusalCode {
    return this.info.code;
  }
}

export function refuse(code: RefusalCode, detail?: RefusalDetail): never {
  throw new ImportRefusal(code, detail);
}
