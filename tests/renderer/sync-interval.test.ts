/** A sync schedule in words people use (issue 16: a weekly schedule read "Mỗi 168 giờ"). */
import { describe, expect, it } from 'vitest';
import { say } from '../../shared/messages.js';
import { intervalWords } from '../../renderer/src/official/sync/interval.js';

describe('a sync interval in words', () => {
  it('says hours, days and weeks as people do', () => {
    const vi = (minutes: number) => say('vi', intervalWords(minutes));
    expect([60, 360, 720, 1440, 10080].map(vi)).toEqual(['Mỗi giờ', 'Mỗi 6 giờ', 'Mỗi 12 giờ', 'Mỗi ngày', 'Mỗi tuần']);
    expect([2880, 20160, 90, 30].map(vi)).toEqual(['Mỗi 2 ngày', 'Mỗi 2 tuần', 'Mỗi 90 phút', 'Mỗi 30 phút']);
    expect([60, 10080, 2880].map((minutes) => say('en', intervalWords(minutes)))).toEqual(['Every hour', 'Every week', 'Every 2 days']);
  });
});
