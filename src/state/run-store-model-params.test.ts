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
});
