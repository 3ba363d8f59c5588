/** Reads a JSON response body loosely typed, for assertions on API answers in tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export async function jsonBody(response: Response): Promise<Loose> {
  return response.json();
}
