import "server-only";

/**
 * A request body's bytes, counted while reading: null (and the stream cancelled) as soon as it
 * passes `cap`, so a client that lies in Content-Length or sends none cannot make us hold more.
 */
export async function readBodyCapped(body: ReadableStream<Uint8Array>, cap: number): Promise<Buffer | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
