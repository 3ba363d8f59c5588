/**
 * A station enrolled with a hub and approved there, as every test that sends to a hub needs
 * (issue 17: a hub takes nothing unsigned or from a station it has not approved). The station
 * asks over HTTP, signed with its own key, exactly as `bookshelf enrol` does; the hub's official
 * approves it in the hub's library (open in the test, or its folder when a `bookshelf serve
 * --hub` process holds it); the station then asks again, so it knows it is approved.
 */
import { approveStation } from '../../catalog/hub/stations.js';
import { Library } from '../../catalog/library.js';
import { checkEnrolment, requestEnrolment } from '../../catalog/outbox/enrolment.js';
import { HubSigner } from '../../catalog/outbox/hub-signer.js';
import { stationId } from '../../catalog/outbox/settings.js';
import type { Enrolment } from '../../shared/contract/stations.js';

export interface Places {
  name: string;
  commune: string;
  province: string;
}

export const PLACES: Places = { name: 'Xã Hòa Bình', commune: 'Xã Hòa Bình', province: 'Tỉnh Phú Thọ' };

/** Asks `hubUrl` to enrol `station` (which then sends there); returns the hub's answer as the station keeps it. */
export function askToEnrol(station: Library, hubUrl: string, places: Partial<Places> = {}): Promise<Enrolment> {
  return requestEnrolment(station, new HubSigner(station), { hubUrl, ...PLACES, ...places });
}

/** Enrols `station` with the hub at `hubUrl` and approves it in the hub's library (or its folder). */
export async function enrolApproved(station: Library, hubUrl: string, hub: Library | string, places: Partial<Places> = {}): Promise<Enrolment> {
  await askToEnrol(station, hubUrl, places);
  const hubLibrary = typeof hub === 'string' ? await Library.open(hub) : hub;
  try {
    approveStation(hubLibrary, stationId(station), 'official');
  } finally {
    if (typeof hub === 'string') hubLibrary.close();
  }
  return checkEnrolment(station, new HubSigner(station));
}
