import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { callMethod } from '../../shared/call.js';
import { AppError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { Handlers } from '../../shared/call.js';
import type { MethodSpec } from '../../shared/contract.js';

const table = {
  'demo.echo': { access: 'anyone', summary: 'echo', input: z.object({ text: z.string().max(5) }).strict(), output: '' as string },
  'demo.secret': { access: 'librarian', summary: 'secret', input: z.object({}).strict(), output: 0 as number },
  'demo.crash': { access: 'anyone', summary: 'crash', input: z.object({}).strict(), output: 0 as number },
  'demo.refuse': { access: 'anyone', summary: 'refuse', input: z.object({}).strict(), output: 0 as number },
} satisfies Record<string, MethodSpec>;

const handlers: Handlers<typeof table> = {
  'demo.echo': (input) => input.text,
  'demo.secret': () => 42,
  'demo.crash': () => {
    throw new Error('SQLITE_CORRUPT at /secret/path');
  },
  'demo.refuse': () => {
    throw new AppError('not_found', { key: 'sync.noSuchSource', params: { id: 7 } }, [{ path: 'description.number', ref: { key: 'desk.numberFormat', params: { number: '12' } } }]);
  },
};

const anon = { role: 'anyone', transport: 'http', lang: 'vi' } as const;

describe('callMethod', () => {
  it('validates input and returns the result', async () => {
    expect(await callMethod(table, handlers, 'demo.echo', { text: 'xin' }, anon, vi.fn())).toEqual({ ok: true, result: 'xin' });
  });

  it('refuses invalid input with details in the caller’s language', async () => {
    const vi_ = await callMethod(table, handlers, 'demo.echo', { text: 'quá dài rồi' }, anon, vi.fn());
    expect(vi_).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Yêu cầu không hợp lệ.' } });
    expect(!vi_.ok && vi_.error.details?.[0].path).toBe('text');
    const en = await callMethod(table, handlers, 'demo.echo', { text: 1 }, { ...anon, lang: 'en' }, vi.fn());
    expect(!en.ok && en.error.message).toBe('The request is not valid.');
    expect(!en.ok && en.error.details?.[0].message).toMatch(/expected string/i);
  });

  it('refuses unknown fields and unknown methods, including inherited names', async () => {
    expect(await callMethod(table, handlers, 'demo.echo', { text: 'a', extra: 1 }, anon, vi.fn())).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await callMethod(table, handlers, 'toString', {}, anon, vi.fn())).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await callMethod(table, handlers, '__proto__', {}, anon, vi.fn())).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('refuses a librarian method to an anonymous caller and allows it to a librarian or official', async () => {
    expect(await callMethod(table, handlers, 'demo.secret', {}, anon, vi.fn())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await callMethod(table, handlers, 'demo.secret', {}, { ...anon, role: 'librarian' }, vi.fn())).toEqual({ ok: true, result: 42 });
    expect(await callMethod(table, handlers, 'demo.secret', {}, { ...anon, role: 'official' }, vi.fn())).toEqual({ ok: true, result: 42 });
  });

  it('reports unexpected errors to the log and hides them from the caller', async () => {
    const log = vi.fn();
    const envelope = await callMethod(table, handlers, 'demo.crash', {}, anon, log);
    expect(envelope).toEqual({ ok: false, error: { code: 'internal', key: 'error.internal', message: 'Lỗi hệ thống. Vui lòng thử lại sau.' } });
    expect(JSON.stringify(envelope)).not.toContain('/secret/path');
    expect(log).toHaveBeenCalledOnce();
  });

  it("words an engine error's reference, and its details, in the caller's language only, and keeps the reference", async () => {
    const number = { key: 'desk.numberFormat', params: { number: '12' } } as const;
    for (const lang of ['vi', 'en'] as const) {
      const envelope = await callMethod(table, handlers, 'demo.refuse', {}, { ...anon, lang }, vi.fn());
      expect(envelope).toEqual({
        ok: false,
        error: {
          code: 'not_found',
          key: 'sync.noSuchSource',
          params: { id: 7 },
          message: say(lang, { key: 'sync.noSuchSource', params: { id: 7 } }),
          details: [{ path: 'description.number', message: say(lang, number) }],
        },
      });
      expect(JSON.stringify(envelope)).not.toContain(' / ');
    }
    expect(say('en', { key: 'sync.noSuchSource', params: { id: 7 } })).not.toBe(say('vi', { key: 'sync.noSuchSource', params: { id: 7 } }));
  });
});
