// The linear model's gradient noise from data moments, O(1) per (w, b): what the run CSV writes for
// every step. With u = x − E[x], v = y − E[y] and c = b + w·E[x] − E[y], the residual is
// r = w·u + c − v and g = 2r·(u + E[x], 1); every expectation below is a polynomial in (w, c) over
// moments of the centred data, which keeps the cancellation of large x and y out of the sums.
import { batchCovarianceFactor } from './gradient-noise';

export interface LinearNoiseMoments {
  n: number;
  meanX: number;
  meanY: number;
  /** E[u^i v^j] for the exponents the formulas need. */
  uu: number;
  uv: number;
  vv: number;
  uuu: number;
  uuv: number;
  uvv: number;
  uuuu: number;
  uuuv: number;
  uuvv: number;
}

/** Two passes over the data: the means, then the centred moments. */
export function linearNoiseMoments(x: ArrayLike<number>, y: ArrayLike<number>): LinearNoiseMoments {
  const n = Math.min(x.length, y.length);
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i];
    sy += y[i];
  }
  const meanX = sx / n;
  const meanY = sy / n;
  const m = { uu: 0, uv: 0, vv: 0, uuu: 0, uuv: 0, uvv: 0, uuuu: 0, uuuv: 0, uuvv: 0 };
  for (let i = 0; i < n; i++) {
    const u = x[i] - meanX;
    const v = y[i] - meanY;
    const uu = u * u;
    m.uu += uu;
    m.uv += u * v;
    m.vv += v * v;
    m.uuu += uu * u;
    m.uuv += uu * v;
    m.uvv += u * v * v;
    m.uuuu += uu * uu;
    m.uuuv += uu * u * v;
    m.uuvv += uu * v * v;
  }
  for (const key of Object.keys(m) as (keyof typeof m)[]) m[key] /= n;
  return { n, meanX, meanY, ...m };
}

export interface LinearNoise {
  trace: number;
  gradNormSq: number;
  /** E|g_B − G|² by the formula, for the batch size asked. */
  variance: number;
  noiseScale: number;
}

/** tr Σ, |G|², E|g_B − G|² and B_simple at (w, b). */
export function linearNoiseAt(
  m: LinearNoiseMoments,
  w: number,
  b: number,
  batchSize: number,
  replacement: boolean,
): LinearNoise {
  const c = b + w * m.meanX - m.meanY;
  // E[r], E[r·u], E[r²], E[r²·u], E[r²·u²] with r = w·u + c − v (E[u] = E[v] = 0).
  const r1 = c;
  const ru = w * m.uu - m.uv;
  const rr = w * w * m.uu + c * c + m.vv - 2 * w * m.uv;
  const rru = w * w * m.uuu + m.uvv + 2 * w * c * m.uu - 2 * w * m.uuv - 2 * c * m.uv;
  const rruu = w * w * m.uuuu + c * c * m.uu + m.uuvv + 2 * w * c * m.uuu - 2 * w * m.uuuv - 2 * c * m.uuv;
  // g = 2r(u + E[x], 1): G = 2(E[ru] + E[x]E[r], E[r]); E|g|² = 4(E[r²(u + E[x])²] + E[r²]).
  const gw = 2 * (ru + m.meanX * r1);
  const gb = 2 * r1;
  const squares = 4 * (rruu + 2 * m.meanX * rru + m.meanX * m.meanX * rr + rr);
  const gradNormSq = gw * gw + gb * gb;
  const trace = Math.max(0, squares - gradNormSq);
  const batch = Math.max(1, Math.min(batchSize, m.n));
  return {
    trace,
    gradNormSq,
    variance: batchCovarianceFactor(m.n, batch, replacement) * trace,
    noiseScale: trace / gradNormSq,
  };
}
