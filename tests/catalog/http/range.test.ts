import { describe, expect, it } from 'vitest';
import { parseRange } from '../../../catalog/http/range.js';

describe('parseRange', () => {
  it('reads single byte ranges', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=95-500', 100)).toEqual({ kind: 'partial', start: 95, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
  });

  it('says when a range cannot be satisfied', () => {
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-0', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores absent, malformed and multi-part headers (whole file)', () => {
    for (const header of [null, '', 'bytes=', 'bytes=-', 'items=0-5', 'bytes=5-2', 'bytes=0-1,3-4', 'bytes=a-b', `bytes=${'0-1,'.repeat(1000)}0-1`]) {
      expect(parseRange(header, 100), String(header)).toEqual({ kind: 'full' });
    }
  });
});
