/**
 * `bookshelf enrol <hub-url>`: asks the hub to enrol this station (catalog/outbox/enrolment.ts),
 * the request signed with the station's own key, made now if it has none; that hub becomes the
 * one uploads and counts go to. The name defaults to the unit name set, the commune and province
 * to the last enrolment's (the commune, else, to the name). Prints the state, the station id and
 * the key fingerprint, which the official reads out to the hub's official to compare with what
 * `bookshelf moderate --stations` shows there. `bookshelf enrol --status` asks the hub now.
 */
import { recordAudit } from '../accounts/audit.js';
import { SETTINGS, getSetting } from '../db/settings.js';
import { onLibrary } from './on-library.js';
import { checkEnrolment, lastPlaces, requestEnrolment } from '../outbox/enrolment.js';
import { HubSigner } from '../outbox/hub-signer.js';
import type { Enrolment } from '../../shared/contract/stations.js';
import { bilingual } from '../../shared/messages.js';
import { plainLine } from '../../shared/text.js';
import { UsageError } from './usage.js';
import { helpSection, labelled } from './words.js';

export const ENROL_HELP = helpSection('enrol', [
  ['--name NAME', 'cli.help.enrol.name'],
  ['--commune NAME', 'cli.help.enrol.commune'],
  ['--province NAME', 'cli.help.enrol.province'],
  ['--status', 'cli.help.enrol.status'],
  ['--json', 'cli.help.json'],
]);

export interface EnrolFlags {
  libraryDir: string;
  hubUrl?: string;
  name?: string;
  commune?: string;
  province?: string;
  status: boolean;
  json: boolean;
}

/** The fingerprint in groups of four, easier to read out over the telephone. */
export const groupedFingerprint = (fingerprint: string) => fingerprint.match(/.{1,4}/g)?.join(' ') ?? fingerprint;

function lines(enrolment: Enrolment): string {
  const said = [
    labelled('cli.outbox.hub', enrolment.hubUrl ?? '—'),
    labelled('cli.enrol.station', enrolment.stationId),
    labelled('cli.enrol.fingerprint', groupedFingerprint(enrolment.fingerprint)),
    labelled('cli.enrol.state', bilingual({ key: `stationState.${enrolment.state}` })),
  ];
  if (enrolment.refusal) said.push(labelled('cli.enrol.refusal', bilingual(enrolment.refusal)));
  return `${said.map(plainLine).join('\n')}\n`;
}

export async function runEnrol(flags: EnrolFlags, write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  if (flags.status === (flags.hubUrl !== undefined)) throw new UsageError('bookshelf enrol <HUB-URL> [--name NAME] [--commune NAME] [--province NAME] | bookshelf enrol --status');
  return onLibrary(flags.libraryDir, async (library) => {
    const signer = new HubSigner(library);
    let enrolment: Enrolment;
    if (flags.status) {
      enrolment = await checkEnrolment(library, signer);
    } else {
      const last = lastPlaces(library);
      const name = flags.name ?? last?.name ?? getSetting(library.db, SETTINGS.libraryName);
      if (!name?.trim()) throw new UsageError(`${bilingual({ key: 'cli.usage.needs' })} --name NAME`);
      const province = flags.province ?? last?.province;
      if (!province?.trim()) throw new UsageError(`${bilingual({ key: 'cli.usage.needs' })} --province NAME`);
      const input = { hubUrl: flags.hubUrl, name, commune: flags.commune ?? last?.commune ?? name, province };
      enrolment = await requestEnrolment(library, signer, input);
      recordAudit(library.db, null, 'cli.enrolment.request', JSON.stringify(input));
    }
    write(flags.json ? `${JSON.stringify(enrolment)}\n` : lines(enrolment));
    return 0;
  });
}
