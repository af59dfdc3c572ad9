/** xorshift32: tiny, fast and repeatable from a seed, which is all a fault campaign needs. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0 || 0x6d2b79f5;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}
