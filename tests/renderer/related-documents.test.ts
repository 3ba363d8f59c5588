// Pure logic of the banner and the related documents (renderer/src/related/related-documents.ts):
// which statuses warn, which document the banner opens, names, a reason made short, articles typed.
import { describe, expect, it } from 'vitest';
import { articlesOf, documentName, groupOf, reasonByNumber, replacementOf, warnedStatus } from '../../renderer/src/related/related-documents.js';
import { say, translate } from '../../shared/messages.js';
import type { MessageRef } from '../../shared/messages.js';
import type { RelatedDocument, RelatedGroup } from '../../shared/related.js';

const doc = (over: Partial<RelatedDocument>): RelatedDocument => ({
  relationId: 1,
  kind: 'replaces',
  source: 'text',
  direction: 'incoming',
  number: '69/2020/QH14',
  title: 'Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng',
  publicationId: 'luat-69',
  status: 'in_force',
  scope: 'whole',
  articles: [],
  ...over,
});
const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('vi', key, params);

describe('the banner', () => {
  it('warns of a document not in force, not yet in force or partly in force, not of one in force or of unknown force', () => {
    expect(['in_force', 'not_yet_in_force', 'partly_in_force', 'not_in_force', 'unknown'].map((s) => warnedStatus({ status: s as never, statusReason: null }))).toEqual([
      null,
      'not_yet_in_force',
      'partly_in_force',
      'not_in_force',
      null,
    ]);
  });

  it('warns of a document in force only until a replacement takes effect', () => {
    const endsOn = { key: 'relations.endsOn', params: { date: '01/07/2027', document: 'Luật 1/2026/QH15' } } as const;
    expect(warnedStatus({ status: 'in_force', statusReason: endsOn })).toBe('in_force');
    expect(warnedStatus({ status: 'in_force', statusReason: { key: 'relations.inForceSince', params: { date: '01/07/2020' } } })).toBeNull();
  });

  it('opens a document the station holds that replaces or repeals this one whole, one in force first', () => {
    const related: RelatedGroup[] = [
      { group: 'replacedBy', items: [doc({ relationId: 1, publicationId: null, status: null }), doc({ relationId: 2, scope: 'part' }), doc({ relationId: 3, status: 'not_in_force' })] },
      { group: 'repealedBy', items: [doc({ relationId: 4, kind: 'repeals' })] },
      { group: 'amendedBy', items: [doc({ relationId: 5, kind: 'amends' })] },
    ];
    expect(replacementOf({ related })?.relationId).toBe(4);
    expect(replacementOf({ related: related.slice(0, 1) })?.relationId).toBe(3);
    expect(replacementOf({ related: [related[2]] })).toBeNull();
  });

  it('names a reason\'s document by its number alone for one line, and leaves a reason without one as it is', () => {
    const reason: MessageRef = { key: 'relations.replacedBy', params: { date: '01/01/2022', document: { key: 'relations.document', params: { title: 'Luật X', number: '69/2020/QH14' } } } };
    expect(say('vi', reasonByNumber(reason))).toBe('Hết hiệu lực từ 01/01/2022, thay thế bởi 69/2020/QH14');
    const titled: MessageRef = { key: 'relations.repealedBy', params: { date: '01/01/2022', document: 'Nghị quyết 17/2022/UBTVQH15' } };
    expect(reasonByNumber(titled)).toBe(titled);
    expect(reasonByNumber({ key: 'relations.notYetInForce', params: { date: '01/07/2026' } })).toEqual({ key: 'relations.notYetInForce', params: { date: '01/07/2026' } });
  });
});

describe('related documents', () => {
  it('names a document by title and number, by the one it has, and once when the title says the number', () => {
    expect(documentName(t, doc({}))).toBe('Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng 69/2020/QH14');
    expect(documentName(t, doc({ title: null }))).toBe('69/2020/QH14');
    expect(documentName(t, doc({ number: null, title: 'Luật Đất đai' }))).toBe('Luật Đất đai');
    expect(documentName(t, doc({ title: 'Văn bản hợp nhất 5/VBHN-BTC', number: '5/VBHN-BTC' }))).toBe('Văn bản hợp nhất 5/VBHN-BTC');
  });

  it('lists a removed relation under its group', () => {
    expect(groupOf({ kind: 'guides', direction: 'incoming' })).toBe('detailedBy');
    expect(groupOf({ kind: 'guides', direction: 'outgoing' })).toBe('details');
  });

  it('reads the articles an official types, by commas or semicolons', () => {
    expect(articlesOf(' Điều 5, Điều 6; Điều 7 ,, ')).toEqual(['Điều 5', 'Điều 6', 'Điều 7']);
    expect(articlesOf('')).toEqual([]);
  });
});
