// The MLP's parameters through the store: no w and b, but the flat vector a fit view draws from.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import { RunStore } from './run-store';

const config = { ...DEFAULT_CONFIG };

describe('RunStore with a model that has no w and b', () => {
  it('keeps the latest flat parameter vector, from run-ready on', () => {
    const flushes: Array<() => void> = [];
    const store = new RunStore(config, (flush) => flushes.push(flush));
    const frame = () => flushes.splice(0).forEach((f) => f());
    store.beginRun(1, config);
    const initial = [0.5, -0.25, 0.1, 0.2, 0.3, 0.4, 0.05];
    store.handle({
      type: 'run-ready',
      runId: 1,
      config,
      initialModelParams: initial,
      stepsPerEpoch: 4,
      datasetSize: 10,
      tensorCount: 9,
    });
    frame();
    expect(store.getSnapshot()).toMatchObject({ initialParams: null, currentParams: null, modelParams: initial });

    const later = initial.map((p) => p / 2);
    const steps = [0, 1].map((s) => ({ step: s, epoch: 1, stepInEpoch: s + 1, loss: 1 - s / 10 }));
    store.handle({ type: 'progress', runId: 1, steps, tensorCount: 9, modelParams: later });
    store.handle({ type: 'progress', runId: 1, steps: [], tensorCount: 9 }); // none: keep the last
    frame();
    expect(store.getSnapshot()).toMatchObject({ stepsDone: 2, currentParams: null, lastLoss: 0.9, modelParams: later });
  });

  it("keeps the MLP's checkpoints: step 0 and after each chunk's last step; a new or restarted run starts afresh", () => {
    const mlp = { ...DEFAULT_CONFIG, model: 'mlp' as const, hiddenUnits: 2 };
    const store = new RunStore(mlp, (flush) => flush());
    const ready = (resumedAt?: number) =>
      store.handle({
        type: 'run-ready',
        runId: 1,
        config: mlp,
        initialModelParams: [1, 2, 3, 4, 5, 6, 7],
        stepsPerEpoch: 4,
        datasetSize: 10,
        tensorCount: 9,
        ...(resumedAt === undefined ? {} : { resumedAt }),
      });
    const steps = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => ({
        step: from + k,
        epoch: 1 + Math.floor((from + k) / 4),
        stepInEpoch: 1 + ((from + k) % 4),
        loss: 1,
      }));
    store.beginRun(1, mlp);
    ready();
    store.handle({
      type: 'progress',
      runId: 1,
      steps: steps(0, 1),
      tensorCount: 9,
      modelParams: [0.5, 0, 0, 0, 0, 0, 0],
    });
    store.handle({
      type: 'progress',
      runId: 1,
      steps: steps(1, 3),
      tensorCount: 9,
      modelParams: [0.25, 0, 0, 0, 0, 0, 0],
    });
    const checkpoints = () => store.getSnapshot().data.checkpoints.all.map((c) => [c.step, c.params[0]]);
    expect(checkpoints()).toEqual([
      [0, 1],
      [1, 0.5],
      [3, 0.25],
    ]);
    // A restarted worker carries the run on: the checkpoints stay, a repeated chunk adds none.
    ready(3);
    store.handle({
      type: 'progress',
      runId: 1,
      steps: steps(1, 3),
      tensorCount: 9,
      modelParams: [9, 9, 9, 9, 9, 9, 9],
    });
    store.handle({
      type: 'progress',
      runId: 1,
      steps: steps(3, 4),
      tensorCount: 9,
      modelParams: [0.125, 0, 0, 0, 0, 0, 0],
    });
    expect(checkpoints()).toEqual([
      [0, 1],
      [1, 0.5],
      [3, 0.25],
      [4, 0.125],
    ]);
    // The worker started the run over: so do the checkpoints.
    ready();
    expect(checkpoints()).toEqual([[0, 1]]);
    store.beginRun(2, mlp);
    expect(checkpoints()).toEqual([]);
  });
});
