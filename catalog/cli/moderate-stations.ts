/**
 * `bookshelf moderate --stations`: a hub's stations from a terminal — the stations that asked to
 * enrol (pending first) with their commune, province, state and key fingerprint (to compare with
 * what the station's official reads out), and an official's decision on one: `--approve ID`,
 * `--refuse ID`, `--revoke ID` (a revocation drops the station's uploads waiting or unfinished).
 * Each decision is audited; what a station wrote is printed plain (no terminal escapes).
 */
import os from 'node:os';
import { recordAudit } from '../accounts/audit.js';
import { onLibrary } from './on-library.js';
import { approveStation, listStations, refuseStation, revokeStation } from '../hub/stations.js';
import type { HubStation, StationDecision } from '../../shared/contract/stations.js';
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
}

function line(station: HubStation): string {
  const state = bilingual({ key: `stationState.${station.state}` });
  const where = [...new Set([station.name, station.commune, station.province].filter(Boolean).map(plainLine))].join(', ');
  const key = station.fingerprint ? `\n      ${bilingual({ key: 'cli.moderate.fingerprint' })}: ${groupedFingerprint(station.fingerprint)}` : '';
  const seen = station.lastSeenAt ? `  (${bilingual({ key: 'cli.moderate.lastSeen' })} ${station.lastSeenAt})` : '';
  return `${station.stationId}  ${state}  ${where}${seen}${key}`;
}

export async function runModerateStations(flags: StationFlags, write: (text: string) => void): Promise<number> {
  const decisions = (['approve', 'refuse', 'revoke'] as const).filter((name) => flags[name] !== undefined);
  if (decisions.length > 1) throw new UsageError(`${bilingual({ key: 'cli.usage.onlyOneOf' })} --approve, --refuse, --revoke`);
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
    const stations = listStations(library);
    if (flags.json) write(`${JSON.stringify(stations)}\n`);
    else write(`${stations.length ? stations.map(line).join('\n') : bilingual({ key: 'cli.moderate.noStations' })}\n`);
    return 0;
  });
}
