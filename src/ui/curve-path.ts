// A line's SVG path on a chart's scales, as recharts' linear <Line> writes it ("M x,y L x,y …").
import type { ChartPoint } from '../analysis/loss-series';

/** The path's commands: a point that cannot be drawn (off a log scale, not finite) breaks the line. */
export function curvePath(
  data: readonly ChartPoint[],
  x: (v: number) => number | undefined,
  y: (v: number) => number | undefined,
): string {
  let d = '';
  let pen = 'M';
  for (const p of data) {
    const px = x(p.x);
    const py = y(p.loss);
    if (px === undefined || py === undefined || !Number.isFinite(px) || !Number.isFinite(py)) {
      pen = 'M';
      continue;
    }
    d += `${pen}${px},${py}`;
    pen = 'L';
  }
  return d;
}
