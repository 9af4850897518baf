/** A small seeded generator (Park–Miller): the same seed gives the same mutations on every run. */
export function seeded(seed: number): (n: number) => number {
  let state = seed % 2147483647 || 1;
  return (n) => ((state = (state * 16807) % 2147483647), state % n);
}

/**
 * A copy of `bytes` with 1–8 damages of the kinds real corruption and crafted files bring: a
 * random byte, a 16-bit field set to 0 or 0xffff, a 32-bit field set to 0, 1, 2^31−1 or 2^32−1
 * (lengths, counts and offsets are such fields).
 */
export function mutate(bytes: Buffer, rand: (n: number) => number): Buffer {
  const out = Buffer.from(bytes);
  for (let k = 1 + rand(8); k > 0; k--) {
    const at = rand(out.length - 4);
    const mode = rand(3);
    if (mode === 0) out[at] = rand(256);
    else if (mode === 1) out.writeUInt16LE(rand(2) ? 0 : 0xffff, at);
    else out.writeUInt32LE([0, 0xffffffff, 1, 0x7fffffff][rand(4)]!, at);
  }
  return out;
}
