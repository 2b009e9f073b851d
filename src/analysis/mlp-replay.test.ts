// The replay against real PyTorch: from the fixture's parameters after some step, replaying the
// next steps on their batches gives the fixture's parameters after them.
import { describe, expect, it } from 'vitest';
import { describeModelTrace, pytorchModels, type ModelTraceCase } from '../engine/__fixtures__/pytorch-models';
import { jsonFloat } from '../engine/__fixtures__/pytorch-vectors';
import { DEFAULT_CONFIG } from '../engine/config';
import { createRunPlan } from '../engine/plan';
import { replayMlp } from './mlp-replay';
import { batchPositions, trainingSet } from './training-set';

const mlpTraces = pytorchModels.traces.filter((t) => t.model === 'mlp').map((t) => [describeModelTrace(t), t] as const);
// As in mlp-reference.test.ts: the engine's tanh stands in for SLEEF's, the same bits except on
// the widest tanh run; there the float32 step is within 1e-5 of the largest parameter.
const bitExact = (t: ModelTraceCase) => t.activation !== 'tanh' || t.hiddenUnits * t.batchSize < 512;

/** The run's training set and, for step k (0-based), its batch as positions in it. */
function setUp(t: ModelTraceCase) {
  const { dataset, heldOut } = createRunPlan({
    ...DEFAULT_CONFIG,
    ...t,
    validationSplit: t.validationSplit ?? 0,
  });
  const trained = trainingSet(dataset.x, dataset.y, heldOut.length > 0 ? heldOut : null);
  const batch = (k: number) => batchPositions(Int32Array.from(t.steps[k][2]), trained);
  const after = (k: number) => (k < 0 ? t.initial : t.steps[k][5].map(jsonFloat));
  return { trained, batch, after };
}

function stepsFrom(t: ModelTraceCase, batch: (k: number) => Int32Array, from: number, to: number) {
  const batches = Array.from({ length: to - from }, (_, j) => batch(from + j));
  const order = new Int32Array(batches.reduce((n, b) => n + b.length, 0));
  batches.reduce((at, b) => (order.set(b, at), at + b.length), 0);
  return {
    order,
    lengths: Int32Array.from(batches, (b) => b.length),
    learningRate: t.learningRate,
    hiddenUnits: t.hiddenUnits,
    activation: t.activation,
  };
}

describe('replayMlp: the steps between checkpoints, in PyTorch’s float32 arithmetic', () => {
  it('covers the MLP fixtures, two with a validation split', () => {
    expect(mlpTraces.length).toBe(12);
    expect(mlpTraces.filter(([, t]) => t.validationSplit).length).toBe(2);
  });

  it.each(mlpTraces)('%s: from any step’s parameters, every later step’s', (_, t) => {
    const { trained, batch, after } = setUp(t);
    const total = t.steps.length;
    let compared = 0;
    for (let from = 0; from < total; from += 3) {
      for (const to of [from + 1, Math.min(total, from + 5), total]) {
        if (to <= from) continue;
        const replayed = Array.from(replayMlp(trained.x, trained.y, after(from - 1), stepsFrom(t, batch, from, to)));
        const expected = after(to - 1);
        if (bitExact(t)) expect(replayed).toEqual(expected);
        else {
          const largest = Math.max(...expected.map(Math.abs));
          replayed.forEach((p, i) => expect(Math.abs(p - expected[i])).toBeLessThanOrEqual(1e-5 * largest));
        }
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('no steps: the checkpoint itself, copied', () => {
    const params = [0.5, -1, 2, 0.25];
    const none = { order: new Int32Array(0), lengths: new Int32Array(0), learningRate: 0.1, hiddenUnits: 1 };
    const out = replayMlp(Float32Array.of(1), Float32Array.of(2), params, { ...none, activation: 'relu' });
    expect(Array.from(out)).toEqual(params);
  });
});
