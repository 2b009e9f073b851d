import { describe, expect, it } from 'vitest';
import {
  CURVE_BUDGET,
  CURVE_MAX_DRAWN,
  curveSizes,
  DRAW_BUDGET,
  expectedBatchNoise,
  gradientNoise,
  noiseCurve,
  startGradientNoise,
} from './gradient-noise';
import { linearGradients, mlpGradients } from './per-sample-gradients';
import { noiseSeed, orderedDrawCount, subsetCount } from './noise-batches';

const tutorialX = Array.from({ length: 10 }, (_, i) => i + 1);
const tutorialY = tutorialX.map((x) => 2 * x);

/** Per-sample gradients written out, independently of the module: 2 r_i (x_i, 1). */
function linearRows(x: number[], y: number[], w: number, b: number): number[][] {
  return x.map((xi, i) => {
    const r = w * xi + b - y[i];
    return [2 * r * xi, 2 * r];
  });
}

const mean = (rows: number[][]) => rows[0].map((_, k) => rows.reduce((s, r) => s + r[k], 0) / rows.length);
const distanceSq = (a: number[], b: number[]) => a.reduce((s, ak, k) => s + (ak - b[k]) ** 2, 0);
const populationTrace = (rows: number[][]) => {
  const g = mean(rows);
  return rows.reduce((s, r) => s + distanceSq(r, g), 0) / rows.length;
};

/** Mean of |g_B − G|² over every subset of size b, by bit masks: nothing shared with the module. */
function bruteForceSubsets(rows: number[][], b: number): number {
  const g = mean(rows);
  let total = 0;
  let count = 0;
  for (let mask = 0; mask < 1 << rows.length; mask++) {
    const members = rows.filter((_, i) => mask & (1 << i));
    if (members.length !== b) continue;
    total += distanceSq(mean(members), g);
    count += 1;
  }
  return total / count;
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE);

describe('gradient noise of the linear model', () => {
  it('matches a case worked by hand (x = 0, 1, 2; y = 0; w = 1, b = 0; B = 2)', () => {
    // g = (0, 0), (2, 2), (8, 4); G = (10/3, 2); tr Σ = 88/3 − 136/9 = 128/9; |G|² = 136/9.
    // The three pairs' means (1, 1), (4, 2), (5, 3) lie 58/9, 4/9 and 34/9 from G: mean 32/9,
    // which is tr Σ / 2 · (3 − 2)/(3 − 1).
    const noise = gradientNoise(linearGradients([0, 1, 2], [0, 0, 0], 1, 0), {
      batchSize: 2,
      replacement: false,
      seed: 0,
      actualBatch: [1, 2],
    });
    expect(noise.trace).toBeCloseTo(128 / 9, 13);
    expect(noise.gradNormSq).toBeCloseTo(136 / 9, 13);
    expect(noise.noiseScale).toBeCloseTo(16 / 17, 14);
    expect(noise.varianceFormula).toBeCloseTo(32 / 9, 13);
    expect(noise.varianceMeasured).toBeCloseTo(32 / 9, 13);
    expect(noise.enumerated).toBe(true);
    expect(noise.batchesDrawn).toBe(3);
    // B = 2 > N/2: visited as the complements of {0}, {1}, {2}, i.e. the pairs {1, 2}, {0, 2}, {0, 1}.
    [5, 3, 4, 2, 1, 1].forEach((c, k) => expect(noise.cloud[k]).toBeCloseTo(c, 13));
    expect(noise.actual?.size).toBe(2);
    expect(noise.actual?.x).toBeCloseTo(5, 13);
    expect(noise.actual?.y).toBeCloseTo(3, 13);
    expect(noise.actual?.distanceSq).toBeCloseTo(34 / 9, 13);
  });

  it.each([1, 2, 3, 5, 7, 9, 10])('enumerates all C(10, %i) subsets of the tutorial: brute force = formula', (b) => {
    const [w, b0] = [0.3, -0.7];
    const rows = linearRows(tutorialX, tutorialY, w, b0);
    const brute = bruteForceSubsets(rows, b);
    const formula = (populationTrace(rows) / b) * ((10 - b) / 9);
    const noise = gradientNoise(linearGradients(tutorialX, tutorialY, w, b0), {
      batchSize: b,
      replacement: false,
      seed: 1,
      actualBatch: null,
    });
    expect(noise.enumerated).toBe(true);
    expect(noise.batchesDrawn).toBe(subsetCount(10, b));
    if (b === 10) {
      expect(brute).toBeLessThan(1e-24);
      expect(noise.varianceMeasured).toBeLessThan(1e-24);
      expect(noise.varianceFormula).toBe(0);
      return;
    }
    expect(relative(brute, formula)).toBeLessThan(1e-12);
    expect(relative(noise.varianceMeasured, brute)).toBeLessThan(1e-12);
    expect(relative(noise.varianceFormula, formula)).toBeLessThan(1e-12);
  });

  it('with replacement: the mean over all N^B ordered draws is tr Σ / B', () => {
    const x = [0.5, -1, 2, 3.25];
    const y = [1, 0, -2, 4];
    const rows = linearRows(x, y, 1.5, 0.25);
    let total = 0;
    for (let a = 0; a < 4; a++)
      for (let c = 0; c < 4; c++)
        for (let d = 0; d < 4; d++) {
          total += distanceSq(mean([rows[a], rows[c], rows[d]]), mean(rows));
        }
    const exact = total / 64;
    expect(relative(exact, populationTrace(rows) / 3)).toBeLessThan(1e-12);
    const noise = gradientNoise(linearGradients(x, y, 1.5, 0.25), {
      batchSize: 3,
      replacement: true,
      seed: 0,
      actualBatch: null,
    });
    expect(noise.enumerated).toBe(true);
    expect(noise.batchesDrawn).toBe(64);
    expect(relative(noise.varianceMeasured, exact)).toBeLessThan(1e-12);
    expect(relative(noise.varianceFormula, exact)).toBeLessThan(1e-12);
  });

  it.each([false, true])(
    'draws 5,000 batches when there are more (replacement %s), within 6 standard errors',
    (replacement) => {
      const n = 2000;
      const x = Array.from({ length: n }, (_, i) => Math.sin(i) * 3);
      const y = x.map((xi, i) => 2 * xi + Math.cos(3 * i));
      const noise = gradientNoise(linearGradients(x, y, 0.5, 0.1), {
        batchSize: 7,
        replacement,
        seed: noiseSeed(0, 4),
        actualBatch: null,
      });
      const formula = expectedBatchNoise(populationTrace(linearRows(x, y, 0.5, 0.1)), n, 7, replacement);
      expect(noise.enumerated).toBe(false);
      expect(noise.batchesDrawn).toBe(5000);
      expect(relative(noise.varianceFormula, formula)).toBeLessThan(1e-12);
      const standardError = noise.varianceMeasuredSd / Math.sqrt(5000);
      expect(standardError).toBeGreaterThan(0);
      expect(Math.abs(noise.varianceMeasured - formula)).toBeLessThan(6 * standardError);
    },
  );

  it('draws fewer than 5,000 batches when they are large (the work budget), still within 6 standard errors', () => {
    const n = 20_000;
    const x = Array.from({ length: n }, (_, i) => (i % 101) / 10);
    const y = x.map((xi, i) => 3 - xi + Math.sin(i));
    const noise = gradientNoise(linearGradients(x, y, 0.5, 0), {
      batchSize: 9000,
      replacement: false,
      seed: 3,
      actualBatch: null,
    });
    // Chosen in one pass: 6e6 / ((20,000 passed + 9,000 read) / 16 + 9,000 × 2/8 coordinates) = 1,476 batches.
    expect(noise.batchesDrawn).toBe(Math.floor(DRAW_BUDGET / ((20_000 + 9000) / 16 + (9000 * 2) / 8)));
    expect(noise.batchesPlanned).toBe(5000);
    const formula = expectedBatchNoise(populationTrace(linearRows(x, y, 0.5, 0)), n, 9000, false);
    expect(Math.abs(noise.varianceMeasured - formula)).toBeLessThan(
      (6 * noise.varianceMeasuredSd) / Math.sqrt(noise.batchesDrawn),
    );
  });

  it('draws the same batches for the same (seed, step) and others for another step', () => {
    const x = Array.from({ length: 500 }, (_, i) => i / 50);
    const y = x.map((xi) => xi * xi);
    const at = (step: number) =>
      gradientNoise(linearGradients(x, y, 1, 0), {
        batchSize: 3,
        replacement: false,
        seed: noiseSeed(42, step),
        actualBatch: null,
      });
    expect(at(3).varianceMeasured).toBe(at(3).varianceMeasured);
    expect(at(3).varianceMeasured).not.toBe(at(4).varianceMeasured);
  });

  it('visits a batch of more than N/2 as its complement and still draws distinct samples', () => {
    const n = 40;
    const x = Array.from({ length: n }, (_, i) => (i * 7) % 11);
    const y = x.map((xi, i) => xi + (i % 3));
    const noise = gradientNoise(linearGradients(x, y, 0.2, 0), {
      batchSize: 33,
      replacement: false,
      seed: 5,
      actualBatch: null,
    });
    const formula = expectedBatchNoise(populationTrace(linearRows(x, y, 0.2, 0)), n, 33, false);
    expect(noise.enumerated).toBe(false); // C(40, 7) = 18,643,560
    expect(Math.abs(noise.varianceMeasured - formula)).toBeLessThan((6 * noise.varianceMeasuredSd) / Math.sqrt(5000));
  });
});

describe('batch counts and the curve', () => {
  it('counts subsets and ordered draws up to the cap', () => {
    expect(subsetCount(10, 3)).toBe(120);
    expect(subsetCount(10, 7)).toBe(120);
    expect(subsetCount(100, 2)).toBe(4950);
    expect(subsetCount(101, 2)).toBe(Infinity);
    expect(orderedDrawCount(10, 3)).toBe(1000);
    expect(orderedDrawCount(10, 4)).toBe(Infinity);
  });

  it('runs from tr Σ at B = 1 to 0 at B = N without replacement', () => {
    const curve = noiseCurve(8, 1000, false);
    expect(curve[0]).toEqual({ b: 1, value: 8 });
    expect(curve.at(-1)).toEqual({ b: 1000, value: 0 });
    expect(noiseCurve(8, 1000, true).at(-1)).toEqual({ b: 1000, value: 8 / 1000 });
  });
});

describe("the curve's measured points", () => {
  it('tutorial: every B = 1 … 10 enumerated, each equal to the formula (and to a brute force), 0 at B = N', () => {
    const [w, b0] = [0.3, -0.7];
    const rows = linearRows(tutorialX, tutorialY, w, b0);
    const trace = populationTrace(rows);
    const noise = gradientNoise(linearGradients(tutorialX, tutorialY, w, b0), {
      batchSize: 3,
      replacement: false,
      seed: 1,
      actualBatch: null,
    });
    expect(noise.curveMeasured.map((p) => p.b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const point of noise.curveMeasured) {
      expect(point.enumerated).toBe(true);
      expect(point.batches).toBe(subsetCount(10, point.b));
      if (point.b === 10) {
        expect(point.value).toBeLessThan(1e-24);
        continue;
      }
      const formula = (trace / point.b) * ((10 - point.b) / 9);
      expect(relative(point.value, formula)).toBeLessThan(1e-12);
      expect(relative(point.value, bruteForceSubsets(rows, point.b))).toBeLessThan(1e-12);
    }
    // The figure's own B is the same measurement as data-variance.
    expect(noise.curveMeasured[2].value).toBe(noise.varianceMeasured);
  });

  it.each([false, true])(
    "N = 2,000 (replacement %s): log-spaced B with 1, the figure's B and N, drawn ones within 6 standard errors",
    (replacement) => {
      const n = 2000;
      const x = Array.from({ length: n }, (_, i) => Math.sin(i) * 3);
      const y = x.map((xi, i) => 2 * xi + Math.cos(3 * i));
      const trace = populationTrace(linearRows(x, y, 0.5, 0.1));
      const noise = gradientNoise(linearGradients(x, y, 0.5, 0.1), {
        batchSize: 37,
        replacement,
        seed: noiseSeed(0, 4),
        actualBatch: null,
      });
      const sizes = noise.curveMeasured.map((p) => p.b);
      expect(sizes).toEqual(curveSizes(n, 37));
      expect(sizes.length).toBeGreaterThanOrEqual(20);
      expect(sizes).toEqual([...sizes].sort((p, q) => p - q));
      expect(sizes[0]).toBe(1);
      expect(sizes).toContain(37);
      expect(sizes.at(-1)).toBe(n);
      let drawn = 0;
      for (const point of noise.curveMeasured) {
        const formula = expectedBatchNoise(trace, n, point.b, replacement);
        if (point.enumerated) {
          // B = 1 (all N), and B = N without replacement (one batch, G itself).
          expect(point.b === 1 || (!replacement && point.b === n)).toBe(true);
          expect(Math.abs(point.value - formula)).toBeLessThanOrEqual(1e-12 * trace);
          continue;
        }
        drawn += 1;
        expect(point.batches).toBeLessThanOrEqual(point.b === 37 ? 5000 : CURVE_MAX_DRAWN);
        const standardError = point.sd / Math.sqrt(point.batches);
        expect(standardError).toBeGreaterThan(0);
        expect(Math.abs(point.value - formula)).toBeLessThan(6 * standardError);
      }
      expect(drawn).toBeGreaterThan(15);
    },
  );

  it('N = 200,000 with replacement: the points keep within the work budget, a large B it cannot afford is left out, B = N never', () => {
    const n = 200_000;
    const x = Array.from({ length: n }, (_, i) => (i % 997) / 100);
    const y = x.map((xi, i) => 1 + xi + Math.sin(i));
    const noise = gradientNoise(linearGradients(x, y, 0.2, 0), {
      batchSize: 32,
      replacement: true,
      seed: 9,
      actualBatch: null,
    });
    const sizes = noise.curveMeasured.map((p) => p.b);
    expect(sizes.length).toBeLessThan(curveSizes(n, 32).length);
    expect(sizes.length).toBeGreaterThanOrEqual(15);
    expect(sizes.at(-1)).toBe(n);
    // With replacement B = N costs N visits a batch: the curve's end, measured from at least 2.
    expect(noise.curveMeasured.at(-1)?.batches).toBeGreaterThanOrEqual(2);
    const work = noise.curveMeasured
      .filter((p) => p.b !== 32 && p.b !== n)
      .reduce((s, p) => s + p.batches * p.b * 1.25, 0);
    expect(work).toBeLessThanOrEqual(CURVE_BUDGET);
    const trace = populationTrace(linearRows(x, y, 0.2, 0));
    for (const point of noise.curveMeasured.filter((p) => !p.enumerated)) {
      expect(point.batches).toBeGreaterThanOrEqual(2);
      const formula = expectedBatchNoise(trace, n, point.b, true);
      // A handful of batches' standard deviation says little about their mean's error: only the scale there.
      if (point.batches >= 30) {
        expect(Math.abs(point.value - formula)).toBeLessThan((6 * point.sd) / Math.sqrt(point.batches));
      } else {
        expect(point.value).toBeGreaterThan(0);
        expect(point.value).toBeLessThan(20 * formula);
      }
    }
  });

  it('every B for N ≤ 64, with replacement enumerated while N^B ≤ 5,000', () => {
    const x = Array.from({ length: 12 }, (_, i) => i / 3);
    const y = x.map((xi) => 1 - xi);
    const noise = gradientNoise(linearGradients(x, y, 0.4, 0.2), {
      batchSize: 5,
      replacement: true,
      seed: 2,
      actualBatch: null,
    });
    expect(noise.curveMeasured.map((p) => p.b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(noise.curveMeasured.map((p) => p.enumerated)).toEqual(noise.curveMeasured.map((p) => p.b <= 3)); // 12³ = 1,728
    const trace = populationTrace(linearRows(x, y, 0.4, 0.2));
    for (const point of noise.curveMeasured.filter((p) => p.enumerated)) {
      expect(relative(point.value, trace / point.b)).toBeLessThan(1e-12);
    }
  });
});

describe('gradient noise of the MLP', () => {
  const params = [0.5, -0.3, 0.8, 0.1, 0.2, -0.4, 0.7, -0.6, 0.9, 0.05];
  const hidden = 3;
  const x = [-1.5, -0.25, 0.4, 1.1, 2.3]; // no hidden unit at its kink (ReLU)
  const y = [0.3, -0.1, 0.5, 0.9, -0.4];

  it.each(['tanh', 'sigmoid', 'relu'] as const)('per-sample gradients match central differences (%s)', (activation) => {
    const loss = (p: number[], i: number) => {
      let prediction = p[3 * hidden];
      for (let j = 0; j < hidden; j++) {
        const z = p[j] * x[i] + p[hidden + j];
        const a =
          activation === 'tanh' ? Math.tanh(z) : activation === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : Math.max(z, 0);
        prediction += p[2 * hidden + j] * a;
      }
      return (prediction - y[i]) ** 2;
    };
    const source = mlpGradients(x, y, params, hidden, activation);
    const g = new Float64Array(source.dim);
    for (let i = 0; i < x.length; i++) {
      source.gradInto(i, g);
      params.forEach((_, k) => {
        const h = 1e-6;
        const up = params.map((p, m) => (m === k ? p + h : p));
        const down = params.map((p, m) => (m === k ? p - h : p));
        expect(g[k]).toBeCloseTo((loss(up, i) - loss(down, i)) / (2 * h), 7);
      });
    }
  });

  it('enumerates in full dimension and draws the plane of G and the largest-variance direction', () => {
    const noise = gradientNoise(mlpGradients(x, y, params, hidden, 'tanh'), {
      batchSize: 2,
      replacement: false,
      seed: 0,
      actualBatch: [0, 4],
    });
    expect(noise.axes).toBe('gradient-top');
    expect(noise.batchesDrawn).toBe(10);
    expect(relative(noise.varianceMeasured, noise.varianceFormula)).toBeLessThan(1e-12);
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, ak, k) => s + ak * b[k], 0);
    expect(Math.abs(dot(noise.u, noise.v))).toBeLessThan(1e-12);
    expect(dot(noise.v, noise.v)).toBeCloseTo(1, 12);
    expect(noise.center[0]).toBeCloseTo(Math.sqrt(noise.gradNormSq), 12);
    const source = mlpGradients(x, y, params, hidden, 'tanh');
    const rows = x.map((_, i) => {
      const g = new Float64Array(source.dim);
      source.gradInto(i, g);
      return g.map((gk, k) => gk - noise.gradient[k]);
    });
    const variance = (d: ArrayLike<number>) =>
      rows.reduce((s, r) => s + dot(r, Float64Array.from(d)) ** 2, 0) / rows.length;
    expect(noise.planeCovariance[2]).toBeCloseTo(variance(noise.v), 12);
    // v1 is the largest-variance direction: no unit vector, of the axes or of 2,000 random ones, has more.
    const top = noise.topDirection;
    if (!top) throw new Error('the MLP has a top direction');
    expect(dot(top, top)).toBeCloseTo(1, 12);
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const candidates = Array.from({ length: source.dim }, (_, k) =>
      Array.from({ length: source.dim }, (_, m) => +(m === k)),
    );
    for (let t = 0; t < 2000; t++) candidates.push(Array.from({ length: source.dim }, random));
    for (const d of candidates) {
      const norm = Math.hypot(...d);
      expect(variance(d.map((dk) => dk / norm))).toBeLessThanOrEqual(variance(top) * (1 + 1e-9));
    }
    // The second axis is v1 made orthogonal to G: in span(G, v1).
    const c = dot(top, noise.u);
    const w = top.map((tk, k) => tk - c * noise.u[k]);
    const wNorm = Math.sqrt(dot(w, w));
    expect(Math.abs(dot(noise.v, w) / wNorm)).toBeCloseTo(1, 10);
  });
});

describe('the plane of G and the largest-variance direction', () => {
  /** A source of given per-sample gradients. */
  const rowsSource = (rows: number[][]) => ({
    n: rows.length,
    dim: rows[0].length,
    gradInto: (i: number, out: Float64Array) => out.set(rows[i]),
  });

  /** Σ's largest eigenvalue and its unit eigenvector, in closed form for a symmetric 3 × 3 matrix. */
  function top3(a: number[][]): { value: number; vector: number[] } {
    const q = (a[0][0] + a[1][1] + a[2][2]) / 3;
    const p1 = a[0][1] ** 2 + a[0][2] ** 2 + a[1][2] ** 2;
    const p = Math.sqrt(((a[0][0] - q) ** 2 + (a[1][1] - q) ** 2 + (a[2][2] - q) ** 2 + 2 * p1) / 6);
    const m = a.map((row, i) => row.map((x, j) => (x - (i === j ? q : 0)) / p));
    const det =
      m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
      m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
      m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    const value = q + 2 * p * Math.cos(Math.acos(Math.max(-1, Math.min(1, det / 2))) / 3);
    const s = a.map((row, i) => row.map((x, j) => x - (i === j ? value : 0)));
    const cross = (u: number[], v: number[]) => [
      u[1] * v[2] - u[2] * v[1],
      u[2] * v[0] - u[0] * v[2],
      u[0] * v[1] - u[1] * v[0],
    ];
    const vector = [cross(s[0], s[1]), cross(s[0], s[2]), cross(s[1], s[2])].reduce((best, c) =>
      Math.hypot(...c) > Math.hypot(...best) ? c : best,
    );
    const norm = Math.hypot(...vector);
    return { value, vector: vector.map((x) => x / norm) };
  }

  const dot3 = (a: ArrayLike<number>, b: ArrayLike<number>) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

  it("runs the power iteration on Σ itself: v1 is Σ's top eigenvector, the second axis v1 ⟂ G in span(G, v1)", () => {
    const rows = [
      [1.2, -0.4, 2.0],
      [0.3, 1.9, -0.7],
      [-1.1, 0.8, 0.4],
      [2.6, -1.3, 1.1],
      [0.9, 0.2, -1.8],
      [-0.5, 2.4, 0.6],
    ];
    const noise = gradientNoise(rowsSource(rows), { batchSize: 2, replacement: false, seed: 0, actualBatch: null });
    const g = mean(rows);
    const sigma = [0, 1, 2].map((i) =>
      [0, 1, 2].map((j) => rows.reduce((s, r) => s + (r[i] - g[i]) * (r[j] - g[j]), 0) / rows.length),
    );
    const exact = top3(sigma);
    const top = noise.topDirection;
    if (!top) throw new Error('a 3-parameter model has a top direction');
    const rayleigh = [0, 1, 2].reduce((s, i) => s + top[i] * dot3(sigma[i], top), 0);
    expect(relative(rayleigh, exact.value)).toBeLessThan(1e-9);
    expect(Math.abs(dot3(top, exact.vector))).toBeCloseTo(1, 9);
    // The second axis: ⟂ G, unit, and the component of v1 orthogonal to G.
    const u = g.map((x) => x / Math.hypot(...g));
    expect(Math.abs(dot3(noise.v, u))).toBeLessThan(1e-12);
    expect(dot3(noise.v, noise.v)).toBeCloseTo(1, 12);
    const c = dot3(exact.vector, u);
    const w = exact.vector.map((x, k) => x - c * u[k]);
    expect(Math.abs(dot3(noise.v, w)) / Math.hypot(...w)).toBeCloseTo(1, 9);
    // Not the same plane as the largest variance among directions ⟂ G would give.
    const p = (x: number[]) => x.map((xk, k) => xk - dot3(x, u) * u[k]);
    const pSigmaP = [0, 1, 2].map((i) => p([0, 1, 2].map((j) => p([0, 1, 2].map((k) => sigma[k][j]))[i])));
    const off = top3(pSigmaP).vector;
    expect(Math.abs(dot3(noise.v, off))).toBeLessThan(1 - 1e-6);
  });

  it('falls back to the largest variance ⟂ G when v1 lies along G', () => {
    // Deviations ±3 e1, ±2 e2, ±1 e3 around G = e1: Σ = diag(3, 4/3, 1/3), v1 = e1 = G/|G|.
    const d = [
      [3, 0, 0],
      [-3, 0, 0],
      [0, 2, 0],
      [0, -2, 0],
      [0, 0, 1],
      [0, 0, -1],
    ];
    const noise = gradientNoise(rowsSource(d.map((r) => [r[0] + 1, r[1], r[2]])), {
      batchSize: 2,
      replacement: false,
      seed: 0,
      actualBatch: null,
    });
    expect(Math.abs(noise.topDirection?.[0] ?? 0)).toBeCloseTo(1, 12);
    expect(Math.abs(noise.v[1])).toBeCloseTo(1, 9);
    expect(noise.planeCovariance[2]).toBeCloseTo(4 / 3, 9);
  });
});

describe('refining a picture to all its drawn batches', () => {
  const n = 20_000;
  const x = Array.from({ length: n }, (_, i) => (i % 101) / 10);
  const y = x.map((xi, i) => 3 - xi + Math.sin(i));
  // 2,000 batches planned (maxDrawn), 1,476 of them in the first answer: the same path as 5,000, in less time.
  const options = { batchSize: 9000, replacement: false, seed: 3, actualBatch: null, maxDrawn: 2000 };

  it('ends with the picture one pass over all the batches draws, whatever the shares', () => {
    const { result: first, refinement } = startGradientNoise(linearGradients(x, y, 0.5, 0), options);
    expect(first.batchesDrawn).toBe(1476);
    expect(first.batchesPlanned).toBe(2000);
    expect(refinement).not.toBeNull();
    let last = first;
    const sizes: number[] = [];
    for (let share = 1; !refinement!.complete; share *= 3) {
      last = refinement!.more(share * 9000);
      sizes.push(last.batchesDrawn);
    }
    expect(sizes.length).toBeGreaterThan(3);
    // the same picture drawn to the end in one share
    const whole = startGradientNoise(linearGradients(x, y, 0.5, 0), options).refinement!.more(Infinity);
    expect(last.batchesDrawn).toBe(2000);
    expect(whole.batchesDrawn).toBe(2000);
    expect(last.varianceMeasured).toBe(whole.varianceMeasured);
    expect(last.varianceMeasuredSd).toBe(whole.varianceMeasuredSd);
    expect(Array.from(last.cloud)).toEqual(Array.from(whole.cloud));
    // the first answer's batches are the first of the 5,000
    expect(Array.from(last.cloud.subarray(0, first.cloud.length))).toEqual(Array.from(first.cloud));
    expect(last.curveMeasured.find((p) => p.b === 9000)).toMatchObject({ batches: 2000, value: last.varianceMeasured });
  });

  it('measures the formula within 6 standard errors of the batches drawn, with and without replacement', () => {
    const trace = populationTrace(linearRows(x, y, 0.5, 0));
    for (const replacement of [false, true]) {
      const { refinement } = startGradientNoise(linearGradients(x, y, 0.5, 0), { ...options, replacement });
      const done = refinement!.more(Infinity);
      expect(done.batchesDrawn).toBe(2000);
      const formula = expectedBatchNoise(trace, n, 9000, replacement);
      expect(relative(done.varianceFormula, formula)).toBeLessThan(1e-12);
      expect(Math.abs(done.varianceMeasured - formula)).toBeLessThan((6 * done.varianceMeasuredSd) / Math.sqrt(2000));
    }
  });

  it('has nothing to refine when the budget affords every batch', () => {
    const small = startGradientNoise(linearGradients(x, y, 0.5, 0), { ...options, batchSize: 3, maxDrawn: undefined });
    expect(small.result.batchesDrawn).toBe(5000);
    expect(small.refinement).toBeNull();
  });
});
