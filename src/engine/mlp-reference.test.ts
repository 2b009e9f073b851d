import { describe, expect, it } from 'vitest';
import { describeModelTrace, pytorchModels, type ModelTraceCase } from './__fixtures__/pytorch-models';
import { jsonFloat } from './__fixtures__/pytorch-vectors';
import { DEFAULT_CONFIG, type RunConfig } from './config';
import { tutorialDataset } from './datasets';
import { formatFixed } from './format';
import { mlpStepFloat64, sleefExpf } from './mlp-reference';
import { createRunPlan } from './plan';
import { trainReference, type Precision } from './reference';

function configOf(t: ModelTraceCase): RunConfig {
  return {
    ...DEFAULT_CONFIG,
    dataset: t.dataset,
    samples: t.samples,
    seed: t.seed,
    model: t.model,
    hiddenUnits: t.hiddenUnits,
    activation: t.activation,
    batchSize: t.batchSize,
    shuffle: t.shuffle,
    dropLast: t.dropLast,
    learningRate: t.learningRate,
    epochs: t.epochs,
    validationSplit: t.validationSplit ?? 0,
  };
}

function traceRun(t: ModelTraceCase, precision: Precision) {
  const plan = createRunPlan(configOf(t));
  const steps = trainReference({ ...plan, learningRate: t.learningRate, epochs: t.epochs }, precision, true);
  return { plan, steps };
}

function relativeError(actual: number, expected: number): number {
  if (actual === expected || (Number.isNaN(actual) && Number.isNaN(expected))) return 0;
  return Math.abs(actual - expected) / Math.abs(expected);
}

const traces = pytorchModels.traces.map((t) => [describeModelTrace(t), t] as const);
// tanh runs through SLEEF's tanhf, which the engine approximates by a correctly rounded tanh: the
// same bits for most inputs (4 of the 5 tanh runs), not all (the 2,048 tanh of the widest run).
const bitExact = (t: ModelTraceCase) =>
  t.model === 'linear' || t.activation !== 'tanh' || t.hiddenUnits * t.batchSize < 512;

describe("PyTorch's float32 exp (what sigmoid calls)", () => {
  it('sleefExpf gives torch.exp bit for bit, where libm rounding differs', () => {
    const { x, exp } = pytorchModels.exp;
    expect(x.map(sleefExpf)).toEqual(exp.map(jsonFloat));
    expect(x.filter((v, i) => Math.fround(Math.exp(v)) !== jsonFloat(exp[i])).length).toBeGreaterThan(0);
  });
});

describe('reference trainer on the MLP and the generated sets, against PyTorch 1.13', () => {
  it.each(traces)('%s: same initial parameters and batches', (_, t) => {
    const { plan, steps } = traceRun(t, 'float32');
    expect(Array.from(plan.initialParameters)).toEqual(t.initial);
    expect(steps.map((s) => [s.epoch, s.stepInEpoch, s.batch])).toEqual(t.steps.map((s) => s.slice(0, 3)));
  });

  it.each(traces.filter(([, t]) => bitExact(t)))('%s: float32 bit for bit, every parameter', (_, t) => {
    const { steps } = traceRun(t, 'float32');
    expect(steps.map((s) => s.loss)).toEqual(t.steps.map((s) => jsonFloat(s[3])));
    expect(steps.map((s) => Array.from(s.parameters!))).toEqual(t.steps.map((s) => s[5].map(jsonFloat)));
  });

  it('runs most of the fixtures bit for bit', () => {
    expect(traces.filter(([, t]) => !bitExact(t)).map(([name]) => name)).toEqual([
      'sine n 64, mlp 32 tanh, seed 11, batch 16, lr 0.1',
    ]);
  });

  it.each(traces)('%s: float32 within 1e-6 relative, the same 4 decimals', (_, t) => {
    const { steps } = traceRun(t, 'float32');
    t.steps.forEach(([, , , loss, loss4, parameters], k) => {
      expect(relativeError(steps[k].loss, jsonFloat(loss))).toBeLessThanOrEqual(1e-6);
      expect(formatFixed(steps[k].loss, 4)).toBe(loss4);
      const largest = Math.max(...parameters.map((p) => Math.abs(jsonFloat(p))));
      parameters.forEach((p, i) => {
        expect(Math.abs(steps[k].parameters![i] - jsonFloat(p))).toBeLessThanOrEqual(1e-5 * largest);
      });
    });
  });

  it.each(traces)('%s: float64 within 1e-4 relative + 1e-6 of PyTorch', (_, t) => {
    const { steps } = traceRun(t, 'float64');
    t.steps.forEach(([, , , loss], k) => {
      const expected = jsonFloat(loss);
      expect(Math.abs(steps[k].loss - expected)).toBeLessThanOrEqual(1e-4 * expected + 1e-6);
    });
  });
});

describe('MLP step, float64, against one worked by hand', () => {
  it('h = 1, relu: the chain rule through both layers', () => {
    // W1 = 2, b1 = −1, W2 = 3, b2 = 0.5; x = 1 (y = 2): z = 1, a = 1, ŷ = 3.5, ŷ − y = 1.5
    // loss = 2.25; g = 2·1.5 = 3; ∂W2 = g·a = 3; ∂b2 = 3; ∂a = g·W2 = 9; ∂z = 9 (z > 0);
    // ∂W1 = ∂z·x = 9; ∂b1 = 9. lr 0.1: W1 = 1.1, b1 = −1.9, W2 = 2.7, b2 = 0.2
    const { loss, parameters } = mlpStepFloat64(tutorialDataset(), [0], [2, -1, 3, 0.5], 1, 'relu', 0.1);
    expect(loss).toBeCloseTo(2.25, 12);
    [1.1, -1.9, 2.7, 0.2].forEach((v, i) => expect(parameters[i]).toBeCloseTo(v, 12));
  });

  it('a relu unit that is off passes no gradient to its first layer', () => {
    const { parameters } = mlpStepFloat64(tutorialDataset(), [0, 1], [-1, -1, 3, 0.5], 1, 'relu', 0.1);
    expect([parameters[0], parameters[1], parameters[2]]).toEqual([-1, -1, 3]);
  });

  it('tanh and sigmoid use their derivatives 1 − a² and a(1 − a)', () => {
    for (const activation of ['tanh', 'sigmoid'] as const) {
      const p = [0.3, -0.2, 0.7, 0.1];
      const eps = 1e-6;
      const lossAt = (q: number[]) => mlpStepFloat64(tutorialDataset(), [2, 4], q, 1, activation, 0).loss;
      const { parameters } = mlpStepFloat64(tutorialDataset(), [2, 4], p, 1, activation, 1);
      p.forEach((v, i) => {
        const up = p.map((u, k) => (k === i ? u + eps : u));
        const down = p.map((u, k) => (k === i ? u - eps : u));
        const numeric = (lossAt(up) - lossAt(down)) / (2 * eps);
        expect(v - parameters[i]).toBeCloseTo(numeric, 5);
      });
    }
  });
});
