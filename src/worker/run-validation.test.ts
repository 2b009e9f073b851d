// A run with a validation split in the worker, on tfjs's CPU backend: it names the held-out samples,
// its batches never hold one, and after every epoch it sends the held-out MSE that PyTorch printed
// for the same seed (scripts/pytorch_*reference.py), for the linear model and for the MLP, whose
// chunks end at epoch ends so that its parameters are there.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { pytorchModels } from '../engine/__fixtures__/pytorch-models';
import { jsonFloat, pytorchVectors } from '../engine/__fixtures__/pytorch-vectors';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import type { FromWorker, ValidationPoint } from '../protocol';
import { TrainingRun } from './run';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function train(config: RunConfig) {
  const messages: FromWorker[] = [];
  const run = new TrainingRun(1, config, (m) => messages.push(m));
  run.train();
  for (let i = 0; i < 5000 && !messages.some((m) => m.type === 'state' && m.state === 'finished'); i++)
    await new Promise((r) => setTimeout(r, 2));
  await run.dispose();
  const ready = messages.find((m) => m.type === 'run-ready')!;
  const progress = messages.flatMap((m) => (m.type === 'progress' ? [m] : []));
  const orders = messages.flatMap((m) => (m.type === 'epoch' ? Array.from(m.order) : []));
  const validation: ValidationPoint[] = progress.flatMap((m) => m.validation ?? []);
  return { ready, progress, orders, validation };
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('TrainingRun with a validation split', () => {
  it('the tutorial with val=0.2: held-out samples, batches and every epoch’s held-out MSE as PyTorch', async () => {
    const t = pytorchVectors.traces.find((c) => c.validationSplit === 0.2 && c.seed === 42)!;
    const { ready, orders, validation } = await train({ ...DEFAULT_CONFIG, seed: 42, validationSplit: 0.2 });
    expect(ready.type === 'run-ready' && Array.from(ready.heldOut!)).toEqual(t.heldOut);
    expect(orders).toEqual(t.steps.flatMap((s) => s[2]));
    expect(validation.map((v) => v.epoch)).toEqual(t.validation!.map(([e]) => e));
    validation.forEach((v, k) => expect(relative(v.loss, jsonFloat(t.validation![k][1]))).toBeLessThan(1e-5));
  });

  it('the MLP: one held-out MSE per epoch, each from the parameters after that epoch', async () => {
    const t = pytorchModels.traces.find((c) => c.validationSplit && c.model === 'mlp' && c.activation === 'relu')!;
    const config: RunConfig = {
      ...DEFAULT_CONFIG,
      ...{ dataset: t.dataset, samples: t.samples, model: t.model, hiddenUnits: t.hiddenUnits },
      ...{ activation: t.activation, batchSize: t.batchSize, seed: t.seed, learningRate: t.learningRate },
      ...{ epochs: t.epochs, validationSplit: t.validationSplit! },
    };
    const { progress, validation } = await train(config);
    // No chunk goes past an epoch's end (without a split they span several epochs).
    expect(progress.every((m) => new Set(m.steps.map((s) => s.epoch)).size === 1)).toBe(true);
    expect(validation.map((v) => v.epoch)).toEqual(t.validation!.map(([e]) => e));
    validation.forEach((v, k) => expect(relative(v.loss, jsonFloat(t.validation![k][1]))).toBeLessThan(1e-4));
    expect(tf.memory().numTensors).toBe(0);
  });

  it('without a split: no held-out samples and no validation in any message', async () => {
    const { ready, progress } = await train({ ...DEFAULT_CONFIG, epochs: 2 });
    expect(ready).not.toHaveProperty('heldOut');
    expect(progress.some((m) => 'validation' in m)).toBe(false);
  });
});
