/**
 * Read buffers of one size, reused: reading a long input makes no garbage. `take` gives a
 * spare buffer or a new one; `give` takes back a chunk once nothing uses it any more — only a
 * whole buffer of this pool's own (a Buffer this size has its memory to itself), anything
 * else is left alone.
 */
export function chunkPool(size: number): { take: () => Buffer; give: (chunk: Uint8Array) => void } {
  const mine = new WeakSet<ArrayBufferLike>();
  const spare: Buffer[] = [];
  return {
    take: () => {
      const spared = spare.pop();
      if (spared) return spared;
      const buffer = Buffer.allocUnsafe(size);
      mine.add(buffer.buffer);
      return buffer;
    },
    give: (chunk) => {
      if (chunk.byteOffset === 0 && chunk.buffer.byteLength === size && mine.has(chunk.buffer)) spare.push(Buffer.from(chunk.buffer, 0, size));
    },
  };
}
