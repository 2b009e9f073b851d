import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { trainExperimentFloat32 } from '../engine/experiment/js-engine';
import { planExperiment } from '../engine/experiment/plan';
import { summarizeExperiment, type ExperimentResults, type ExperimentRow } from '../engine/experiment/results';
import type { ExperimentSpec } from '../engine/experiment/spec';
import { acrossSeeds, heatmapCells, stepsToTarget } from './experiment-views';
import { quantileSorted, sortedValues, spreadOf } from './quantile';
import { stabilityBound } from './stability-bound';

function experiment(spec: ExperimentSpec, base: RunConfig = DEFAULT_CONFIG): ExperimentResults {
  const plan = planExperiment(base, spec);
  const losses = trainExperimentFloat32(plan);
  return summarizeExperiment(plan.runs, losses, plan.stepOffset, plan.stepsPerEpoch, plan.epochs, spec.targetLoss);
}

const DEFAULT_SPEC: ExperimentSpec = {
  batchSizes: [1, 2, 3, 5, 10],
  learningRates: [0.001, 0.003, 0.01, 0.02, 0.03],
  shuffle: 'both',
  seedsPerSetting: 8,
  targetLoss: 0.01,
};
const base = { ...DEFAULT_CONFIG, epochs: 40 };
const results = experiment(DEFAULT_SPEC, base);

/** The plain textbook median: sort, the middle one or the mean of the middle two. */
function textbookMedian(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

describe('quantiles (R-7)', () => {
  it('interpolates between order statistics, as R type 7 and NumPy do', () => {
    const s = sortedValues([4, 1, 3, 2]);
    expect([0.1, 0.5, 0.9].map((p) => quantileSorted(s, p))).toEqual([1.3, 2.5, 3.7]);
    expect(spreadOf([5])).toEqual({ low: 5, median: 5, high: 5 });
    expect(quantileSorted(sortedValues([]), 0.5)).toBeNaN();
  });

  it('counts +Infinity and NaN as +Infinity: an open-ended band, a median finite only when more than half are', () => {
    expect(spreadOf([1, 2, 3, Infinity])).toEqual({ low: 1.3, median: 2.5, high: Infinity });
    expect(spreadOf([1, 2, NaN, Infinity])).toEqual({ low: 1.3, median: Infinity, high: Infinity });
    expect(spreadOf([Infinity, Infinity])).toEqual({ low: Infinity, median: Infinity, high: Infinity });
  });
});

describe('heatmapCells', () => {
  const map = heatmapCells(results, DEFAULT_SPEC);

  it('has one cell per setting in the results order, each with its 8 seeds', () => {
    expect(map.cells).toHaveLength(2 * 5 * 5);
    expect(map.cells.slice(0, 2).map((c) => [c.shuffle, c.batchSize, c.learningRate])).toEqual([
      [true, 1, 0.001],
      [true, 1, 0.003],
    ]);
    expect(map.cells.at(-1)).toMatchObject({ shuffle: false, batchSize: 10, learningRate: 0.03, seeds: 8 });
    for (const c of map.cells) {
      expect(c.seeds).toBe(8);
      for (const r of c.rows) expect(results.rows[r]).toMatchObject({ batchSize: c.batchSize, shuffle: c.shuffle });
    }
  });

  it('takes the median over seeds of the final loss, a diverged seed counting as +Infinity', () => {
    for (const c of map.cells) {
      const ranked = c.rows.map((r) => (results.rows[r].diverged ? Infinity : results.rows[r].finalLoss));
      const m = textbookMedian(ranked);
      // a + ½(b − a) and (a + b)/2 may differ in the last bit.
      if (Number.isFinite(m)) expect(Math.abs(c.medianFinalLoss - m)).toBeLessThanOrEqual(2 * Number.EPSILON * m);
      else expect(c.medianFinalLoss).toBe(m);
      expect(c.diverged).toBe(c.rows.filter((r) => results.rows[r].diverged).length);
    }
    // Full batch (B = 10) above the bound 2/λmax ≈ 0.02545 diverges for every seed, below it for none.
    const full = (lr: number) => map.cells.find((c) => c.batchSize === 10 && c.learningRate === lr && c.shuffle)!;
    expect(full(0.03)).toMatchObject({ diverged: 8, medianFinalLoss: Infinity });
    expect(full(0.02).diverged).toBe(0);
    expect(full(0.02).medianFinalLoss).toBeLessThan(0.05); // it starts above 100
    expect(stabilityBound({ x: Float32Array.from({ length: 10 }, (_, i) => i + 1) }).maxLearningRate).toBeGreaterThan(
      0.02,
    );
  });

  it('gives the log colour scale the finite positive medians', () => {
    const finite = map.cells.map((c) => c.medianFinalLoss).filter((m) => Number.isFinite(m) && m > 0);
    expect(map.colourDomain).toEqual([Math.min(...finite), Math.max(...finite)]);
    expect(map.colourDomain![0]).toBeLessThan(map.colourDomain![1]);
    const allGone = heatmapCells(results, { ...DEFAULT_SPEC, batchSizes: [10], learningRates: [0.03] });
    expect(allGone.colourDomain).toBeNull();
  });

  it('ranks a seed flagged diverged as +Infinity even when its last epoch averaged a finite number', () => {
    const rows = [0.5, 0.1, 0.2].map((finalLoss, i) => row({ finalLoss, diverged: i === 0, seedOffset: i, index: i }));
    const cell = heatmapCells({ rows }, { ...DEFAULT_SPEC, batchSizes: [1], learningRates: [0.01], shuffle: 'on' });
    expect(cell.cells[0]).toMatchObject({ medianFinalLoss: 0.2, diverged: 1, seeds: 3 });
  });
});

function row(over: Partial<ExperimentRow>): ExperimentRow {
  return {
    ...{ index: 0, batchSize: 1, learningRate: 0.01, shuffle: true, seedOffset: 0, seed: 0 },
    ...{ finalLoss: 1, stepsToTarget: null, diverged: false, steps: 10 },
    ...over,
  };
}

describe('stepsToTarget', () => {
  const series = stepsToTarget(results, DEFAULT_SPEC);

  it('takes, per batch size, the learning rate with the lowest finite median steps to the target', () => {
    expect(series.map((s) => s.shuffle)).toEqual([true, false]);
    for (const { shuffle, points } of series) {
      expect(points.length).toBeGreaterThan(0);
      for (const p of points) {
        // Brute force over the grid: every learning rate's seeds, their textbook median.
        const medians = DEFAULT_SPEC.learningRates.map((lr) => {
          const seeds = results.rows.filter(
            (r) => r.shuffle === shuffle && r.batchSize === p.batchSize && r.learningRate === lr,
          );
          return textbookMedian(seeds.map((r) => r.stepsToTarget ?? Infinity));
        });
        const best = Math.min(...medians);
        expect(p.learningRate).toBe(DEFAULT_SPEC.learningRates[medians.indexOf(best)]);
        expect(p.steps.median).toBe(best);
        expect(p.reached).toBeGreaterThan(p.seeds / 2);
        expect(p.steps.low).toBeLessThanOrEqual(p.steps.median);
        expect(p.steps.high).toBeGreaterThanOrEqual(p.steps.median);
        expect(p.samples).toEqual({
          low: p.steps.low * p.batchSize,
          median: p.steps.median * p.batchSize,
          high: p.steps.high * p.batchSize,
        });
      }
    }
  });

  const grid = { ...DEFAULT_SPEC, batchSizes: [2], learningRates: [0.01, 0.02, 0.03], shuffle: 'on' as const };
  const rowsOf = (lr: number, steps: (number | null)[]) =>
    steps.map((stepsToTarget, s) => row({ batchSize: 2, learningRate: lr, seedOffset: s, stepsToTarget }));

  it('breaks ties to the smaller learning rate, and needs more than half of the seeds to reach the target', () => {
    const rows = [
      ...rowsOf(0.01, [30, 40, 50, null]), // median 45
      ...rowsOf(0.02, [50, 40, 60, 30]), // median 45: a tie, the larger lr
      ...rowsOf(0.03, [1, 2, null, null]), // half reach: median +Infinity, not eligible
    ].map((r, index) => ({ ...r, index }));
    const [{ points }] = stepsToTarget({ rows }, grid);
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ learningRate: 0.01, reached: 3, seeds: 4 });
    // R-7 over [30, 40, 50, +Infinity]: h = 0.3 and 2.7; the 90% end is open.
    expect(points[0].steps).toEqual({ low: 33, median: 45, high: Infinity });
    expect(points[0].samples).toEqual({ low: 66, median: 90, high: Infinity });
  });

  it('leaves out a batch size where no learning rate gets more than half of its seeds there', () => {
    const rows = rowsOf(0.02, [null, 5, null]).map((r, index) => ({ ...r, index }));
    expect(stepsToTarget({ rows }, grid)).toEqual([{ shuffle: true, points: [] }]);
  });
});

describe('acrossSeeds', () => {
  it('gives per batch size the quantiles over seeds of each step loss and each epoch mean', () => {
    const curves = acrossSeeds(results, 0.01, false);
    expect(curves.map((c) => c.batchSize)).toEqual([1, 2, 3, 5, 10]);
    for (const c of curves) {
      const rows = results.rows.filter((r) => !r.shuffle && r.learningRate === 0.01 && r.batchSize === c.batchSize);
      expect(c.seeds).toBe(8);
      const spe = results.stepsPerEpoch[rows[0].index];
      expect(c.byStep.median).toHaveLength(40 * spe);
      expect(c.byEpoch.median).toHaveLength(40);
      // Step 0: the seeds' first batch losses, straight from the results.
      const first = rows.map((r) => results.losses[results.stepOffset[r.index]]);
      expect(c.byStep.median[0]).toBeCloseTo(textbookMedian(first), 12);
      // The last epoch's mean is the run's final loss, summed the same way: the heatmap's cell.
      const cell = heatmapCells(results, DEFAULT_SPEC).cells.find(
        (h) => !h.shuffle && h.learningRate === 0.01 && h.batchSize === c.batchSize,
      )!;
      expect(c.byEpoch.median[39]).toBe(cell.medianFinalLoss);
      for (let i = 0; i < c.byStep.median.length; i++) {
        expect(c.byStep.low[i]).toBeLessThanOrEqual(c.byStep.median[i]);
        expect(c.byStep.median[i]).toBeLessThanOrEqual(c.byStep.high[i]);
      }
    }
  });

  it('stops at the shortest run, and shows a NaN loss as +Infinity', () => {
    const tiny = experiment(
      { ...DEFAULT_SPEC, batchSizes: [1], learningRates: [0.05], seedsPerSetting: 3, shuffle: 'on' },
      base,
    );
    const [c] = acrossSeeds(tiny, 0.05, true);
    expect(tiny.rows.every((r) => Number.isNaN(r.finalLoss))).toBe(true);
    expect(c.byStep.median.at(-1)).toBe(Infinity);
    expect(c.byEpoch.high.at(-1)).toBe(Infinity);
    const cut = { ...tiny, rows: tiny.rows.map((r, i) => (i === 1 ? { ...r, steps: 25 } : r)) };
    const [short] = acrossSeeds(cut, 0.05, true);
    expect(short.byStep.median).toHaveLength(25);
    expect(short.byEpoch.median).toHaveLength(2);
    expect(acrossSeeds(tiny, 0.01, true)).toEqual([]);
  });
});
