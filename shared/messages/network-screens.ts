/**
 * Words of the hub's "network use" screen (issue 17, renderer/src/enrolment/NetworkUsagePage.tsx):
 * the use its stations reported over a period, per station or per province, each station's feed
 * cursor beside the hub's last publish, and the network's yearly report to download. The
 * counters' own words are the station's usage screen's (usage.counter.*, ./admin.ts). Merged
 * into shared/messages.ts.
 */

export const networkScreensVi = {
  'official.nav.network': 'Sử dụng toàn mạng',
  'networkUse.lead':
    'Số liệu sử dụng các trạm xã đã gửi lên trạm chủ trong kỳ đã chọn, theo từng trạm hoặc gộp theo tỉnh, thành phố, cùng mức đồng bộ của từng trạm so với bản trạm chủ đã phát hành.',
  'networkUse.by': 'Xem theo',
  'networkUse.byStation': 'Từng trạm',
  'networkUse.byProvince': 'Tỉnh, thành phố',
  'networkUse.summary': 'Kỳ từ {from} đến {to}. Trạm chủ đã phát hành tới bản số {sequence}.',
  'networkUse.tableStations': 'Số liệu sử dụng của từng trạm',
  'networkUse.tableProvinces': 'Số liệu sử dụng theo tỉnh, thành phố',
  'networkUse.colStation': 'Trạm',
  'networkUse.colPlace': 'Xã, phường — tỉnh, thành',
  'networkUse.colProvince': 'Tỉnh, thành phố',
  'networkUse.colReporting': 'Trạm có số liệu',
  'networkUse.reporting': '{reporting} / {stations}',
  'networkUse.colLastReport': 'Báo cáo gần nhất',
  'networkUse.colFeed': 'Đồng bộ',
  'networkUse.colFeedProvince': 'Đồng bộ (trạm chậm nhất)',
  'networkUse.feedCurrent': 'Bản số {sequence}, mới nhất',
  'networkUse.feedBehind': 'Bản số {sequence}, chậm {behind} bản',
  'networkUse.feedUnknown': 'Chưa rõ',
  'networkUse.never': 'Chưa gửi lần nào',
  'networkUse.noProvince': 'Chưa ghi tỉnh, thành phố',
  'networkUse.totalRow': 'Cả mạng lưới',
  'networkUse.empty': 'Chưa có trạm nào được chấp nhận hoặc gửi số liệu trong kỳ này.',
  'networkUse.rows': 'Dòng {first}–{last} trên {total}',
  'networkUse.downloadTitle': 'Tải báo cáo năm của cả mạng lưới',
  'networkUse.downloadLead': 'Báo cáo gồm tổng số, từng tỉnh, thành phố và từng trạm trong kỳ đã chọn, lấy từ số liệu các trạm gửi lên.',
} as const;

export const networkScreensEn: Record<keyof typeof networkScreensVi, string> = {
  'official.nav.network': 'Network use',
  'networkUse.lead':
    'The use the commune stations reported to this hub over the chosen period, per station or summed per province, with how far each station has synced against the hub’s last publish.',
  'networkUse.by': 'Show',
  'networkUse.byStation': 'Each station',
  'networkUse.byProvince': 'Provinces',
  'networkUse.summary': 'From {from} to {to}. The hub has published up to sequence {sequence}.',
  'networkUse.tableStations': 'Use per station',
  'networkUse.tableProvinces': 'Use per province',
  'networkUse.colStation': 'Station',
  'networkUse.colPlace': 'Commune — province',
  'networkUse.colProvince': 'Province',
  'networkUse.colReporting': 'Stations reporting',
  'networkUse.reporting': '{reporting} / {stations}',
  'networkUse.colLastReport': 'Last report',
  'networkUse.colFeed': 'Synced',
  'networkUse.colFeedProvince': 'Synced (furthest behind)',
  'networkUse.feedCurrent': 'Sequence {sequence}, up to date',
  'networkUse.feedBehind': 'Sequence {sequence}, {behind} behind',
  'networkUse.feedUnknown': 'Not known',
  'networkUse.never': 'Never reported',
  'networkUse.noProvince': 'No province given',
  'networkUse.totalRow': 'Whole network',
  'networkUse.empty': 'No station is approved or reported use in this period.',
  'networkUse.rows': 'Rows {first}–{last} of {total}',
  'networkUse.downloadTitle': 'Download the whole network’s yearly report',
  'networkUse.downloadLead': 'The report has the totals, each province and each station over the chosen period, from what the stations reported.',
};
