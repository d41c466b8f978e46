/** Proportions with Wilson 95 % intervals (DOMAIN.md). Pure: used by services and the renderer. */

export const Z95 = 1.959964;

export type Proportion = { value: number | null; x: number; n: number; wilson95: [number, number] | null };

/** Wilson score interval for x successes out of n. */
export function wilson(x: number, n: number, z = Z95): [number, number] | null {
  if (n === 0) return null;
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (z * Math.sqrt((x * (n - x)) / n + z2 / 4)) / (n + z2);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function proportion(x: number, n: number): Proportion {
  return { value: n ? x / n : null, x, n, wilson95: wilson(x, n) };
}
