import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { DivergenceWatch, windowFor } from '../engine/divergence';
import { epochMessage, type FromWorker, type StepRecord, type ToWorker } from '../protocol';
import { RunStore } from './run-store';
import { TrainerClient, type WorkerLike } from './trainer-client';
import { englishText, message } from '../i18n/message';

function manualFrames() {
  const queue: Array<() => void> = [];
  return {
    schedule: (flush: () => void) => queue.push(flush),
    runFrame: () => queue.splice(0).forEach((flush) => flush()),
    pending: () => queue.length,
  };
}

const config: RunConfig = { ...DEFAULT_CONFIG, epochs: 2, batchSize: 4 };

/** Step s; its batch is batch stepInEpoch of its epoch's order (the epoch message). */
function step(s: number, stepInEpoch: number, epoch: number, loss: number): StepRecord {
  return { step: s, epoch, stepInEpoch, loss, params: { w: s, b: -s } };
}

function readyStore() {
  const frames = manualFrames();
  const store = new RunStore(config, frames.schedule);
  store.beginRun(1, config);
  store.handle({
    type: 'run-ready',
    runId: 1,
    config,
    initialParams: { w: -0.0075, b: 0.5364 },
    stepsPerEpoch: 3,
    datasetSize: 10,
    tensorCount: 4,
  });
  frames.runFrame();
  return { store, frames };
}

describe('RunStore', () => {
  it('notifies at most once per frame however many messages arrive', () => {
    const { store, frames } = readyStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.handle(
      epochMessage(
        1,
        1,
        [
          [0, 1, 2, 3],
          [4, 5, 6, 7],
          [8, 9],
        ],
        4,
      ),
    );
    store.handle({ type: 'progress', runId: 1, steps: [step(0, 1, 1, 40)], tensorCount: 4 });
    store.handle({ type: 'state', runId: 1, state: 'running', tensorCount: 4 });
    expect(calls).toBe(0);
    expect(frames.pending()).toBe(1);
    frames.runFrame();
    expect(calls).toBe(1);
    const snap = store.getSnapshot();
    expect(snap.state).toBe('running');
    expect(snap.stepsDone).toBe(1);
    expect(snap.epochsReceived).toBe(1);
    expect(snap.currentParams).toEqual({ w: 0, b: -0 });
  });

  it('keeps the same snapshot object between frames (useSyncExternalStore needs that)', () => {
    const { store } = readyStore();
    expect(store.getSnapshot()).toBe(store.getSnapshot());
  });

  it('formats log lines, and computes epoch means at each epoch’s last step', () => {
    const { store, frames } = readyStore();
    store.handle(epochMessage(1, 1, [[7, 2, 9], [1, 0, 3], [5]], 3));
    store.handle(epochMessage(1, 2, [[4, 6, 8], [0, 1, 2], [3]], 3));
    store.handle({
      type: 'progress',
      runId: 1,
      tensorCount: 4,
      steps: [step(0, 1, 1, 41.20934), step(1, 2, 1, 2), step(2, 3, 1, 3), step(3, 1, 2, 10)],
    });
    frames.runFrame();
    const { data, stepsDone, lastLoss } = store.getSnapshot();
    expect(stepsDone).toBe(4);
    expect(lastLoss).toBe(10);
    expect(data.recentLog[0]).toEqual({
      step: 0,
      text: 'Epoch [1/2], Step [1/3], Batch [7, 2, 9], Loss: 41.2093',
    });
    expect(Array.from(data.stepLoss.view())).toEqual([41.20934, 2, 3, 10]);
    expect(Array.from(data.epochMeanLoss.view())).toEqual([(41.20934 + 2 + 3) / 3]);
    expect(Array.from(data.epochMeanStep.view())).toEqual([3]);
  });

  it('takes each step’s batch from its epoch’s order (the steps carry none): log lines and shortened ones', () => {
    const { store, frames } = readyStore();
    const order = Int32Array.from({ length: 10 }, (_, i) => 9 - i);
    store.handle({ type: 'epoch', runId: 1, epoch: 1, order, batchSize: 4 });
    store.handle({
      type: 'progress',
      runId: 1,
      tensorCount: 4,
      steps: [step(0, 1, 1, 1), step(1, 2, 1, 2), step(2, 3, 1, 3)],
    });
    frames.runFrame();
    expect(store.getSnapshot().data.recentLog.map((l) => l.text)).toEqual([
      'Epoch [1/2], Step [1/3], Batch [9, 8, 7, 6], Loss: 1.0000',
      'Epoch [1/2], Step [2/3], Batch [5, 4, 3, 2], Loss: 2.0000',
      'Epoch [1/2], Step [3/3], Batch [1, 0], Loss: 3.0000',
    ]);
  });

  it('keeps a large run’s epochs until their steps arrive, however many one chunk spans, then lets the old go', () => {
    const n = 1_000_000;
    const big: RunConfig = { ...config, dataset: 'line', samples: n, batchSize: n, epochs: 6 };
    const frames = manualFrames();
    const store = new RunStore(big, frames.schedule);
    store.beginRun(1, big);
    store.handle({ type: 'run-ready', runId: 1, config: big, stepsPerEpoch: 1, datasetSize: n, tensorCount: 4 });
    // One chunk of six full-batch steps: its six epochs (24 M indices, over the budget) come first.
    for (let e = 1; e <= 6; e++)
      store.handle({
        type: 'epoch',
        runId: 1,
        epoch: e,
        order: Int32Array.from({ length: n }, (_, i) => (i + e) % n),
        batchSize: n,
      });
    store.handle({
      type: 'progress',
      runId: 1,
      tensorCount: 4,
      steps: [1, 2, 3, 4, 5, 6].map((e) => step(e - 1, 1, e, e)),
    });
    frames.runFrame();
    const { data } = store.getSnapshot();
    expect(data.recentLog.map((l) => l.text)).toEqual(
      [1, 2, 3, 4, 5, 6].map(
        (e) =>
          `Epoch [${e}/6], Step [1/1], Batch [${e}, ${e + 1}, ${e + 2}, ${e + 3}, …, ${e - 1}] (1,000,000 samples), Loss: ${e}.0000`,
      ),
    );
    expect(data.recentLog.every((l) => l.shortened)).toBe(true);
    expect(data.epochBatches.hasIndices(0)).toBe(false); // their steps are in: the budget applies again
    expect(data.epochBatches.hasIndices(5)).toBe(true);
  });

  it('shows the worker’s divergence decision: found once, paused for it until the run moves, kept for a restart', () => {
    const { store, frames } = readyStore();
    const divergence = { reason: 'non-finite' as const, step: 1, loss: Infinity, startLoss: 40, growthSteps: 0 };
    store.handle({
      type: 'progress',
      runId: 1,
      tensorCount: 4,
      steps: [step(0, 1, 1, 40), step(1, 2, 1, Infinity)],
      modelParams: [1, -1],
      divergence,
    });
    store.handle({ type: 'state', runId: 1, state: 'paused', tensorCount: 4, pausedFor: 'divergence' });
    frames.runFrame();
    expect(store.getSnapshot()).toMatchObject({ divergence, divergencePaused: true, state: 'paused' });
    expect(store.resumePoint()).toMatchObject({ stepsDone: 2, divergence });
    store.handle({ type: 'state', runId: 1, state: 'running', tensorCount: 4 });
    store.handle({ type: 'progress', runId: 1, tensorCount: 4, steps: [step(2, 3, 1, NaN)] });
    frames.runFrame();
    expect(store.getSnapshot()).toMatchObject({ divergence, divergencePaused: false });
    store.handle({ type: 'state', runId: 1, state: 'paused', tensorCount: 4 }); // the user's Pause
    frames.runFrame();
    expect(store.getSnapshot().divergencePaused).toBe(false);
    store.beginRun(2, config);
    frames.runFrame();
    expect(store.getSnapshot()).toMatchObject({ divergence: null, divergencePaused: false });
  });

  it('hands a restarted worker its divergence watch where the run was: the run’s own losses scanned', () => {
    const { store } = readyStore();
    const losses = [40, 30, 20, 25, 50, 90, 70];
    store.handle({
      type: 'progress',
      runId: 1,
      tensorCount: 4,
      steps: losses.map((loss, i) => step(i, Math.floor(i / 4) + 1, (i % 4) + 1, loss)),
      modelParams: [1, -1],
    });
    const expected = new DivergenceWatch(windowFor(4));
    expected.scan(losses);
    expect(store.resumePoint()).toMatchObject({ stepsDone: 7, watch: expected.state() });
    expect(store.resumePoint()?.watch).toMatchObject({ scanned: 7, windowCount: 3, firstMean: 28.75 });
  });

  it('drops messages of a run that was reset, and starts the new one empty', () => {
    const { store, frames } = readyStore();
    store.handle({ type: 'progress', runId: 1, steps: [step(0, 1, 1, 5)], tensorCount: 4 });
    store.beginRun(2, config, message('notice.settingsChanged'));
    store.handle({ type: 'progress', runId: 1, steps: [step(1, 2, 1, 6)], tensorCount: 4 });
    store.handle(epochMessage(1, 2, [[1]], 1));
    store.handle({ type: 'state', runId: 1, state: 'finished', tensorCount: 4 });
    store.handle({ type: 'error', runId: 1, message: 'old' });
    frames.runFrame();
    const snap = store.getSnapshot();
    expect(snap.runId).toBe(2);
    expect(snap.state).toBe('starting');
    expect(snap.stepsDone).toBe(0);
    expect(snap.epochsReceived).toBe(0);
    expect(snap.data.stepLoss.length).toBe(0);
    expect(snap.error).toBeNull();
    expect(englishText(snap.notice!)).toBe('Settings changed — run reset');
  });

  it('shows errors of the current run and of the worker as a whole', () => {
    const { store, frames } = readyStore();
    store.handle({ type: 'error', runId: null, message: 'no backend at all' });
    frames.runFrame();
    expect(store.getSnapshot()).toMatchObject({
      state: 'error',
      error: { key: 'error.raw', params: { text: 'no backend at all' } },
    });
  });

  it('says a worker error in the page’s language when the worker sends its problem', () => {
    const { store, frames } = readyStore();
    const problem = message('error.noBackend', { reasons: message('reason.noWebGPU') });
    store.handle({ type: 'error', runId: null, message: englishText(problem), problem });
    frames.runFrame();
    expect(store.getSnapshot()).toMatchObject({ state: 'error', error: problem });
  });

  it('ignores a repeated epoch and a repeated progress chunk', () => {
    const { store, frames } = readyStore();
    const chunk: FromWorker = { type: 'progress', runId: 1, steps: [step(0, 1, 1, 5)], tensorCount: 4 };
    store.handle(epochMessage(1, 1, [[0, 1]], 2));
    store.handle(epochMessage(1, 1, [[0, 1]], 2));
    store.handle(chunk);
    store.handle(chunk);
    frames.runFrame();
    const { data, stepsDone } = store.getSnapshot();
    expect(stepsDone).toBe(1);
    expect(data.epochBatches.epochCount).toBe(1);
    expect(data.epochBatches.batchesOf(0)).toEqual([[0, 1]]);
  });
});

class FakeWorker implements WorkerLike {
  sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: ToWorker) {
    this.sent.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  reply(message: FromWorker) {
    this.onmessage?.({ data: message } as MessageEvent<FromWorker>);
  }
}

const cpuInfo: FromWorker = {
  type: 'backend',
  info: { name: 'cpu', requested: 'auto', fallbackReasons: [], cpuForward: false },
};

function client() {
  const frames = manualFrames();
  const store = new RunStore(config, frames.schedule);
  const workers: FakeWorker[] = [];
  const trainer = new TrainerClient(store, config, () => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  return { store, frames, trainer, workers };
}

describe('TrainerClient', () => {
  it('inits, waits for the backend, then prepares run 1', () => {
    const { trainer, workers } = client();
    trainer.start();
    trainer.train(); // too early: nothing to train yet
    expect(workers[0].sent).toEqual([{ type: 'init', backend: 'auto' }]);
    workers[0].reply(cpuInfo);
    expect(workers[0].sent[1]).toEqual({ type: 'reset', runId: 1, config });
    trainer.train();
    trainer.pause();
    trainer.step();
    trainer.setSpeed(5);
    expect(workers[0].sent.slice(2)).toEqual([
      { type: 'train', runId: 1 },
      { type: 'pause', runId: 1 },
      { type: 'step', runId: 1 },
      { type: 'set-speed', runId: 1, speed: 5 },
    ]);
  });

  it('numbers each reset and sends the new settings', () => {
    const { trainer, workers, store, frames } = client();
    trainer.start();
    workers[0].reply(cpuInfo);
    const next = { ...config, seed: 9 };
    trainer.reset(next, message('notice.settingsChanged'));
    expect(workers[0].sent.at(-1)).toEqual({ type: 'reset', runId: 2, config: next });
    trainer.train();
    expect(workers[0].sent.at(-1)).toEqual({ type: 'train', runId: 2 });
    frames.runFrame();
    expect(store.getSnapshot()).toMatchObject({ runId: 2, notice: null, config: next });
  });

  it('replaces the worker to change backend, and ignores the old one', () => {
    const { trainer, workers, store, frames } = client();
    trainer.start();
    workers[0].reply(cpuInfo);
    trainer.reset({ ...config, backend: 'webgl' });
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1].sent).toEqual([{ type: 'init', backend: 'webgl' }]);
    workers[0].reply({ type: 'state', runId: 2, state: 'finished', tensorCount: 0 });
    frames.runFrame();
    expect(store.getSnapshot()).toMatchObject({ backend: null, state: 'starting', runId: 2 });
    workers[1].reply({ ...cpuInfo, info: { ...cpuInfo.info, name: 'webgl', requested: 'webgl' } });
    expect(workers[1].sent[1]).toEqual({ type: 'reset', runId: 2, config: { ...config, backend: 'webgl' } });
  });

  it('reports a worker that fails to load', () => {
    const { trainer, workers, store, frames } = client();
    trainer.start();
    workers[0].onerror?.({ message: 'SyntaxError' } as ErrorEvent);
    frames.runFrame();
    expect(store.getSnapshot()).toMatchObject({ state: 'error' });
    expect(englishText(store.getSnapshot().error!)).toMatch(/SyntaxError/);
    trainer.reset(); // Reset after a crash starts a fresh worker
    expect(workers).toHaveLength(2);
    expect(workers[1].sent).toEqual([{ type: 'init', backend: 'auto' }]);
  });
});
