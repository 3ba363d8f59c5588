/** Schema of the outbox and the hub's moderation queue (migration 10). */
export const OUTBOX_SCHEMA = `
  -- Reserved for the outbox; filled in with its first table.
  SELECT 1;
`;
