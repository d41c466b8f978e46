/** An SVG drawing area: plot coordinates 0…1 map into the box inside the margins, y upwards. */
export type Frame = {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
};

export const frameX = (f: Frame, t: number): number => f.left + t * (f.width - f.left - f.right);
export const frameY = (f: Frame, t: number): number =>
  f.height - f.bottom - t * (f.height - f.top - f.bottom);

/** The SVG viewBox that shows the whole frame, margins included. */
export const frameViewBox = (f: Frame): string => `0 0 ${f.width} ${f.height}`;

/** An SVG path through the points, broken where a value is missing rather than bridged across it. */
export function linePath(points: readonly { x: number; y: number | null }[], frame: Frame): string {
  const parts: string[] = [];
  let drawing = false;
  for (const p of points) {
    if (p.y === null) {
      drawing = false;
      continue;
    }
    parts.push(`${drawing ? 'L' : 'M'}${frameX(frame, p.x).toFixed(1)},${frameY(frame, p.y).toFixed(1)}`);
    drawing = true;
  }
  return parts.join(' ');
}

/** One axis tick: where it sits on the 0…1 plot scale, and what it reads. */
export type ChartTick = { at: number; label: string };

/** Ticks at 0, 50 and 100 % (or finer), labelled as whole percentages. */
export const percentTicks = (steps: readonly number[] = [0, 0.5, 1]): ChartTick[] =>
  steps.map((t) => ({ at: t, label: `${t * 100}%` }));
