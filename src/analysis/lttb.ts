// Largest-Triangle-Three-Buckets (Sveinn Steinarsson, 2013): keeps `threshold` of `count` points so
// that a line through them looks like the line through all of them — spikes survive, which a
// stride or an average would hide. Used to keep the loss chart at ~1,000 SVG points for any run.

/**
 * Indices (increasing) of the points to keep among the first `count` of (xs[i], ys[i]).
 * All of them when count ≤ threshold; otherwise exactly max(threshold, 2) of them, the first and
 * the last always included. xs must be increasing; values must be finite.
 */
export function lttbIndices(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  threshold: number,
  count: number = Math.min(xs.length, ys.length),
): number[] {
  if (count <= 0) return [];
  if (count <= threshold) return Array.from({ length: count }, (_, i) => i);
  if (threshold <= 2) return count === 1 ? [0] : [0, count - 1];

  const kept: number[] = [0];
  // The first and last points are fixed; the count - 2 between them are cut into threshold - 2 buckets.
  const bucketSize = (count - 2) / (threshold - 2);
  let a = 0;
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    // Average of the next bucket (or the last point): the third corner of the triangle.
    const nextStart = Math.floor((bucket + 1) * bucketSize) + 1;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, count);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += xs[j];
      avgY += ys[j];
    }
    const nextLength = nextEnd - nextStart;
    avgX /= nextLength;
    avgY /= nextLength;

    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.floor((bucket + 1) * bucketSize) + 1;
    const ax = xs[a];
    const ay = ys[a];
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      // Twice the triangle's area; the factor does not change which point wins.
      const area = Math.abs((ax - avgX) * (ys[j] - ay) - (ax - xs[j]) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    kept.push(best);
    a = best;
  }
  kept.push(count - 1);
  return kept;
}
