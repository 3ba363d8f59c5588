/**
 * `bookshelf moderate --stations`: a hub's stations from a terminal — the stations that asked to
 * enrol (pending first) with their commune, province, state and key fingerprint (to compare with
 * what the station's official reads out), and an official's decision on one: `--approve ID`,
 * `--refuse ID`, `--revoke ID` (a revocation drops the station's uploads waiting or unfinished).
 * A hub has thousands: the list comes a page of 50 at a time (`--page N`, or `--all`), with the
 * page it is and how many there are, and `--province NAME` (exactly as stations wrote it) keeps
 * one province's. Each decision is audited; what a station wrote is printed plain (no terminal escapes).
 */
import os from 'node:os';
import { recordAudit } from '../accounts/audit.js';
import { onLibrary } from './on-library.js';
import { approveStation, refuseStation, revokeStation } from '../hub/stations.js';
import { listStations } from '../hub/station-list.js';
import type { StationFilter } from '../hub/station-list.js';
import { STATIONS_PAGE_MAX, STATIONS_PAGE_SIZE } from '../../shared/contract/stations.js';
import type { HubStation, StationDecision, StationList } from '../../shared/contract/stations.js';
import { bilingual } from '../../shared/messages.js';
import { plainLine } from '../../shared/text.js';
import { groupedFingerprint } from './enrol.js';
import { UsageError } from './usage.js';

export interface StationFlags {
  libraryDir: string;
  approve?: string;
  refuse?: string;
  revoke?: string;
  json: boolean;
  /** The list: one province's stations (exactly as written), page N (from 1) of 50, or every page. */
  province?: string;
  page?: string;
  all?: boolean;
}

/** The page asked for (from 1), or why it is no page. */
function pageNumber(page: string | undefined): number {
  if (page === undefined) return 1;
  const number = /^\d{1,6}$/.test(page) ? Number(page) : 0;
  if (number < 1) throw new UsageError(`--page ${bilingual({ key: 'cli.usage.numberRange', params: { min: 1, max: 999999 } })}`);
  return number;
}

/** Every page of the list, read 200 at a time. */
function everyStation(library: Parameters<typeof listStations>[0], filter: StationFilter): StationList {
  const first = listStations(library, { ...filter, limit: STATIONS_PAGE_MAX });
  const stations = [...first.stations];
  while (stations.length < first.total) {
    const next = listStations(library, { ...filter, offset: stations.length, limit: STATIONS_PAGE_MAX }).stations;
    if (next.length === 0) break;
    stations.push(...next);
  }
  return { ...first, stations };
}

function line(station: HubStation): string {
  const state = bilingual({ key: `stationState.${station.state}` });
  const where = [...new Set([station.name, station.commune, station.province].filter(Boolean).map(plainLine))].join(', ');
  const key = station.fingerprint ? `\n      ${bilingual({ key: 'cli.moderate.fingerprint' })}: ${groupedFingerprint(station.fingerprint)}` : '';
  const seen = station.lastSeenAt ? `  (${bilingual({ key: 'cli.moderate.lastSeen' })} ${station.lastSeenAt})` : '';
  return `${station.stationId}  ${state}  ${where}${seen}${key}`;
}

/** Which page this is, of how many, and how to see the others. */
function pageLine(list: StationList, page: number): string {
  const first = (page - 1) * STATIONS_PAGE_SIZE;
  const params = { page, pages: Math.max(1, Math.ceil(list.total / STATIONS_PAGE_SIZE)), first: Math.min(first + 1, list.total), last: first + list.stations.length, total: list.total };
  return bilingual({ key: 'cli.moderate.stationsPage', params });
}

export async function runModerateStations(flags: StationFlags, write: (text: string) => void): Promise<number> {
  const decisions = (['approve', 'refuse', 'revoke'] as const).filter((name) => flags[name] !== undefined);
  if (decisions.length > 1) throw new UsageError(`${bilingual({ key: 'cli.usage.onlyOneOf' })} --approve, --refuse, --revoke`);
  const listing = flags.province !== undefined || flags.page !== undefined || flags.all === true;
  if (decisions.length > 0 && listing) throw new UsageError(`--province, --page, --all ${bilingual({ key: 'cli.usage.onlyWith' })} --stations`);
  if (flags.page !== undefined && flags.all) throw new UsageError(`${bilingual({ key: 'cli.usage.onlyOneOf' })} --page, --all`);
  const page = pageNumber(flags.page);
  const by = `cli:${os.userInfo().username}`;
  return onLibrary(flags.libraryDir, async (library) => {
    const [decision] = decisions;
    if (decision) {
      const id = flags[decision] as string;
      const done: StationDecision =
        decision === 'approve' ? approveStation(library, id, by) : decision === 'refuse' ? refuseStation(library, id, by) : await revokeStation(library, id, by);
      recordAudit(library.db, null, `cli.stations.${decision}`, JSON.stringify({ stationId: id, name: done.station.name, by, droppedUploads: done.droppedUploads }));
      const said =
        decision === 'approve'
          ? bilingual({ key: 'cli.moderate.stationApproved' })
          : decision === 'refuse'
            ? bilingual({ key: 'cli.moderate.stationRefused' })
            : bilingual({ key: 'cli.moderate.stationRevoked', params: { dropped: done.droppedUploads } });
      write(flags.json ? `${JSON.stringify(done)}\n` : `${said}: ${line(done.station)}\n`);
      return 0;
    }
    const filter: StationFilter = { province: flags.province };
    const list = flags.all ? everyStation(library, filter) : listStations(library, { ...filter, offset: (page - 1) * STATIONS_PAGE_SIZE, limit: STATIONS_PAGE_SIZE });
    if (flags.json) write(`${JSON.stringify(list)}\n`);
    else if (list.total === 0) write(`${bilingual({ key: 'cli.moderate.noStations' })}\n`);
    else write(`${list.stations.map(line).join('\n')}${list.stations.length ? '\n' : ''}${flags.all ? '' : `${pageLine(list, page)}\n`}`);
    return 0;
  });
}
