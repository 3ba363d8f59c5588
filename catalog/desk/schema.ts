/** Schema of the librarian's desk (migration 9). */
export const DESK_SCHEMA = `
  -- Reserved for the librarian's desk; filled in with its first table.
  SELECT 1;
`;
