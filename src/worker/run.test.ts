// The worker's run loop on tfjs's CPU backend, in Node: a run recreated at step k (backend failover,
// worker restart) continues exactly as the uninterrupted run does; Step epoch stops at the epoch's
// end; Pause and Train in quick succession never run two loops; a failing chunk goes to onFault.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import type { FromWorker, RunState, StepRecord } from '../protocol';
import { DivergenceWatch, windowFor } from '../engine/divergence';
import { createRunPlan } from '../engine/plan';
import { TrainingRun } from './run';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A step as the UI sees it: its batch taken from its epoch's order, as posted before it. */
type SeenStep = StepRecord & { batch: string };

function recorder() {
  const messages: FromWorker[] = [];
  const post = (m: FromWorker) => messages.push(m);
  const steps = (): SeenStep[] => {
    const orders = new Map<number, { order: Int32Array; batchSize: number }>();
    return messages.flatMap((m) => {
      if (m.type === 'epoch') orders.set(m.epoch, m);
      if (m.type !== 'progress') return [];
      return m.steps.map((s) => {
        const epoch = orders.get(s.epoch);
        const start = (s.stepInEpoch - 1) * (epoch?.batchSize ?? 0);
        const batch = epoch ? epoch.order.subarray(start, start + epoch.batchSize).join(',') : 'no epoch order yet';
        return { ...s, batch };
      });
    });
  };
  const states = () => messages.flatMap((m) => (m.type === 'state' ? [m.state] : []));
  const lastState = () => states().at(-1);
  return { messages, post, steps, states, lastState };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !check(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(check()).toBe(true);
}

const config = (over: Partial<RunConfig> = {}): RunConfig => ({ ...DEFAULT_CONFIG, epochs: 3, ...over });
const key = (s: SeenStep) => [s.step, s.epoch, s.stepInEpoch, s.batch, s.loss, s.params?.w, s.params?.b];

async function trainedRun(c: RunConfig): Promise<SeenStep[]> {
  const r = recorder();
  const run = new TrainingRun(1, c, r.post);
  run.train();
  await until(() => r.lastState() === 'finished');
  await run.dispose();
  return r.steps();
}

describe('TrainingRun', () => {
  it('resumed at any step, continues exactly as the uninterrupted run', async () => {
    const whole = await trainedRun(config());
    expect(whole.map((s) => s.step)).toEqual([...Array(12).keys()]);
    for (const at of [1, 4, 5, 11]) {
      const r = recorder();
      const before = whole[at - 1];
      const run = new TrainingRun(1, config(), r.post, {
        resume: { stepsDone: at, modelParams: [before.params!.w, before.params!.b] },
      });
      expect(r.messages[0]).toMatchObject({ type: 'run-ready', resumedAt: at });
      expect(r.lastState()).toBe<RunState>('paused');
      run.train();
      await until(() => r.lastState() === 'finished');
      await run.dispose();
      expect(r.steps().map(key), `resumed at ${at}`).toEqual(whole.slice(at).map(key));
    }
    expect(tf.memory().numTensors).toBe(0);
  });

  it('an MLP resumed from the flat parameters of its last chunk continues exactly as well', async () => {
    const mlp = config({
      dataset: 'sine',
      samples: 20,
      batchSize: 6,
      model: 'mlp',
      hiddenUnits: 8,
      learningRate: 0.05,
    });
    const whole = await trainedRun(mlp);
    const first = recorder();
    const stepped = new TrainingRun(1, mlp, first.post);
    for (let i = 0; i < 6; i++) await stepped.step();
    const resume = stepped.resumePoint;
    await stepped.dispose();
    expect(resume.stepsDone).toBe(6);
    expect(resume.modelParams).toHaveLength(3 * 8 + 1);

    const r = recorder();
    const run = new TrainingRun(1, mlp, r.post, { resume });
    run.train();
    await until(() => r.lastState() === 'finished');
    await run.dispose();
    const lossAndBatch = (s: SeenStep) => [s.step, s.batch, s.loss];
    expect(r.steps().map(lossAndBatch)).toEqual(whole.slice(6).map(lossAndBatch));
  });

  it('posts each epoch’s order before the steps that need it; steps carry no sample indices', async () => {
    const c = config({ epochs: 6 });
    const r = recorder();
    const run = new TrainingRun(1, c, r.post);
    run.train();
    await until(() => r.lastState() === 'finished');
    await run.dispose();
    const plan = createRunPlan(c);
    const expected = Array.from({ length: c.epochs }, () => plan.nextEpochBatches().map((b) => b.join(','))).flat();
    expect(r.steps().map((s) => s.batch)).toEqual(expected); // never 'no epoch order yet'
    for (const m of r.messages)
      if (m.type === 'progress') for (const s of m.steps) expect(s).not.toHaveProperty('batch');
    // Chunks grew past an epoch: one progress message needed several epochs, all posted before it.
    expect(
      Math.max(...r.messages.map((m) => (m.type === 'progress' ? new Set(m.steps.map((s) => s.epoch)).size : 0))),
    ).toBeGreaterThan(1);
  });

  it('decides divergence: lr = 1 pauses once, at the chunk that showed it; Train then goes on to the end', async () => {
    const r = recorder();
    const run = new TrainingRun(1, config({ learningRate: 1, epochs: 10 }), r.post);
    run.train();
    await until(() => r.lastState() === 'paused' || r.lastState() === 'finished');
    expect(r.lastState()).toBe('paused');
    expect(r.messages.at(-1)).toMatchObject({ type: 'state', state: 'paused', pausedFor: 'divergence' });
    const losses = r.steps().map((s) => s.loss);
    expect(losses.length).toBeLessThan(40);
    const said = r.messages.flatMap((m) => (m.type === 'progress' && m.divergence ? [m.divergence] : []));
    expect(said).toEqual([new DivergenceWatch(windowFor(4)).scan(losses)]); // the same watch, over the same losses
    // It stopped at the chunk that showed it: no step was sent after that chunk.
    const lastProgress = r.messages.filter((m) => m.type === 'progress').at(-1);
    expect(lastProgress).toMatchObject({ divergence: said[0] });
    run.train();
    await until(() => r.lastState() === 'finished');
    expect(r.steps()).toHaveLength(40);
    expect(r.messages.filter((m) => m.type === 'state' && m.pausedFor)).toHaveLength(1);
    expect(r.messages.filter((m) => m.type === 'progress' && m.divergence)).toHaveLength(1);
    expect(run.resumePoint.divergence).toEqual(said[0]);
    await run.dispose();
  });

  it('decides a loss that keeps growing (lr just above the stable 0.0254 of full-batch GD) as well', async () => {
    const r = recorder();
    const run = new TrainingRun(1, config({ learningRate: 0.033, batchSize: 10, epochs: 200 }), r.post);
    run.train();
    await until(() => r.lastState() === 'paused' || r.lastState() === 'finished');
    expect(r.messages.at(-1)).toMatchObject({ type: 'state', state: 'paused', pausedFor: 'divergence' });
    const found = r.messages.flatMap((m) => (m.type === 'progress' && m.divergence ? [m.divergence] : []));
    expect(found).toHaveLength(1);
    expect(found[0].reason).toBe('growing');
    expect(r.steps().every((s) => Number.isFinite(s.loss))).toBe(true); // before any inf
    await run.dispose();
  });

  it('a run recreated before its loss was found growing finds it at the same step as the run it carries on', async () => {
    const c = config({ learningRate: 0.033, batchSize: 10, epochs: 200 });
    const whole = recorder();
    const uninterrupted = new TrainingRun(1, c, whole.post);
    uninterrupted.train();
    await until(() => whole.lastState() === 'paused');
    await uninterrupted.dispose();
    const [expected] = whole.messages.flatMap((m) => (m.type === 'progress' && m.divergence ? [m.divergence] : []));
    expect(expected.step).toBeGreaterThan(8);

    const first = recorder();
    const stepped = new TrainingRun(1, c, first.post);
    for (let i = 0; i < 6; i++) await stepped.step(); // past the first window (4 steps), before the finding
    const resume = stepped.resumePoint;
    await stepped.dispose();
    expect(resume.divergence).toBeUndefined();
    expect(resume.watch?.scanned).toBe(6);
    const r = recorder();
    const run = new TrainingRun(1, c, r.post, { resume });
    run.train();
    await until(() => r.lastState() === 'paused' || r.lastState() === 'finished');
    const found = r.messages.flatMap((m) => (m.type === 'progress' && m.divergence ? [m.divergence] : []));
    expect(found).toEqual([expected]); // the same step, loss, start and growth: the run's own windows
    await run.dispose();
  });

  it('a run recreated after its divergence was reported does not pause for it again', async () => {
    const first = recorder();
    const stepped = new TrainingRun(1, config({ learningRate: 1, epochs: 10 }), first.post);
    for (let i = 0; i < 20; i++) await stepped.step(); // a manual step is never paused for it, but it is found
    const resume = stepped.resumePoint;
    await stepped.dispose();
    expect(resume.divergence).toBeDefined();
    const r = recorder();
    const run = new TrainingRun(1, config({ learningRate: 1, epochs: 10 }), r.post, { resume });
    run.train();
    await until(() => r.lastState() === 'finished');
    expect(r.messages.some((m) => (m.type === 'state' && m.pausedFor) || (m.type === 'progress' && m.divergence))).toBe(
      false,
    );
    await run.dispose();
  });

  it('Step epoch stops at the end of the current epoch, or after a whole one at a boundary', async () => {
    const r = recorder();
    const run = new TrainingRun(1, config(), r.post);
    run.stepEpoch();
    await until(() => r.lastState() === 'paused');
    expect(r.steps().map((s) => s.step)).toEqual([0, 1, 2, 3]);
    await run.step();
    run.stepEpoch();
    await until(() => r.steps().length === 8 && r.lastState() === 'paused');
    run.stepEpoch();
    await until(() => r.lastState() === 'finished');
    expect(r.steps().map((s) => s.step)).toEqual([...Array(12).keys()]);
    await run.dispose();
  });

  it('Pause then Train at once never leaves two loops: one chunk in flight, every step once, in order', async () => {
    const whole = await trainedRun(config({ epochs: 20 }));
    const r = recorder();
    const run = new TrainingRun(1, config({ epochs: 20 }), r.post);
    // Two loops would have two chunks in flight at once: count them at the trainer.
    const trainer = (
      run as unknown as { trainer: { enqueue: (b: number[][]) => unknown; read: (w: unknown) => Promise<unknown> } }
    ).trainer;
    let inFlight = 0;
    let mostInFlight = 0;
    const { enqueue, read } = trainer;
    trainer.enqueue = (batches) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      return enqueue.call(trainer, batches);
    };
    trainer.read = async (work) => {
      try {
        return await read.call(trainer, work);
      } finally {
        inFlight -= 1;
      }
    };
    for (let i = 0; i < 30; i++) {
      run.train();
      run.pause();
      run.train();
      if (i % 3 === 0) await run.step(); // ignored while running
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await until(() => r.lastState() === 'finished');
    await run.dispose();
    expect(r.steps().map(key)).toEqual(whole.map(key));
    expect(mostInFlight).toBe(1);
  });

  it('a failing chunk goes to onFault, which may take the run over; halt() gives the goal back', async () => {
    const r = recorder();
    let faulted: unknown = null;
    const run = new TrainingRun(1, config(), r.post, {
      onFault: (_run, error) => {
        faulted = error;
        return true;
      },
    });
    await run.step();
    run.injectFault();
    run.train();
    await until(() => faulted !== null);
    expect(String(faulted)).toMatch(/a tfjs kernel failed/);
    expect(await run.halt()).toBe('end');
    const first = r.steps()[0].params!;
    expect(run.resumePoint).toMatchObject({ stepsDone: 1, modelParams: [first.w, first.b], watch: { scanned: 1 } });
    expect(r.states()).not.toContain('error');
    await run.dispose();
  });

  it('without a taker, a failing chunk fails the run with the error', async () => {
    const r = recorder();
    const run = new TrainingRun(1, config(), r.post);
    run.injectFault();
    await run.step();
    expect(r.lastState()).toBe('error');
    const kernelFailed: unknown = expect.stringMatching(/kernel failed/);
    expect(r.messages.find((m) => m.type === 'error')).toMatchObject({ message: kernelFailed });
    // What the page says: the worker's words as a message, shown in the page's language.
    expect(r.messages.find((m) => m.type === 'error')).toMatchObject({
      problem: { key: 'error.raw', params: { text: kernelFailed } },
    });
    await run.dispose();
  });
});
