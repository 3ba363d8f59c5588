/** A sync schedule's interval in words a person uses: "Mỗi giờ", "Mỗi 6 giờ", "Mỗi ngày", "Mỗi tuần", not "Mỗi 168 giờ". */
import type { MessageRef } from '../../../../shared/messages.js';

const HOUR = 60;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export function intervalWords(minutes: number): MessageRef {
  if (minutes % WEEK === 0) return minutes === WEEK ? { key: 'sync.intervalWeek' } : { key: 'sync.intervalWeeks', params: { weeks: minutes / WEEK } };
  if (minutes % DAY === 0) return minutes === DAY ? { key: 'sync.intervalDay' } : { key: 'sync.intervalDays', params: { days: minutes / DAY } };
  if (minutes % HOUR === 0) return minutes === HOUR ? { key: 'sync.intervalHour' } : { key: 'sync.intervalHours', params: { hours: minutes / HOUR } };
  return { key: 'sync.intervalMinutes', params: { minutes } };
}
