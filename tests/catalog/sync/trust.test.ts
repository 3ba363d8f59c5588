/**
 * Trust belongs to the hub's key, not to a location (issue 11): once a station accepted sequence
 * N under a key, an older root signed by that key is refused from any location — a second USB
 * folder (Windows gives the same stick a new drive letter), another URL, a neighbour's /feed/ —
 * and a different root with sequence N is a fork; either way nothing is written. A new location
 * offering the same or a newer root is accepted and continues from where the key left off.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signRoot } from '../../../catalog/feed/root.js';
import { getPublication } from '../../../catalog/publications.js';
import { syncOnce } from '../../../catalog/sync/apply.js';
import { addSource, getSource } from '../../../catalog/sync/sources.js';
import { FolderSource, HttpSource } from '../../../catalog/sync/source.js';
import { saveDocuments } from '../../../catalog/documents.js';
import { addDocument, copyFeed, expectRefused, hubWith, readRoot, serveFeed, stationWithSource } from './fixtures.js';

describe('trust per hub key', () => {
  it('refuses an older root from a second folder and a second URL after a newer one, and a fork from anywhere', async () => {
    const hub = await hubWith(['luat-1', 'luat-2']);
    const old = copyFeed(hub.feedDir); // sequence 1, as an old USB stick keeps it
    // The hub replaces luat-1 (its title says so) and publishes sequence 2.
    const luat1 = getPublication(hub.library.db, 'luat-1')!;
    saveDocuments(hub.library.db, [{ publication: { ...luat1, title: 'Luật số 1 (đã được thay thế)', legalStatus: 'not_in_force' }, files: luat1.files.map((f) => ({ ...f, state: 'present' as const })), keepText: true }]);
    await addDocument(hub.library, 'luat-3', 'Luật 3 thay thế Luật 1', '%PDF-1.4 luật 3');
    await hub.publishNow();

    const { station, row } = await stationWithSource(hub.feedDir, hub.key.publicKeyPath);
    expect(await syncOnce(station, row(), new FolderSource(hub.feedDir))).toMatchObject({ status: 'applied', sequence: 2 });
    expect(getPublication(station.db, 'luat-1')).toMatchObject({ legalStatus: 'not_in_force' });
    const pem = fs.readFileSync(hub.key.publicKeyPath, 'utf8');

    // The old stick under another drive letter: a new source, the same key.
    const usb = addSource(station, { location: old, publicKeys: [pem] });
    const refused = await expectRefused(station, () => syncOnce(station, usb, new FolderSource(old)), 'rollback');
    expect(refused.message).toMatch(/số 1 < 2.*\/ .*\(1 < 2\)/);
    // The same old feed at another address (a mirror, a neighbour station's /feed/).
    const server = await serveFeed(old);
    const url = addSource(station, { location: server.url, publicKeys: [pem] });
    await expectRefused(station, () => syncOnce(station, url, new HttpSource(server.url)), 'rollback');
    expect(getPublication(station.db, 'luat-1')).toMatchObject({ legalStatus: 'not_in_force' });

    // A fork: sequence 2 again with other bytes, signed by the hub's key, offered from a third folder.
    const fork = copyFeed(hub.feedDir);
    const root = readRoot(fork);
    const signed = signRoot({ ...root, createdAt: new Date(Date.parse(root.createdAt) + 1000).toISOString() }, hub.key.privateKey);
    fs.writeFileSync(path.join(fork, signed.signaturePath), signed.signature);
    fs.writeFileSync(path.join(fork, 'root.json'), signed.bytes);
    const third = addSource(station, { location: fork, publicKeys: [pem] });
    await expectRefused(station, () => syncOnce(station, third, new FolderSource(fork)), 'fork');

    // A copy of the current feed in yet another folder is the same root: accepted, nothing to apply.
    const current = copyFeed(hub.feedDir);
    const fourth = addSource(station, { location: current, publicKeys: [pem] });
    expect(await syncOnce(station, fourth, new FolderSource(current))).toMatchObject({ status: 'unchanged' });
    // The hub's next publish reaches the station through that folder, from where the key left off.
    await addDocument(hub.library, 'luat-4', 'Luật 4', '%PDF-1.4 luật 4');
    await hub.publishNow();
    fs.cpSync(hub.feedDir, current, { recursive: true });
    expect(await syncOnce(station, getSource(station, fourth.id), new FolderSource(current))).toMatchObject({ status: 'applied', sequence: 3, added: 1, updated: 0 });
    expect(getSource(station, row().id)).toMatchObject({ last_sequence: 3 });
  });
});
