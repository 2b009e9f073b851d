// An MLP run through the store as the worker sends it (chunks of 1, 2, 4, … steps, parameters after
// each chunk's last), trained by the engine's float32 reference: every step's parameters, replayed
// from the store's checkpoints as the figure and the CSV ask for them, are the reference's own.
import { describe, expect, it } from 'vitest';
import { mlpNoiseRows, NOISE_VALUES_PER_ROW } from '../analysis/mlp-noise-rows';
import { replayMlp } from '../analysis/mlp-replay';
import { noiseNumbers } from '../analysis/noise-numbers';
import { mlpGradients } from '../analysis/per-sample-gradients';
import { trainingSet } from '../analysis/training-set';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { createRunPlan } from '../engine/plan';
import { trainReference } from '../engine/reference';
import { epochMessage } from '../protocol';
import { noiseTarget } from './noise-client';
import { mlpNoiseJob } from './noise-csv-client';
import { RunStore } from './run-store';

function trainedRun(config: RunConfig) {
  const plan = createRunPlan(config);
  const { dataset, heldOut, stepsPerEpoch, initialParameters } = plan;
  const reference = trainReference(
    { ...plan, learningRate: config.learningRate, epochs: config.epochs },
    'float32',
    true,
  );
  const store = new RunStore(config, (flush) => flush());
  store.beginRun(1, config);
  store.handle({
    type: 'run-ready',
    runId: 1,
    config,
    initialModelParams: Array.from(initialParameters),
    stepsPerEpoch,
    datasetSize: dataset.x.length,
    tensorCount: 4,
    data: { x: dataset.x, y: dataset.y },
    ...(heldOut.length > 0 ? { heldOut } : {}),
  });
  for (let e = 1; e <= config.epochs; e++) {
    const batches = reference.filter((s) => s.epoch === e).map((s) => s.batch);
    store.handle(epochMessage(1, e, batches, config.batchSize));
  }
  for (let from = 0, size = 1; from < reference.length; from += size, size *= 2) {
    const chunk = reference.slice(from, from + size);
    const steps = chunk.map((s, k) => ({ step: from + k, epoch: s.epoch, stepInEpoch: s.stepInEpoch, loss: s.loss }));
    store.handle({
      type: 'progress',
      runId: 1,
      steps,
      tensorCount: 4,
      modelParams: Array.from(chunk.at(-1)!.parameters!),
    });
  }
  const before = (s: number) => (s === 0 ? Array.from(initialParameters) : Array.from(reference[s - 1].parameters!));
  return { run: store.getSnapshot(), before, steps: reference.length, plan };
}

const mlp: RunConfig = { ...DEFAULT_CONFIG, model: 'mlp', hiddenUnits: 3, activation: 'sigmoid', epochs: 3 };

describe.each([
  ['tutorial', mlp],
  ['sine, a validation split', { ...mlp, dataset: 'sine' as const, samples: 20, validationSplit: 0.25, batchSize: 4 }],
])('an MLP run in the store (%s)', (_, config) => {
  it('the figure: every step’s parameters before its update, replayed from the newest checkpoint', () => {
    const { run, before, steps } = trainedRun(config);
    expect(run.data.checkpoints.all.map((c) => c.step)).toEqual([0, 1, 3, 7, 15, 31, steps].filter((s) => s <= steps));
    let replayed = 0;
    for (let s = 0; s < steps; s++) {
      const target = noiseTarget(run, s)!;
      expect([target.step, target.latestOnly]).toEqual([s, null]);
      const replay = target.replay?.();
      const params = replay ? replayMlp(target.data.x, target.data.y, target.params, replay) : target.params;
      expect(Array.from(params)).toEqual(before(s));
      if (replay) replayed += 1;
    }
    expect(replayed).toBeGreaterThan(steps / 2);
    // Not pointed: the last step, as for the linear model.
    expect(noiseTarget(run, null)!.step).toBe(steps - 1);
  });

  it('the CSV: every row’s noise numbers at those parameters, over the training samples', () => {
    const { run, before, steps } = trainedRun(config);
    const job = mlpNoiseJob(run)!;
    const { values, known } = mlpNoiseRows(job);
    expect(Array.from(known)).toEqual(Array.from({ length: steps }, () => 1));
    const trained = trainingSet(run.dataColumns!.x, run.dataColumns!.y, run.heldOut);
    expect(job.x.length).toBe(run.dataColumns!.x.length - (run.heldOut?.length ?? 0));
    for (let s = 0; s < steps; s++) {
      const source = mlpGradients(trained.x, trained.y, before(s), config.hiddenUnits, config.activation);
      const noise = noiseNumbers(source, config.batchSize, config.replacement);
      const row = Array.from(values.subarray(NOISE_VALUES_PER_ROW * s, NOISE_VALUES_PER_ROW * (s + 1)));
      expect(row).toEqual([noise.trace, noise.gradNormSq, noise.variance, noise.noiseScale]);
    }
  });
});

describe('mlpNoiseJob', () => {
  it('is for the MLP only', () => {
    const { run } = trainedRun({ ...DEFAULT_CONFIG, epochs: 1 });
    expect(mlpNoiseJob(run)).toBeNull();
  });
});
