// The validation split against what PyTorch 1.13 did (scripts/pytorch_reference.py and
// pytorch_models_reference.py): random_split's held-out samples, the batches over the rest (their
// original indices), and the held-out MSE after every epoch, bit for bit.
import { describe, expect, it } from 'vitest';
import { describeModelTrace, pytorchModels } from './__fixtures__/pytorch-models';
import { describeTrace, jsonFloat, pytorchVectors, type ValidationRecord } from './__fixtures__/pytorch-vectors';
import { DEFAULT_CONFIG, type RunConfig } from './config';
import { formatFixed } from './format';
import { createRunPlan } from './plan';
import { trainReference, validationLoss } from './reference';
import { TorchGenerator } from './rng/torch-generator';
import { heldOutCount, randomSplit } from './validation';

type Case = ValidationRecord & { config: RunConfig };

const tutorialCases: [string, Case][] = pytorchVectors.traces
  .filter((t) => t.validationSplit)
  .map((t) => [
    describeTrace(t),
    {
      ...t,
      config: {
        ...DEFAULT_CONFIG,
        ...{ batchSize: t.batchSize, shuffle: t.shuffle, dropLast: t.dropLast, seed: t.seed, epochs: t.epochs },
        ...{ learningRate: t.learningRate, replacement: t.replacement ?? false, validationSplit: t.validationSplit! },
      },
    },
  ]);
const modelCases: [string, Case][] = pytorchModels.traces
  .filter((t) => t.validationSplit)
  .map((t) => [
    describeModelTrace(t),
    {
      ...t,
      config: {
        ...DEFAULT_CONFIG,
        ...{ dataset: t.dataset, samples: t.samples, model: t.model, hiddenUnits: t.hiddenUnits },
        ...{ activation: t.activation, batchSize: t.batchSize, shuffle: t.shuffle, dropLast: t.dropLast },
        ...{ seed: t.seed, learningRate: t.learningRate, epochs: t.epochs, validationSplit: t.validationSplit! },
      },
    },
  ]);
const cases = [...tutorialCases, ...modelCases];

function run(config: RunConfig) {
  const plan = createRunPlan(config);
  const steps = trainReference({ ...plan, learningRate: config.learningRate, epochs: config.epochs }, 'float32');
  return { plan, steps };
}

describe('validation split, against PyTorch 1.13', () => {
  it('covers the tutorial (seeds, shuffle off, drop last, replacement) and the MLP', () => {
    expect(tutorialCases.length).toBeGreaterThanOrEqual(6);
    expect(tutorialCases.some(([, c]) => !c.config.shuffle)).toBe(true);
    expect(tutorialCases.some(([, c]) => c.config.dropLast)).toBe(true);
    expect(new Set(tutorialCases.map(([, c]) => c.config.seed)).size).toBeGreaterThanOrEqual(3);
    expect(modelCases.some(([, c]) => c.config.model === 'mlp')).toBe(true);
  });

  it.each(cases)('%s: the held-out samples are val_set.indices, the batches never hold one', (_, c) => {
    const { plan, steps } = run(c.config);
    expect(Array.from(plan.heldOut)).toEqual(c.heldOut);
    expect(plan.heldOut.length).toBe(
      heldOutCount(c.config.validationSplit, c.config.dataset === 'tutorial' ? 10 : c.config.samples),
    );
    const heldOut = new Set(c.heldOut);
    expect(steps.flatMap((s) => s.batch).filter((i) => heldOut.has(i))).toEqual([]);
  });

  it.each(cases)('%s: the held-out MSE after every epoch, bit for bit and as printed', (_, c) => {
    const { steps } = run(c.config);
    const mine = steps.filter((s) => s.validationLoss !== undefined);
    expect(mine.map((s) => s.epoch)).toEqual(c.validation!.map(([epoch]) => epoch));
    // Every epoch's record is on its last step: the parameters after that epoch.
    mine.forEach((s) => expect(steps[steps.indexOf(s) + 1]?.epoch ?? s.epoch + 1).toBe(s.epoch + 1));
    const tanh = c.config.model === 'mlp' && c.config.activation === 'tanh';
    c.validation!.forEach(([, loss, loss4], k) => {
      const expected = jsonFloat(loss);
      // tanh stands in for SLEEF's tanhf: the same bits nearly always (mlp-reference.ts).
      if (tanh) expect(Math.abs(mine[k].validationLoss! - expected)).toBeLessThanOrEqual(1e-6 * expected);
      else expect(mine[k].validationLoss).toBe(expected);
      expect(formatFixed(mine[k].validationLoss!, 4)).toBe(loss4);
    });
  });
});

describe('validation split, edge cases', () => {
  it('k = floor(val × N) as Python int(val * N) computes it', () => {
    expect(heldOutCount(0.3, 10)).toBe(3); // 0.3 × 10 is 3.0000000000000004
    expect(heldOutCount(0.7 / 2, 100)).toBe(35);
    expect(heldOutCount(0.29, 100)).toBe(28); // 0.29 × 100 is 28.999999999999996
    expect(heldOutCount(0.05, 10)).toBe(0);
    expect(heldOutCount(0.4999, 1)).toBe(0);
  });

  it('random_split cuts one randperm: the training set first, the held-out set last', () => {
    const g = new TorchGenerator();
    g.manualSeed(0n);
    const { train, heldOut } = randomSplit(10, 2, g);
    // torch.manual_seed(0); torch.randperm(10) → [4, 1, 7, 5, 3, 9, 0, 8, 6, 2] (pytorch issue #52568)
    expect([...train, ...heldOut]).toEqual([4, 1, 7, 5, 3, 9, 0, 8, 6, 2]);
    expect(Array.from(heldOut)).toEqual([6, 2]);
  });

  it('k = 0 draws nothing: the run is the tutorial run PyTorch printed', () => {
    const tutorial = pytorchVectors.traces.find(
      (t) =>
        t.seed === 0 &&
        t.batchSize === 3 &&
        t.learningRate === 0.01 &&
        t.shuffle &&
        !t.dropLast &&
        !t.replacement &&
        !t.validationSplit,
    )!;
    const { plan, steps } = run({ ...DEFAULT_CONFIG, validationSplit: 0.05 });
    expect(plan.heldOut.length).toBe(0);
    expect(plan.initialParams).toEqual(tutorial.initial);
    expect(steps.map((s) => s.batch)).toEqual(tutorial.steps.map((s) => s[2]));
    expect(steps.some((s) => s.validationLoss !== undefined)).toBe(false);
  });

  it('beyond PyTorch’s one-thread grain (32,768) the held-out MSE is the float64 one, rounded', () => {
    const plan = createRunPlan({ ...DEFAULT_CONFIG, dataset: 'line', samples: 100_000, validationSplit: 0.4 });
    expect(plan.heldOut.length).toBe(40_000);
    const float32 = validationLoss(plan.dataset, plan.heldOut, plan.model, plan.initialParameters);
    const float64 = validationLoss(plan.dataset, plan.heldOut, plan.model, plan.initialParameters, 'float64');
    expect(Math.abs(float32 - float64) / float64).toBeLessThan(1e-6);
    expect(float32).toBe(Math.fround(float32));
  });
});
