import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import type { ExperimentSpec } from '../engine/experiment/spec';
import type { FromExperimentWorker, ToExperimentWorker } from '../protocol';
import { ExperimentClient, type ExperimentPort } from './experiment-client';

class FakeWorker implements ExperimentPort {
  sent: ToExperimentWorker[] = [];
  onmessage: ((event: MessageEvent<FromExperimentWorker>) => void) | null = null;
  postMessage(message: ToExperimentWorker) {
    this.sent.push(message);
  }
  reply(message: FromExperimentWorker) {
    this.onmessage?.({ data: message } as MessageEvent<FromExperimentWorker>);
  }
}

const spec: ExperimentSpec = {
  batchSizes: [1],
  learningRates: [0.01],
  shuffle: 'on',
  seedsPerSetting: 2,
  targetLoss: 0.01,
};

describe('ExperimentClient', () => {
  it('starts the worker on the first experiment and follows its messages to the results', () => {
    const worker = new FakeWorker();
    let made = 0;
    const client = new ExperimentClient(() => (made++, worker));
    expect(made).toBe(0);
    client.start(DEFAULT_CONFIG, spec);
    expect(worker.sent).toEqual([{ type: 'experiment', id: 1, base: DEFAULT_CONFIG, spec }]);
    worker.reply({ type: 'experiment-started', id: 1, engine: { kind: 'js', why: 'backend' }, runs: 2, steps: 200 });
    worker.reply({ type: 'experiment-progress', id: 1, fraction: 0.5 });
    expect(client.getSnapshot()).toMatchObject({ phase: 'running', runs: 2, steps: 200, progress: 0.5 });
    const results = {
      rows: [],
      losses: new Float32Array(0),
      stepOffset: new Float64Array(1),
      stepsPerEpoch: new Int32Array(0),
      epochs: 10,
      targetLoss: 0.01,
    };
    worker.reply({ type: 'experiment-done', id: 1, results, elapsedMs: 12 });
    expect(client.getSnapshot()).toMatchObject({ phase: 'done', progress: 1, results, elapsedMs: 12 });
    client.start(DEFAULT_CONFIG, spec);
    expect(made).toBe(1);
  });

  it('cancels at once, tells the worker, and ignores what the cancelled experiment still sends', () => {
    const worker = new FakeWorker();
    let clock = 100;
    const client = new ExperimentClient(
      () => worker,
      () => clock,
    );
    client.start(DEFAULT_CONFIG, spec);
    client.cancel();
    expect(client.getSnapshot().phase).toBe('cancelled');
    expect(client.getSnapshot().cancelMs).toBeNull();
    expect(worker.sent[1]).toEqual({ type: 'cancel-experiment', id: 1 });
    worker.reply({ type: 'experiment-progress', id: 1, fraction: 0.9 });
    expect(client.getSnapshot()).toMatchObject({ phase: 'cancelled', progress: 0 });
    clock = 142;
    worker.reply({ type: 'experiment-cancelled', id: 1 });
    expect(client.getSnapshot().cancelMs).toBe(42);
    client.cancel();
    expect(worker.sent).toHaveLength(2);
  });

  it('a new experiment cancels the running one; only the newest one is followed', () => {
    const worker = new FakeWorker();
    const client = new ExperimentClient(() => worker);
    client.start(DEFAULT_CONFIG, spec);
    client.start(DEFAULT_CONFIG, { ...spec, seedsPerSetting: 3 });
    expect(worker.sent.map((m) => [m.type, m.id])).toEqual([
      ['experiment', 1],
      ['cancel-experiment', 1],
      ['experiment', 2],
    ]);
    worker.reply({ type: 'experiment-error', id: 1, message: 'old' });
    expect(client.getSnapshot()).toMatchObject({ id: 2, phase: 'running', error: null });
    worker.reply({ type: 'experiment-error', id: 2, message: 'boom' });
    expect(client.getSnapshot()).toMatchObject({ phase: 'error', error: 'boom' });
  });
});
