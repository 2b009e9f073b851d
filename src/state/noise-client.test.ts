import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { epochMessage, type StepRecord } from '../protocol';
import { noiseTarget } from './noise-client';
import { RunStore } from './run-store';

const config: RunConfig = { ...DEFAULT_CONFIG, epochs: 2, batchSize: 4 };
const x = Float32Array.from({ length: 10 }, (_, i) => i + 1);

/** Step s (0-based) leaves (w, b) = (s + 1, −(s + 1)). */
const step = (s: number, stepInEpoch: number, epoch: number): StepRecord => ({
  step: s,
  epoch,
  stepInEpoch,
  loss: 1,
  params: { w: s + 1, b: -(s + 1) },
});

const TUTORIAL_BATCHES = [
  [3, 1, 4, 0],
  [9, 2, 6, 5],
  [8, 7],
];

function storeAfter(steps: StepRecord[], runConfig = config, modelParams?: number[], batches = TUTORIAL_BATCHES) {
  const store = new RunStore(runConfig, (flush) => flush());
  store.beginRun(1, runConfig);
  store.handle({
    type: 'run-ready',
    runId: 1,
    config: runConfig,
    initialParams: { w: 0.25, b: 0.5 },
    initialModelParams: [9, 9, 9, 9],
    stepsPerEpoch: batches.length,
    datasetSize: 10,
    tensorCount: 4,
    data: { x, y: x.map((v) => 2 * v) },
  });
  store.handle(epochMessage(1, 1, batches, 4));
  if (steps.length > 0) store.handle({ type: 'progress', runId: 1, steps, tensorCount: 4, modelParams });
  return store.getSnapshot();
}

describe('noiseTarget: the step the gradient-noise figure draws', () => {
  it('with a validation split: the training samples only, and the batch as positions among them', () => {
    // Samples 0 and 5 held out: an epoch walks the other 8.
    const batches = [
      [3, 1, 4, 9],
      [2, 6, 8, 7],
    ];
    const run = { ...storeAfter([], config, undefined, batches), heldOut: Int32Array.of(5, 0) };
    const target = noiseTarget(run, null)!;
    expect([...target.data.x]).toEqual([2, 3, 4, 5, 7, 8, 9, 10]);
    expect([...target.data.y]).toEqual([4, 6, 8, 10, 14, 16, 18, 20]);
    expect([...target.actualBatch()!]).toEqual([2, 0, 3, 7]);
  });

  it('before any step: step 1 at the initial parameters, with its batch', () => {
    const target = noiseTarget(storeAfter([]), null)!;
    expect(target.step).toBe(0);
    expect(target.params).toEqual([0.25, 0.5]);
    expect([...target.actualBatch()!]).toEqual([3, 1, 4, 0]);
  });

  it('the latest step at the parameters before its update; a pointed step at its own', () => {
    const run = storeAfter([step(0, 1, 1), step(1, 2, 1), step(2, 3, 1)]);
    const latest = noiseTarget(run, null)!;
    expect(latest.step).toBe(2);
    expect(latest.params).toEqual([2, -2]); // after step index 1
    expect([...latest.actualBatch()!]).toEqual([8, 7]); // the short last batch
    const pointed = noiseTarget(run, 1)!;
    expect(pointed.step).toBe(1);
    expect(pointed.params).toEqual([1, -1]);
    expect(pointed.seed).not.toBe(latest.seed);
    expect(noiseTarget(run, 0)!.params).toEqual([0.25, 0.5]);
    // Not trained yet and not next: the latest instead.
    expect(noiseTarget(run, 5)!.step).toBe(2);
  });

  it('the MLP: the next step, at the latest parameters the worker sent', () => {
    const mlp: RunConfig = { ...config, model: 'mlp', hiddenUnits: 1 };
    const run = storeAfter([step(0, 1, 1)], mlp, [1, 2, 3, 4]);
    const target = noiseTarget(run, 0)!;
    expect(target.step).toBe(1);
    expect(target.params).toEqual([1, 2, 3, 4]);
    expect(target.model).toEqual({ kind: 'mlp', hiddenUnits: 1, activation: mlp.activation });
  });
});
