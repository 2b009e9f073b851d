import { describe, expect, it } from 'vitest';
import { describeTrace, jsonFloat, pytorchVectors, traceExperiment } from '../__fixtures__/pytorch-vectors';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { createRunPlan } from '../plan';
import { trainReference } from '../reference';
import { trainExperimentFloat32 } from './js-engine';
import { planExperiment, stepsPerRunFor, trainSizeOf } from './plan';
import { runLosses, summarizeExperiment, summarizeRun } from './results';
import {
  DEFAULT_EXPERIMENT_TEXT,
  experimentRuns,
  parseExperiment,
  runConfigOf,
  seedPlus,
  type ExperimentSpec,
} from './spec';

const parse = (text: Partial<typeof DEFAULT_EXPERIMENT_TEXT>, base: RunConfig = DEFAULT_CONFIG) =>
  parseExperiment({ ...DEFAULT_EXPERIMENT_TEXT, ...text }, trainSizeOf(base), stepsPerRunFor(base));

describe('parseExperiment', () => {
  it('reads the defaults: 5 batch sizes × 5 learning rates × 8 seeds', () => {
    const { spec, problems } = parse({});
    expect(problems).toEqual({});
    expect(spec).toEqual({
      batchSizes: [1, 2, 3, 5, 10],
      learningRates: [0.001, 0.003, 0.01, 0.02, 0.03],
      shuffle: 'on',
      seedsPerSetting: 8,
      targetLoss: 0.01,
    });
    expect(experimentRuns(spec!, 0)).toHaveLength(200);
  });

  it('clamps batch sizes to the samples of an epoch and drops the repeats; spaces and Chinese commas separate', () => {
    expect(parse({ batchSizes: '4 10，20、100' }).spec!.batchSizes).toEqual([4, 10]);
    const held = { ...DEFAULT_CONFIG, validationSplit: 0.2 };
    expect(parse({ batchSizes: '10' }, held).spec!.batchSizes).toEqual([8]);
  });

  it.each([
    ['batchSizes', '', 'error.xBatchSizes'],
    ['batchSizes', '1,,x', 'error.xBatchSizes'],
    ['batchSizes', '0,3', 'error.xBatchSizes'],
    ['batchSizes', '2.5', 'error.xBatchSizes'],
    ['learningRates', '0.01,0', 'error.xLearningRates'],
    ['learningRates', '-0.1', 'error.xLearningRates'],
    ['learningRates', 'abc', 'error.xLearningRates'],
    ['shuffle', 'sometimes', 'error.xShuffle'],
    ['seedsPerSetting', '0', 'error.xSeeds'],
    ['seedsPerSetting', '65', 'error.xSeeds'],
    ['seedsPerSetting', '1.5', 'error.xSeeds'],
    ['targetLoss', '0', 'error.xTarget'],
    ['targetLoss', '', 'error.xTarget'],
  ] as const)('refuses %s = %j with %s, next to its box', (box, text, key) => {
    const { spec, problems } = parse({ [box]: text });
    expect(spec).toBeNull();
    expect(Object.keys(problems)).toEqual([box]);
    expect(problems[box]!.key).toBe(key);
  });

  it('refuses more than 10,000 runs, and grids whose losses would not fit', () => {
    const lrs = Array.from({ length: 16 }, (_, i) => (i + 1) / 1000).join(',');
    const many = parse({ learningRates: lrs, shuffle: 'both', seedsPerSetting: '64' });
    expect(many.problems.grid).toEqual({ key: 'error.xTooManyRuns', params: { runs: 10240, max: 10000 } });
    expect(parse({ learningRates: '1,2,3,4,5,6,7,8', shuffle: 'both', seedsPerSetting: '64' }).problems).toEqual({});
    const big = { ...DEFAULT_CONFIG, dataset: 'line' as const, samples: 100_000, epochs: 100 };
    const steps = parse({ batchSizes: '1', learningRates: '0.01', seedsPerSetting: '2' }, big);
    expect(steps.problems.grid).toEqual({ key: 'error.xTooManySteps', params: { steps: 2e7, max: 2 ** 24 } });
  });
});

describe('experimentRuns', () => {
  it('orders shuffle, batch size, learning rate, seed; seed = Seed + s', () => {
    const spec: ExperimentSpec = {
      batchSizes: [1, 10],
      learningRates: [0.01, 0.02],
      shuffle: 'both',
      seedsPerSetting: 2,
      targetLoss: 0.01,
    };
    const runs = experimentRuns(spec, 5);
    expect(runs).toHaveLength(16);
    expect(runs.slice(0, 3).map((r) => [r.shuffle, r.batchSize, r.learningRate, r.seed])).toEqual([
      [true, 1, 0.01, 5],
      [true, 1, 0.01, 6],
      [true, 1, 0.02, 5],
    ]);
    expect(runs[8].shuffle).toBe(false);
    expect(runs.map((r) => r.index)).toEqual([...runs.keys()]);
  });

  it('adds to seeds beyond 2^53 exactly, and wraps at the top of PyTorch range', () => {
    expect(seedPlus('9007199254740993', 2)).toBe('9007199254740995');
    expect(seedPlus('18446744073709551615', 1)).toBe('-9223372036854775808');
    expect(seedPlus(-3, 3)).toBe(0);
  });
});

describe('the JS float32 experiment engine', () => {
  const { traces } = pytorchVectors;

  it.each(traces.map((t) => [describeTrace(t), t] as const))(
    "%s, as one run of an experiment: PyTorch's losses bit for bit",
    (_, t) => {
      const { base, spec } = traceExperiment(t);
      const plan = planExperiment(base, spec);
      const losses = trainExperimentFloat32(plan, 7);
      expect(Array.from(losses)).toEqual(t.steps.map((s) => jsonFloat(s[3])));
    },
  );

  it('every run of a grid is the single run with its settings (float32 reference), in chunks of any size', () => {
    const base: RunConfig = { ...DEFAULT_CONFIG, dataset: 'line', samples: 37, epochs: 5, dropLast: true, seed: 11 };
    const spec: ExperimentSpec = {
      batchSizes: [1, 4, 37],
      learningRates: [0.003, 0.5],
      shuffle: 'both',
      seedsPerSetting: 3,
      targetLoss: 0.5,
    };
    const losses = trainExperimentFloat32(planExperiment(base, spec), 50);
    const plan = planExperiment(base, spec);
    expect(plan.datasets).toHaveLength(3); // one per seed: a generated set depends on it
    plan.runs.forEach((run, r) => {
      const config = runConfigOf(base, run);
      const single = createRunPlan(config);
      const steps = trainReference({ ...single, learningRate: run.learningRate, epochs: base.epochs }, 'float32');
      expect(Array.from(runLosses({ losses, stepOffset: plan.stepOffset }, r))).toEqual(
        steps.map((s) => Math.fround(s.loss)),
      );
    });
    expect(Array.from(trainExperimentFloat32(planExperiment(base, spec), 1))).toEqual(Array.from(losses));
  });

  it('the MLP too', () => {
    const base: RunConfig = {
      ...DEFAULT_CONFIG,
      dataset: 'sine',
      samples: 20,
      model: 'mlp',
      hiddenUnits: 5,
      epochs: 3,
    };
    const spec: ExperimentSpec = {
      batchSizes: [3, 20],
      learningRates: [0.05],
      shuffle: 'on',
      seedsPerSetting: 2,
      targetLoss: 0.1,
    };
    const plan = planExperiment(base, spec);
    const losses = trainExperimentFloat32(plan, 9);
    plan.runs.forEach((run, r) => {
      const single = createRunPlan(runConfigOf(base, run));
      const steps = trainReference({ ...single, learningRate: run.learningRate, epochs: base.epochs }, 'float32');
      expect(Array.from(runLosses({ losses, stepOffset: plan.stepOffset }, r))).toEqual(
        steps.map((s) => Math.fround(s.loss)),
      );
    });
  });
});

describe('summaries', () => {
  it('final loss is the last epoch mean; steps to target the first step at or under it', () => {
    const s = summarizeRun([9, 4, 0.5, 0.02, 0.01, 0.03], 2, 0.01);
    expect(s).toEqual({ finalLoss: 0.02, stepsToTarget: 5, diverged: false });
    expect(summarizeRun([9, 4, 2, 1], 2, 0.01).stepsToTarget).toBeNull();
  });

  it('marks a non-finite or exploding run as diverged, and keeps it', () => {
    expect(summarizeRun([1, 2, Infinity, NaN], 2, 0.01)).toEqual({
      finalLoss: NaN,
      stepsToTarget: null,
      diverged: true,
    });
    const growing = Array.from({ length: 40 }, (_, i) => 10 ** (i / 4));
    expect(summarizeRun(growing, 4, 0.01).diverged).toBe(true);
    const base: RunConfig = { ...DEFAULT_CONFIG, epochs: 30 };
    const spec: ExperimentSpec = {
      batchSizes: [10],
      learningRates: [0.01, 0.1],
      shuffle: 'on',
      seedsPerSetting: 1,
      targetLoss: 0.01,
    };
    const plan = planExperiment(base, spec);
    const results = summarizeExperiment(
      plan.runs,
      trainExperimentFloat32(plan),
      plan.stepOffset,
      plan.stepsPerEpoch,
      30,
      0.01,
    );
    expect(results.rows.map((r) => r.diverged)).toEqual([false, true]);
    expect(results.rows[1].steps).toBe(30);
  });
});
