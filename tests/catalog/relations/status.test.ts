/**
 * The status derived from a document's effective date and the documents acting on it
 * (catalog/relations/status.ts), and the reason given, case by case.
 */
import { describe, expect, it } from 'vitest';
import { deriveStatus } from '../../../catalog/relations/status.js';
import type { ActingDocument } from '../../../catalog/relations/status.js';
import { say } from '../../../shared/messages.js';

const LAW_2014 = { kind: 'legal', legalStatus: 'unknown', effective: '2016-01-01' } as const;
const replacing: ActingDocument = { kind: 'replaces', scope: 'whole', effective: '2025-07-01', title: 'Luật Bảo hiểm xã hội', number: '41/2024/QH15' };
const amending: ActingDocument = { kind: 'amends', scope: 'part', effective: '2021-01-01', title: 'Bộ luật Lao động', number: '45/2019/QH14' };
const said = (reason: ReturnType<typeof deriveStatus>['reason']) => (reason ? say('vi', reason) : null);

describe('deriveStatus', () => {
  it('is in force from its effective date, not yet in force before it, unknown without one', () => {
    expect(deriveStatus(LAW_2014, [], '2020-05-05')).toEqual({ status: 'in_force', reason: { key: 'relations.inForceSince', params: { date: '01/01/2016' } }, until: null });
    const before = deriveStatus(LAW_2014, [], '2015-12-31');
    expect(before).toMatchObject({ status: 'not_yet_in_force', until: '2016-01-01' });
    expect(said(before.reason)).toBe('Chưa có hiệu lực; có hiệu lực từ 01/01/2016');
    expect(deriveStatus({ ...LAW_2014, effective: null }, [], '2020-05-05')).toEqual({ status: 'unknown', reason: null, until: null });
  });

  it('is no longer in force once the document replacing it whole is in effect, and says so until then', () => {
    const after = deriveStatus(LAW_2014, [replacing, amending], '2025-07-01');
    expect(after).toMatchObject({ status: 'not_in_force', until: null });
    expect(said(after.reason)).toBe('Hết hiệu lực từ 01/07/2025, thay thế bởi Luật Bảo hiểm xã hội 41/2024/QH15');
    const before = deriveStatus(LAW_2014, [replacing, amending], '2025-06-30');
    expect(before).toMatchObject({ status: 'partly_in_force', until: '2025-07-01' });
    expect(said(before.reason)).toBe('Sẽ hết hiệu lực từ 01/07/2025 theo Luật Bảo hiểm xã hội 41/2024/QH15');
  });

  it('is partly in force once a document amending it, or replacing or repealing a part of it, is in effect: the latest is named', () => {
    const repealing: ActingDocument = { kind: 'repeals', scope: 'part', effective: '2023-03-01', title: 'Nghị định số 5/2023/NĐ-CP', number: '5/2023/NĐ-CP' };
    const derived = deriveStatus(LAW_2014, [amending, repealing], '2024-01-01');
    expect(derived.status).toBe('partly_in_force');
    // A title that already says its number does not say it twice.
    expect(said(derived.reason)).toBe('Một phần bị bãi bỏ bởi Nghị định số 5/2023/NĐ-CP từ 01/03/2023');
    expect(say('en', derived.reason!)).toBe('Partly repealed by Nghị định số 5/2023/NĐ-CP since 01/03/2023');
  });

  it('decides nothing from a document whose effective date is not known', () => {
    expect(deriveStatus(LAW_2014, [{ ...replacing, effective: null }], '2030-01-01').status).toBe('in_force');
  });

  it('derives none for a book, a guide or a Q&A: only a status given', () => {
    expect(deriveStatus({ ...LAW_2014, kind: 'guide' }, [replacing], '2026-01-01')).toEqual({ status: 'unknown', reason: null, until: null });
    expect(deriveStatus({ ...LAW_2014, kind: 'qa', legalStatus: 'in_force' }, [], '2026-01-01').status).toBe('in_force');
  });

  it('shows a status given by a feed, a hub or an official, with the reason only where the derivation agrees', () => {
    expect(deriveStatus({ ...LAW_2014, legalStatus: 'in_force' }, [replacing], '2026-01-01')).toEqual({ status: 'in_force', reason: null, until: null });
    expect(said(deriveStatus({ ...LAW_2014, legalStatus: 'not_in_force' }, [replacing], '2026-01-01').reason)).toMatch(/^Hết hiệu lực từ 01\/07\/2025/);
  });
});
