// The MLP's CSV noise columns against float64 computed here, by plain loops, from PyTorch's own
// parameters before each step (the fixtures hold every parameter after every step).
import { describe, expect, it } from 'vitest';
import { pytorchModels, type ModelTraceCase } from '../engine/__fixtures__/pytorch-models';
import { jsonFloat } from '../engine/__fixtures__/pytorch-vectors';
import { DEFAULT_CONFIG } from '../engine/config';
import { createRunPlan } from '../engine/plan';
import { mlpNoiseRows, NOISE_VALUES_PER_ROW, type MlpNoiseJob } from './mlp-noise-rows';
import { batchPositions, trainingSet } from './training-set';

const act = { relu: (z: number) => Math.max(z, 0), tanh: Math.tanh, sigmoid: (z: number) => 1 / (1 + Math.exp(-z)) };
const slope = {
  relu: (z: number) => (z > 0 ? 1 : 0),
  tanh: (z: number) => 1 - Math.tanh(z) ** 2,
  sigmoid: (z: number) => act.sigmoid(z) * (1 - act.sigmoid(z)),
};

/** tr Σ, |G|², E|g_B − G|², B_simple by loops: every per-sample gradient written out. */
function expected(x: Float32Array, y: Float32Array, p: number[], t: ModelTraceCase): number[] {
  const h = t.hiddenUnits;
  const rows = Array.from(x, (xi, i) => {
    const z = Array.from({ length: h }, (_, j) => p[j] * xi + p[h + j]);
    const a = z.map(act[t.activation]);
    const twoR = 2 * (a.reduce((s, aj, j) => s + p[2 * h + j] * aj, p[3 * h]) - y[i]);
    const dz = z.map((zj, j) => twoR * p[2 * h + j] * slope[t.activation](zj));
    return [...dz.map((d) => d * xi), ...dz, ...a.map((aj) => twoR * aj), twoR];
  });
  const n = rows.length;
  const g = rows[0].map((_, k) => rows.reduce((s, r) => s + r[k], 0) / n);
  const trace = rows.reduce((s, r) => s + r.reduce((q, rk, k) => q + (rk - g[k]) ** 2, 0), 0) / n;
  const g2 = g.reduce((s, gk) => s + gk * gk, 0);
  const b = Math.min(t.batchSize, n);
  return [trace, g2, ((trace / b) * (n - b)) / (n - 1), trace / g2];
}

function jobFor(t: ModelTraceCase, checkpointSteps: number[], missing = new Set<number>()) {
  const { dataset, heldOut } = createRunPlan({ ...DEFAULT_CONFIG, ...t, validationSplit: t.validationSplit ?? 0 });
  const trained = trainingSet(dataset.x, dataset.y, heldOut.length > 0 ? heldOut : null);
  const paramsBefore = (s: number) => (s === 0 ? t.initial : t.steps[s - 1][5].map(jsonFloat));
  const batches = t.steps.map((step) => batchPositions(Int32Array.from(step[2]), trained));
  const kept = batches.filter((_, s) => !missing.has(s));
  const order = new Int32Array(kept.reduce((n, b) => n + b.length, 0));
  kept.reduce((at, b) => (order.set(b, at), at + b.length), 0);
  const job: MlpNoiseJob = {
    x: trained.x,
    y: trained.y,
    hiddenUnits: t.hiddenUnits,
    activation: t.activation,
    learningRate: t.learningRate,
    batchSize: t.batchSize,
    replacement: false,
    steps: t.steps.length,
    checkpointSteps: Int32Array.from(checkpointSteps),
    checkpointParams: Float32Array.from(checkpointSteps.flatMap(paramsBefore)),
    order,
    lengths: Int32Array.from(batches, (b, s) => (missing.has(s) ? -1 : b.length)),
  };
  return { job, trained, paramsBefore };
}

const near = (actual: number, wanted: number) =>
  expect(Math.abs(actual - wanted)).toBeLessThanOrEqual(1e-11 * Math.abs(wanted));

// Bit-exact replays (mlp-replay.test.ts): ReLU, sigmoid, and a validation split.
const cases = pytorchModels.traces.filter(
  (t) => t.model === 'mlp' && (t.activation !== 'tanh' || t.validationSplit) && t.steps.length >= 9,
);

describe('mlpNoiseRows: the CSV noise columns of an MLP run', () => {
  it('covers ReLU, sigmoid, tanh and a validation split', () => {
    expect(new Set(cases.map((t) => t.activation))).toEqual(new Set(['relu', 'sigmoid', 'tanh']));
    expect(cases.some((t) => t.validationSplit)).toBe(true);
  });

  it.each(cases.map((t) => [`${t.dataset} h ${t.hiddenUnits} ${t.activation}`, t] as const))(
    '%s: every row from checkpoints 0, 4 and 7 and the steps replayed between',
    (_, t) => {
      const { job, trained, paramsBefore } = jobFor(t, [0, 4, 7]);
      const told: number[] = [];
      const { values, known } = mlpNoiseRows(job, (done) => told.push(done));
      expect(Array.from(known)).toEqual(t.steps.map(() => 1));
      expect(told.at(-1)).toBe(t.steps.length);
      t.steps.forEach((_, s) => {
        const wanted = expected(trained.x, trained.y, paramsBefore(s), t);
        wanted.forEach((w, k) => near(values[NOISE_VALUES_PER_ROW * s + k], w));
      });
    },
  );

  it('a step whose batch is gone: the rows after it are unknown until the next checkpoint', () => {
    const t = cases[0];
    const { job, trained, paramsBefore } = jobFor(t, [0, 6], new Set([2]));
    const { values, known } = mlpNoiseRows(job);
    expect(Array.from(known).slice(0, 8)).toEqual([1, 1, 1, 0, 0, 0, 1, 1]);
    near(values[NOISE_VALUES_PER_ROW * 6], expected(trained.x, trained.y, paramsBefore(6), t)[0]);
  });
});
