/**
 * A seeded linear congruential generator: the same sequence on every run. No imports, so the
 * benchmarks (bench/generate.ts) can use it outside vitest.
 */
export function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}
