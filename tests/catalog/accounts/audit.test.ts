/**
 * The audit log: audited contract methods are logged after they succeed (not when refused or
 * failing), with the caller and the input without secrets; officials search it by words with or
 * without diacritics, by person and by dates.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeInput, listAudit, recordAudit, withAudit } from '../../../catalog/accounts/audit.js';
import type { CallContext, Handlers } from '../../../shared/call.js';
import type { ContractTable } from '../../../shared/contract.js';
import { tempLibrary } from '../../helpers/temp-library.js';

const table = {
  'notes.write': { access: 'librarian', audited: true, summary: 'Writes.', input: z.object({ text: z.string(), password: z.string().optional() }), output: undefined as unknown as { ok: boolean } },
  'notes.read': { access: 'librarian', summary: 'Reads.', input: z.object({}), output: undefined as unknown as string[] },
} satisfies ContractTable;

const librarian: CallContext = { role: 'librarian', transport: 'http', lang: 'vi', user: { id: 4, username: 'thuthu', displayName: 'Thư', role: 'librarian' } };

describe('the audit log', () => {
  it('logs audited methods after success only, with the caller, secrets hidden', async () => {
    const library = await tempLibrary('audit-');
    library.db.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (4, 'thuthu', 'Thư', 'librarian', 'x', '2026-01-01')").run();
    const handlers: Handlers<typeof table> = {
      'notes.write': (input) => {
        if (input.text === 'fail') throw new Error('disk full');
        return { ok: true };
      },
      'notes.read': () => [],
    };
    const audited = withAudit(table, library.db, handlers);
    await audited['notes.write']({ text: 'Quyết định về đất đai', password: 'bí mật' }, librarian);
    await expect(audited['notes.write']({ text: 'fail' }, librarian)).rejects.toThrow('disk full');
    await audited['notes.read']({}, librarian);
    const page = listAudit(library.db, { q: '', offset: 0, limit: 10 });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ userId: 4, username: 'thuthu', action: 'notes.write' });
    expect(page.items[0].detail).toBe('{"text":"Quyết định về đất đai","password":"***"}');
  });

  it('searches by folded words, person and dates, newest first, with paging', async () => {
    const library = await tempLibrary('audit-search-');
    const a = { id: 1, username: 'canbo' };
    const b = { id: 2, username: 'thuthu' };
    library.db.exec("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'canbo', 'C', 'official', 'x', '2026'), (2, 'thuthu', 'T', 'librarian', 'x', '2026')");
    recordAudit(library.db, a, 'sync.addSource', '{"location":"https://hub.example/feed/"}', new Date('2026-03-01T10:00:00Z'));
    recordAudit(library.db, b, 'desk.save', '{"title":"Công văn về đường giao thông"}', new Date('2026-03-02T10:00:00Z'));
    recordAudit(library.db, b, 'desk.save', '{"title":"Quyết định đất đai"}', new Date('2026-04-15T10:00:00Z'));
    const q = (query: Partial<Parameters<typeof listAudit>[1]>) => listAudit(library.db, { q: '', offset: 0, limit: 10, ...query });
    expect(q({ q: 'duong giao' }).items.map((e) => e.id)).toEqual([2]);
    expect(q({ q: 'Đường' }).items.map((e) => e.id)).toEqual([2]);
    expect(q({ userId: 2 }).items.map((e) => e.id)).toEqual([3, 2]);
    expect(q({ from: '2026-03-02', to: '2026-03-31' }).items.map((e) => e.id)).toEqual([2]);
    expect(q({ to: '2026-03-01' }).items.map((e) => e.id)).toEqual([1]);
    expect(q({ limit: 1, offset: 1 })).toMatchObject({ total: 3, items: [{ id: 2 }] });
  });

  it('shortens long inputs to one line of at most 500 characters', () => {
    expect(describeInput({ text: 'x'.repeat(2000) })).toHaveLength(500);
    expect(describeInput({ nested: { currentPassword: 'a', next: 'b' } })).toBe('{"nested":{"currentPassword":"***","next":"***"}}');
  });
});
