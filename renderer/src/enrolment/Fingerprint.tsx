/**
 * A station's key fingerprint as both ends show it: groups of 4 characters, four to a line, large
 * and in a fixed-width face, so an official at a station can read it out by phone and the hub's
 * official can follow it group by group. The groups are spaced in the text too (a screen reader
 * reads them one by one; a test compares them as written).
 */
import { Fragment } from 'react';
import { fingerprintGroups } from './fingerprint.js';

export function Fingerprint({ hex, testId }: { hex: string; testId?: string }) {
  return (
    <p className="fingerprint" data-testid={testId}>
      {fingerprintGroups(hex).map((group, i) => (
        <Fragment key={i}>
          {i > 0 && ' '}
          <span className="fingerprint-group">{group}</span>
        </Fragment>
      ))}
    </p>
  );
}
