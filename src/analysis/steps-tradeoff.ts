// The steps/samples trade-off of McCandlish et al. 2018 ("An Empirical Model of Large-Batch
// Training"), fitted to the figure "Steps to target": the steps S and samples E = S·B a batch size
// B needs to reach the target lie on (S/S_min − 1)(E/E_min − 1) = 1, that is S = S_min(1 + B_crit/B)
// and E = E_min(1 + B/B_crit) with the critical batch size B_crit = E_min/S_min. Below B_crit a larger
// batch saves steps almost for free; above it, it mostly costs samples.
//
// The fit: least squares in log S (the points span decades; a linear fit would heed only the
// largest S). For a fixed B_crit, log S_i = log S_min + log(1 + B_crit/B_i) makes log S_min the mean
// of log S_i − log(1 + B_crit/B_i), so the residual is a function of B_crit alone: a log-spaced scan
// from 1/1000 of the smallest batch size to 1000 times the largest, then golden-section search
// around the best. A minimum at either end of the scan means the points say no B_crit (steps that do
// not fall with B, or fall as 1/B throughout): no fit.

export interface TradeoffPoint {
  /** Steps to the target. */
  steps: number;
  /** Samples to the target, steps × B. */
  samples: number;
}

export interface TradeoffFit {
  sMin: number;
  eMin: number;
  /** E_min / S_min. */
  bCrit: number;
  /** √(mean squared residual of ln S): 0 for points on the curve. */
  rmsLogResidual: number;
  /** The fitted curve at log-spaced batch sizes across the points' (or the given) range. */
  curve: { batchSize: number; steps: number; samples: number }[];
}

const SCAN_DECADES = 3;
const SCAN_POINTS = 481;
const CURVE_POINTS = 64;

/** `range`: the batch sizes the curve spans (default: the points'). Null for fewer than 2 usable points or a degenerate fit. */
export function fitStepsSamples(points: readonly TradeoffPoint[], range?: [number, number]): TradeoffFit | null {
  const usable = points.filter(
    (p) => Number.isFinite(p.steps) && Number.isFinite(p.samples) && p.steps > 0 && p.samples > 0,
  );
  const b = usable.map((p) => p.samples / p.steps);
  const logS = usable.map((p) => Math.log(p.steps));
  const bLow = Math.min(...b);
  const bHigh = Math.max(...b);
  if (usable.length < 2 || !(bHigh > bLow)) return null;

  /** For B_crit = e^u: log S_min and the sum of squared residuals. */
  const at = (u: number) => {
    const bc = Math.exp(u);
    const shifts = b.map((bi) => Math.log1p(bc / bi));
    const logSMin = logS.reduce((sum, l, i) => sum + l - shifts[i], 0) / usable.length;
    const sse = logS.reduce((sum, l, i) => sum + (l - logSMin - shifts[i]) ** 2, 0);
    return { logSMin, sse };
  };
  const from = Math.log(bLow) - SCAN_DECADES * Math.LN10;
  const to = Math.log(bHigh) + SCAN_DECADES * Math.LN10;
  const step = (to - from) / (SCAN_POINTS - 1);
  let best = 0;
  let bestSse = Infinity;
  for (let k = 0; k < SCAN_POINTS; k++) {
    const { sse } = at(from + k * step);
    if (sse < bestSse) [best, bestSse] = [k, sse];
  }
  if (best === 0 || best === SCAN_POINTS - 1) return null;

  // Golden-section search in the scan's bracket around its best point.
  const ratio = (Math.sqrt(5) - 1) / 2;
  let lo = from + (best - 1) * step;
  let hi = from + (best + 1) * step;
  let c = hi - ratio * (hi - lo);
  let d = lo + ratio * (hi - lo);
  let fc = at(c).sse;
  let fd = at(d).sse;
  for (let i = 0; i < 200 && hi - lo > 1e-13; i++) {
    if (fc < fd) {
      [hi, d, fd] = [d, c, fc];
      c = hi - ratio * (hi - lo);
      fc = at(c).sse;
    } else {
      [lo, c, fc] = [c, d, fd];
      d = lo + ratio * (hi - lo);
      fd = at(d).sse;
    }
  }
  const u = (lo + hi) / 2;
  const { logSMin, sse } = at(u);
  const sMin = Math.exp(logSMin);
  const bCrit = Math.exp(u);
  const [first, last] = range ?? [bLow, bHigh];
  const curve = Array.from({ length: CURVE_POINTS }, (_, k) => {
    const batchSize = first * (last / first) ** (k / (CURVE_POINTS - 1));
    const steps = sMin * (1 + bCrit / batchSize);
    return { batchSize, steps, samples: steps * batchSize };
  });
  return { sMin, eMin: sMin * bCrit, bCrit, rmsLogResidual: Math.sqrt(sse / usable.length), curve };
}
