// The tfjs MLP trainer on tfjs's CPU backend, in Node: the same code the worker runs on WebGPU and
// WebGL (e2e/models.spec.ts runs it there), checked against the engine's float64 reference.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { createRunPlan } from '../engine/plan';
import { trainReference } from '../engine/reference';
import { MlpSgdTrainer } from './mlp-trainer';

beforeAll(async () => {
  tf.env().set('IS_TEST', true); // no "install tfjs-node" banner
  await tf.setBackend('cpu');
});

function setup(overrides: Partial<RunConfig>, batchSizes: number[] = []) {
  const config = { ...DEFAULT_CONFIG, dataset: 'sine' as const, model: 'mlp' as const, ...overrides };
  const plan = createRunPlan(config);
  const reference = createRunPlan(config);
  const expected = trainReference(
    { ...reference, learningRate: config.learningRate, epochs: config.epochs },
    'float64',
    true,
  );
  if (plan.model.kind !== 'mlp') throw new Error('not an MLP');
  const trainer = new MlpSgdTrainer(plan.dataset, plan.model, plan.initialParameters, config.learningRate, batchSizes);
  return { config, plan, trainer, expected };
}

describe('MlpSgdTrainer (tfjs, CPU backend) against the float64 reference', () => {
  it.each(['relu', 'tanh', 'sigmoid'] as const)(
    '%s: every loss within 1e-4 relative (+1e-6), parameters after each chunk too',
    async (activation) => {
      const { plan, config, trainer, expected } = setup({
        samples: 50,
        hiddenUnits: 12,
        activation,
        batchSize: 4,
        learningRate: 0.1,
        epochs: 3,
      });
      const losses: number[] = [];
      for (let epoch = 0; epoch < config.epochs; epoch++) {
        const batches = plan.nextEpochBatches();
        // Uneven chunks, as the run loop makes them: 1 step, then the rest of the epoch.
        for (const chunk of [batches.slice(0, 1), batches.slice(1)]) {
          const readouts = await trainer.read(trainer.enqueue(chunk));
          expect(readouts).toHaveLength(chunk.length);
          losses.push(...readouts.map((r) => r.loss));
          const { modelParams } = readouts.at(-1)!;
          const reference = expected[losses.length - 1].parameters!;
          expect(modelParams).toHaveLength(3 * 12 + 1);
          modelParams!.forEach((p, i) => expect(Math.abs(p - reference[i])).toBeLessThan(1e-4));
        }
      }
      expect(losses).toHaveLength(expected.length);
      losses.forEach((loss, k) => {
        expect(Math.abs(loss - expected[k].loss)).toBeLessThanOrEqual(1e-4 * expected[k].loss + 1e-6);
      });
      trainer.dispose();
    },
  );

  it('keeps the tensor count flat across steps and frees everything on dispose', async () => {
    const before = tf.memory().numTensors;
    const { plan, trainer } = setup({ samples: 10, batchSize: 3, hiddenUnits: 5 }, [3, 1]);
    const atStart = tf.memory().numTensors;
    const counts: number[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      await trainer.read(trainer.enqueue(plan.nextEpochBatches())); // 3 of 3 and one of 1
      counts.push(tf.memory().numTensors);
    }
    expect(counts).toEqual([atStart, atStart, atStart]);
    // x, y, four parameters, −lr, 1, and 2/B and a row of B ones for B = 3 and the short batch of 1.
    expect(atStart - before).toBe(12);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('an empty chunk reads back nothing but the parameters', async () => {
    const { plan, trainer } = setup({ samples: 10, hiddenUnits: 2 });
    const readouts = await trainer.read(trainer.enqueue([]));
    expect(readouts).toEqual([]);
    trainer.dispose();
    expect(plan.initialParameters).toHaveLength(7);
  });
});
