/** A key fingerprint (sha256 hex) in groups of 4, upper case: what two officials read to each other by phone. */
export function fingerprintGroups(hex: string): string[] {
  return hex.toUpperCase().match(/.{1,4}/g) ?? [];
}
