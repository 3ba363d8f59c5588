/** The description rules shared by the form and the engine, and the draft of a page that is not a legal header. */
import { describe, expect, it } from 'vitest';
import { draftFrom } from '../../../catalog/desk/describe.js';
import { descriptionProblems, isDocumentNumber } from '../../../shared/desk.js';

describe('description rules', () => {
  it('accepts whole document numbers only', () => {
    for (const number of ['14/2019/QĐ-TTg', '91/2015/QH13', '123/QĐ-UBND', '2500/BTP-PBGDPL', '12/2022/TT-BLĐTBXH', '14 / 2019 / QĐ-TTg']) expect(isDocumentNumber(number), number).toBe(true);
    for (const number of ['14/2019', '2019', 'QĐ-TTg', 'Nghị định 14/2019/NĐ-CP', '14/2019/QĐ-TTg và 15/2019/QĐ-TTg', '']) expect(isDocumentNumber(number), number).toBe(false);
  });

  it('asks a legal document for its type and issuer, and dates in order', () => {
    expect(descriptionProblems({ kind: 'guide', title: 'Sổ tay' })).toEqual([]);
    expect(descriptionProblems({ kind: 'legal', title: 'Quyết định', number: '14/2019', issuedDate: '2019-03-05', effectiveDate: '2019-01-01' }).map((p) => p.path)).toEqual([
      'number',
      'docType',
      'issuer',
      'effectiveDate',
    ]);
  });
});

describe('draft of a page without a legal header', () => {
  it('is a guide titled by its first real line, past the gazette header and page numbers', () => {
    const draft = draftFrom({ firstPage: '52\n\nCÔNG BÁO/Số 603 + 604/Ngày 20-7-2022\n\nHướng dẫn hoà giải ở cơ sở\nnội dung…', format: 'pdf' });
    expect(draft).toMatchObject({ kind: 'guide', title: 'Hướng dẫn hoà giải ở cơ sở', language: 'vi' });
    expect(draftFrom({ firstPage: '', format: 'pdf' })).toEqual({ kind: 'guide', legalStatus: 'unknown', fields: [], language: 'vi' });
  });
});
