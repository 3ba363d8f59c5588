/** Usage counters for the yearly report: counts per day and month, no-result terms folded and summed, nothing personal. */
import { describe, expect, it, vi } from 'vitest';
import { saveDocuments } from '../../catalog/documents.js';
import { createHandlers } from '../../catalog/engine.js';
import { createServices } from '../../catalog/services.js';
import type { Library } from '../../catalog/library.js';
import { recordRead } from '../../catalog/reads.js';
import { countNoResult, countUsage, noResultTerm, usageBetween } from '../../catalog/usage.js';
import { callMethod } from '../../shared/call.js';
import { contract } from '../../shared/contract.js';
import { tempLibrary } from '../helpers/temp-library.js';

const at = (iso: string) => new Date(`${iso}T10:00:00`);

async function seeded() {
  const library = await tempLibrary('usage-');
  saveDocuments(
    library.db,
    [
      { publication: { id: 'luat-dat-dai', kind: 'legal', title: 'Luật Đất đai', number: '31/2024/QH15', fields: ['Đất đai'] }, files: [] },
      { publication: { id: 'luat-hngd', kind: 'legal', title: 'Luật Hôn nhân và gia đình', number: '52/2014/QH13', fields: ['Hôn nhân và gia đình', 'Dân sự'] }, files: [] },
      { publication: { id: 'so-tay', kind: 'guide', title: 'Sổ tay hoà giải ở cơ sở' }, files: [] },
    ],
    at('2025-02-10').toISOString(),
  );
  return library;
}

const columns = (library: Library, table: string) => (library.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe('usage counters', () => {
  it('adds counts per day and counter, and refuses unknown counters and bad counts', async () => {
    const library = await seeded();
    countUsage(library.db, 'kiosk_session', 1, at('2025-03-01'));
    countUsage(library.db, 'kiosk_session', 1, at('2025-03-01'));
    countUsage(library.db, 'page_printed', 12, at('2025-03-01'));
    countUsage(library.db, 'page_printed', 3, at('2025-03-02'));
    expect(library.db.prepare('SELECT day, counter, count FROM usage_days ORDER BY day, counter').all()).toEqual([
      { day: '2025-03-01', counter: 'kiosk_session', count: 2 },
      { day: '2025-03-01', counter: 'page_printed', count: 12 },
      { day: '2025-03-02', counter: 'page_printed', count: 3 },
    ]);
    expect(() => countUsage(library.db, 'visitor_name' as never, 1)).toThrow(RangeError);
    expect(() => countUsage(library.db, 'page_printed', 0)).toThrow(RangeError);
    expect(() => countUsage(library.db, 'page_printed', 1.5)).toThrow(RangeError);
  });

  it('folds, trims and sums no-result terms, masks long digit runs, keeps nothing else', async () => {
    const library = await seeded();
    countNoResult(library.db, '  Thủ tục   LY HÔN ', at('2025-04-01'));
    countNoResult(library.db, 'thu tuc ly hon', at('2025-04-01'));
    countNoResult(library.db, 'Thủ tục ly hôn', at('2025-04-20'));
    countNoResult(library.db, 'trợ cấp 0912345678', at('2025-04-20'));
    countNoResult(library.db, '   ', at('2025-04-20'));
    countNoResult(library.db, 'đ'.repeat(300), at('2025-04-20'));
    expect(noResultTerm('Đăng ký  KẾT HÔN')).toBe('dang ky ket hon');
    expect(noResultTerm('14/2019/QĐ-TTg')).toBe('14/2019/qd-ttg');

    const rows = library.db.prepare('SELECT day, term, count FROM no_result_terms ORDER BY day, term').all();
    expect(rows).toEqual([
      { day: '2025-04-01', term: 'thu tuc ly hon', count: 2 },
      { day: '2025-04-20', term: 'd'.repeat(100), count: 1 },
      { day: '2025-04-20', term: 'thu tuc ly hon', count: 1 },
      { day: '2025-04-20', term: 'tro cap #', count: 1 },
    ]);
    const summary = usageBetween(library.db, '2025-01-01', '2025-12-31');
    expect(summary.noResultTerms[0]).toEqual({ term: 'thu tuc ly hon', count: 3 });
    // Every no-result search counts, even one whose text leaves nothing to keep.
    expect(summary.totals.search_no_result).toBe(6);

    // Only day, counter or term, and a count: no column could hold an address, a session or a person.
    expect(columns(library, 'usage_days')).toEqual(['day', 'counter', 'count']);
    expect(columns(library, 'no_result_terms')).toEqual(['day', 'term', 'count']);
  });

  it('sums per month over the period, with reads, top documents, fields and documents added', async () => {
    const library = await seeded();
    for (let i = 0; i < 5; i += 1) recordRead(library.db, 'luat-dat-dai', at('2025-01-15'));
    for (let i = 0; i < 2; i += 1) recordRead(library.db, 'luat-hngd', at('2025-03-03'));
    recordRead(library.db, 'so-tay', at('2025-03-31'));
    recordRead(library.db, 'luat-dat-dai', at('2024-12-31')); // before the period
    countUsage(library.db, 'search', 4, at('2025-01-02'));
    countUsage(library.db, 'search', 6, at('2025-03-09'));
    countUsage(library.db, 'phone_session', 2, at('2025-03-09'));
    countUsage(library.db, 'search', 100, at('2025-04-01')); // after the period

    const summary = usageBetween(library.db, '2025-01-01', '2025-03-31');
    expect(summary.months.map((m) => [m.month, m.opened, m.counts.search, m.counts.phone_session, m.counts.document_added])).toEqual([
      ['2025-01', 5, 4, 0, 0],
      ['2025-02', 0, 0, 0, 3],
      ['2025-03', 3, 6, 2, 0],
    ]);
    expect(summary.totals).toEqual({
      opened: 8,
      search: 10,
      search_no_result: 0,
      kiosk_session: 0,
      phone_session: 2,
      page_printed: 0,
      document_added: 3,
      document_sent: 0,
    });
    expect(summary.topDocuments).toEqual([
      { id: 'luat-dat-dai', title: 'Luật Đất đai', number: '31/2024/QH15', opened: 5 },
      { id: 'luat-hngd', title: 'Luật Hôn nhân và gia đình', number: '52/2014/QH13', opened: 2 },
      { id: 'so-tay', title: 'Sổ tay hoà giải ở cơ sở', number: null, opened: 1 },
    ]);
    expect(summary.byField).toEqual([
      { field: 'Đất đai', opened: 5 },
      { field: 'Dân sự', opened: 2 },
      { field: 'Hôn nhân và gia đình', opened: 2 },
      { field: null, opened: 1 },
    ]);
    expect(() => usageBetween(library.db, '2025-03-01', '2025-01-01')).toThrow(RangeError);
    expect(() => usageBetween(library.db, '2025-02-30', '2025-03-01')).toThrow(RangeError);
  });

  it('counts a search from the engine only for a first page of a non-empty query, and a no-result when nothing is found', async () => {
    const library = await seeded();
    const handlers = createHandlers(createServices(library));
    const resident = { role: 'anyone', transport: 'http', lang: 'vi' } as const;
    const official = { ...resident, role: 'official' } as const;
    const call = (name: string, input: unknown, ctx: typeof resident | typeof official = resident) =>
      callMethod(contract, handlers, name, input, ctx, vi.fn());

    expect(await call('search', { q: 'đất đai' })).toMatchObject({ ok: true, result: { total: 1 } });
    await call('search', { q: 'đất đai', offset: 20 }); // a next page: not a new search
    await call('search', { q: '' }); // browsing: not a search
    expect(await call('search', { q: 'Thiên văn VŨ TRỤ' })).toMatchObject({ ok: true, result: { total: 0 } });

    expect(await call('usage.record', { counter: 'kiosk_session' })).toEqual({ ok: true, result: { recorded: true } });
    expect(await call('usage.record', { counter: 'page_printed', n: 7 })).toEqual({ ok: true, result: { recorded: true } });
    expect(await call('usage.record', { counter: 'search' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('usage.record', { counter: 'page_printed', n: 501 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const today = new Date();
    const from = `${today.getFullYear()}-01-01`;
    const to = `${today.getFullYear()}-12-31`;
    expect(await call('usage.report', { from, to })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('usage.report', { from: to, to: from }, official)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('usage.report', { from: '2025-13-01', to }, official)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const report = await call('usage.report', { from, to }, official);
    expect(report).toMatchObject({
      ok: true,
      result: {
        totals: { search: 2, search_no_result: 1, kiosk_session: 1, page_printed: 7 },
        noResultTerms: [{ term: 'thien van vu tru', count: 1 }],
      },
    });
  });
});
