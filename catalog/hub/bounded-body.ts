/** A request's body read whole, up to a bound: for the checks that need all of it before handing the request on. */

/** The request body, or null when it is longer than `max` bytes (the rest is not read). A cut link rejects. */
export async function boundedBody(request: Request, max: number): Promise<Buffer | null> {
  const reader = request.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    total += value.length;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}
