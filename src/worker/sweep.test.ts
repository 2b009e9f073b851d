// The throughput lab's sweep in the worker, on tfjs's CPU backend in Node: a point per batch size
// with the right steps per epoch, the first step's loss exactly the seeded reference's, every
// tensor freed, refused while a run trains, and stopped by Cancel between chunks.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import { createRunPlan } from '../engine/plan';
import { sgdStep } from '../engine/reference';
import type { FromWorker, SweepPoint } from '../protocol';
import { cancelSweep, runSweep } from './sweep';
import { message } from '../i18n/message';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const request = (over: Partial<{ batchSizes: number[]; budgetMs: number; maxEpochs: number }> = {}) => ({
  type: 'sweep' as const,
  sweepId: 7,
  config: { ...DEFAULT_CONFIG },
  batchSizes: [1, 2, 4, 8, 10],
  budgetMs: 40,
  maxEpochs: 3,
  ...over,
});

function recorder() {
  const messages: FromWorker[] = [];
  const points = () => messages.flatMap((m) => (m.type === 'sweep-point' ? [m.point] : []));
  const done = () => messages.find((m) => m.type === 'sweep-done');
  return { messages, post: (m: FromWorker) => messages.push(m), points, done };
}

describe('runSweep', () => {
  it('measures every batch size from the seed and frees what it made', async () => {
    const r = recorder();
    const before = tf.memory().numTensors;
    await runSweep(request(), r.post, null);
    const points = r.points();
    expect(points.map((p) => p.batchSize)).toEqual([1, 2, 4, 8, 10]);
    expect(points.map((p) => p.stepsPerEpoch)).toEqual([10, 5, 3, 2, 1]);
    for (const p of points) {
      expect(p.samplesPerSecond).toBeGreaterThan(0);
      expect(p.samples).toBeGreaterThanOrEqual(p.steps);
      expect(p.secondsPerEpoch).toBeCloseTo((p.seconds * p.stepsPerEpoch) / p.steps, 12);
      expect(p.epochs).toBeLessThanOrEqual(3);
      expect(p.engine).toBe('tfjs op by op');
      // The first chunk is one step: its loss is the seeded run's first batch loss.
      const plan = createRunPlan({ ...DEFAULT_CONFIG, batchSize: p.batchSize });
      const first = sgdStep(plan.dataset, plan.nextEpochBatches()[0], plan.initialParams!, 0.01, 'float64');
      expect(Math.abs(p.curve[0].loss - first.loss) / first.loss).toBeLessThan(1e-5);
      expect(p.curve[0].epochs).toBeCloseTo(1 / p.stepsPerEpoch, 12);
    }
    // B = N: one step per epoch, so the final loss is the third step's (maxEpochs = 3).
    const whole = points[4];
    expect(whole.epochs).toBe(3);
    const plan = createRunPlan({ ...DEFAULT_CONFIG, batchSize: 10 });
    let params = plan.initialParams!;
    let loss = NaN;
    for (let e = 0; e < 3; e++)
      ({ loss, params } = sgdStep(plan.dataset, plan.nextEpochBatches()[0], params, 0.01, 'float64'));
    expect(Math.abs(whole.finalLoss - loss) / loss).toBeLessThan(1e-5);
    expect(r.done()).toMatchObject({ type: 'sweep-done', sweepId: 7, outcome: 'complete' });
    expect(tf.memory().numTensors).toBe(before);
    const done = r.done() as Extract<FromWorker, { type: 'sweep-done' }>;
    expect(done.tensorCount).toBe(done.tensorCountBefore);
  });

  it('is refused while a run trains, without training anything', async () => {
    const r = recorder();
    await runSweep(request(), r.post, message('lab.reasonTraining'));
    expect(r.points()).toEqual([]);
    expect(r.done()).toMatchObject({ outcome: 'refused', reason: message('lab.reasonTraining') });
  });

  it('stops between chunks when cancelled, and sends no partial point', async () => {
    const r = recorder();
    const sweep = runSweep(request({ budgetMs: 2000, maxEpochs: 1000 }), r.post, null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    cancelSweep(message('lab.reasonCancelled'), 8); // another sweep's id: ignored
    cancelSweep(message('lab.reasonCancelled'), 7);
    const started = performance.now();
    await sweep;
    expect(performance.now() - started).toBeLessThan(1500);
    expect(r.points()).toEqual([] as SweepPoint[]);
    expect(r.done()).toMatchObject({ outcome: 'cancelled', reason: message('lab.reasonCancelled') });
  });
});
