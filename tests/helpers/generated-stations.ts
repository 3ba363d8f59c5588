/**
 * A hub's register filled with generated stations, written straight into hub_stations (the
 * enrolment route would bound the pending ones): station `i` is "Xã <name> <i>" in one of the 34
 * provinces of 2025, in turn; every tenth is pending, every seventh refused, every thirteenth
 * revoked, the rest approved (in that order of precedence). Names and provinces carry their
 * diacritics, so a search typed without them has something to fold.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../catalog/db/open.js';
import type { HubStationState } from '../../shared/contract/stations.js';

export const PROVINCES_2025 = [
  'Thành phố Hà Nội', 'Thành phố Huế', 'Tỉnh Lai Châu', 'Tỉnh Điện Biên', 'Tỉnh Sơn La', 'Tỉnh Lạng Sơn', 'Tỉnh Quảng Ninh',
  'Tỉnh Thanh Hóa', 'Tỉnh Nghệ An', 'Tỉnh Hà Tĩnh', 'Tỉnh Cao Bằng', 'Tỉnh Tuyên Quang', 'Tỉnh Lào Cai', 'Tỉnh Thái Nguyên',
  'Tỉnh Phú Thọ', 'Tỉnh Bắc Ninh', 'Tỉnh Hưng Yên', 'Thành phố Hải Phòng', 'Tỉnh Ninh Bình', 'Tỉnh Quảng Trị', 'Thành phố Đà Nẵng',
  'Tỉnh Quảng Ngãi', 'Tỉnh Gia Lai', 'Tỉnh Khánh Hòa', 'Tỉnh Lâm Đồng', 'Tỉnh Đắk Lắk', 'Thành phố Hồ Chí Minh', 'Tỉnh Đồng Nai',
  'Tỉnh Tây Ninh', 'Thành phố Cần Thơ', 'Tỉnh Vĩnh Long', 'Tỉnh Đồng Tháp', 'Tỉnh Cà Mau', 'Tỉnh An Giang',
] as const;

const NAMES = ['Hòa Bình', 'Tân Dân', 'An Phú', 'Yên Lạc', 'Đông Hưng', 'Phước Long', 'Quảng Điền', 'Thạch Đà', 'Mường Tè', 'Ea Súp', 'Bình Minh'] as const;

export interface GeneratedStation {
  stationId: string;
  name: string;
  commune: string;
  province: string;
  state: HubStationState;
}

export function generatedStation(i: number): GeneratedStation {
  const commune = `Xã ${NAMES[i % NAMES.length]} ${i}`;
  const state: HubStationState = i % 10 === 0 ? 'pending' : i % 7 === 0 ? 'refused' : i % 13 === 0 ? 'revoked' : 'approved';
  return { stationId: i.toString(16).padStart(32, '0'), name: `Điểm truy cập ${commune}`, commune, province: PROVINCES_2025[i % PROVINCES_2025.length], state };
}

/** Writes `count` generated stations (ids 0…count-1) into the hub's register, in one transaction; returns them. */
export function generateStations(db: Db, count: number): GeneratedStation[] {
  const stations = Array.from({ length: count }, (_, i) => generatedStation(i));
  const insert = db.prepare(
    `INSERT INTO hub_stations (station_id, name, commune, province, public_key, state, requested_at, decided_at, decided_by)
     VALUES (@stationId, @name, @commune, @province, @publicKey, @state, @requestedAt, @decidedAt, @decidedBy)`,
  );
  db.transaction(() => {
    stations.forEach((station, i) => {
      const requestedAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      const decided = station.state !== 'pending';
      insert.run({ ...station, publicKey: randomBytes(32).toString('base64url'), requestedAt, decidedAt: decided ? requestedAt : null, decidedBy: decided ? 'canbo' : null });
    });
  })();
  return stations;
}
