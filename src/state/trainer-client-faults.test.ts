// The client and store side of faults: a worker that stops answering is noticed by the heartbeat,
// a restart carries the run on from the store's last step without losing its history, a run the
// worker recreates mid-way keeps its data, and speed changes apply without a reset.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { epochMessage, type FromWorker, type StepRecord, type ToWorker } from '../protocol';
import { RunStore } from './run-store';
import { TrainerClient, type WorkerLike } from './trainer-client';
import { englishText } from '../i18n/message';

const config: RunConfig = { ...DEFAULT_CONFIG, epochs: 2, batchSize: 4 };

class FakeWorker implements WorkerLike {
  sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  answersPings = true;
  postMessage(message: ToWorker) {
    this.sent.push(message);
    if (message.type === 'ping' && this.answersPings) this.reply({ type: 'pong', id: message.id });
  }
  terminate() {
    this.terminated = true;
  }
  reply(message: FromWorker) {
    this.onmessage?.({ data: message } as MessageEvent<FromWorker>);
  }
  commands() {
    return this.sent.filter((m) => m.type !== 'ping');
  }
}

const cpuInfo: FromWorker = {
  type: 'backend',
  info: { name: 'cpu', requested: 'auto', fallbackReasons: [], cpuForward: false },
};

/** Step s, whose batch is batch stepInEpoch of its epoch's order (the epoch message). */
const step = (s: number, stepInEpoch: number, epoch: number): StepRecord => ({
  step: s,
  epoch,
  stepInEpoch,
  loss: 10 - s,
  params: { w: s / 10, b: -s / 10 },
});

function setup(heartbeat: { intervalMs: number; timeoutMs: number } | null = null) {
  const flushes: Array<() => void> = [];
  const store = new RunStore(config, (flush) => flushes.push(flush));
  const frame = () => flushes.splice(0).forEach((f) => f());
  const workers: FakeWorker[] = [];
  const client = new TrainerClient(
    store,
    config,
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    { heartbeat },
  );
  return { store, frame, workers, client };
}

/** Run 1 (3 steps an epoch) is ready: fresh, or recreated after `resumedAt` steps. */
const runReady = (resumedAt?: number): FromWorker => ({
  type: 'run-ready',
  runId: 1,
  config,
  initialParams: { w: -0.0075, b: 0.5364 },
  stepsPerEpoch: 3,
  datasetSize: 10,
  tensorCount: 4,
  ...(resumedAt === undefined ? {} : { resumedAt }),
});

/** Run 1 ready, with epoch 1 and its first two steps received. */
function twoStepsIn(s: ReturnType<typeof setup>) {
  s.client.start();
  const w = s.workers[0];
  w.reply(cpuInfo);
  w.reply(runReady());
  w.reply(
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
  w.reply({
    type: 'progress',
    runId: 1,
    steps: [step(0, 1, 1), step(1, 2, 1)],
    tensorCount: 4,
    modelParams: [0.1, -0.1],
  });
  s.frame();
}

describe('restart after a failure', () => {
  it('replaces the worker and resumes the same run at the last step, keeping its history', () => {
    const s = setup();
    twoStepsIn(s);
    s.workers[0].reply({ type: 'error', runId: 1, message: 'a tfjs kernel failed' });
    s.frame();
    expect(s.store.getSnapshot()).toMatchObject({
      state: 'error',
      error: { key: 'error.raw', params: { text: 'a tfjs kernel failed' } },
      stepsDone: 2,
    });

    const dataBefore = s.store.getSnapshot().data;
    s.client.restart();
    expect(s.workers[0].terminated).toBe(true);
    const w = s.workers[1];
    expect(w.commands()).toEqual([{ type: 'init', backend: 'auto' }]);
    w.reply(cpuInfo);
    // The divergence watch goes on from the two steps the run had (src/state/run-store.ts).
    const watchAfterTwoSteps: unknown = expect.objectContaining({ scanned: 2 });
    expect(w.commands()[1]).toEqual({
      type: 'reset',
      runId: 1,
      config,
      resume: { stepsDone: 2, modelParams: [0.1, -0.1], watch: watchAfterTwoSteps },
    });
    s.frame();
    expect(s.store.getSnapshot()).toMatchObject({ state: 'starting', error: null, stepsDone: 2 });
    expect(englishText(s.store.getSnapshot().notice!)).toMatch(/Worker restarted — the run continues from step 2/);

    // The resumed run: its history is the same object, its parameters the last step's.
    w.reply(runReady(2));
    w.reply(
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
    w.reply({ type: 'state', runId: 1, state: 'paused', tensorCount: 4 });
    w.reply({ type: 'progress', runId: 1, steps: [step(2, 3, 1)], tensorCount: 4 });
    s.frame();
    const run = s.store.getSnapshot();
    expect(run.data).toBe(dataBefore);
    expect(run).toMatchObject({ state: 'paused', stepsDone: 3, epochsReceived: 1, currentParams: { w: 0.2, b: -0.2 } });
    expect(Array.from(run.data.stepLoss.view())).toEqual([10, 9, 8]);
    expect(Array.from(run.data.epochMeanLoss.view())).toEqual([9]);
  });

  it('starts the history afresh when the worker restarts a run from scratch (no resumedAt)', () => {
    const s = setup();
    twoStepsIn(s);
    s.workers[0].reply(runReady());
    s.frame();
    expect(s.store.getSnapshot()).toMatchObject({ stepsDone: 0, epochsReceived: 0, state: 'ready' });
    expect(s.store.getSnapshot().data.stepLoss.length).toBe(0);
  });
});

describe('heartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('declares a silent worker dead after the timeout, keeps the history, and Restart works', () => {
    const s = setup({ intervalMs: 100, timeoutMs: 500 });
    twoStepsIn(s);
    s.workers[0].answersPings = false;
    vi.advanceTimersByTime(400);
    s.frame();
    expect(s.store.getSnapshot().state).not.toBe('error');
    vi.advanceTimersByTime(400);
    s.frame();
    expect(s.store.getSnapshot()).toMatchObject({ state: 'error', stepsDone: 2 });
    expect(englishText(s.store.getSnapshot().error!)).toMatch(/stopped responding/);
    expect(s.workers[0].terminated).toBe(true);
    s.client.restart();
    expect(s.workers).toHaveLength(2);
    s.client.dispose();
  });

  it('leaves a worker that answers alone, however long', () => {
    const s = setup({ intervalMs: 100, timeoutMs: 500 });
    twoStepsIn(s);
    vi.advanceTimersByTime(60_000);
    s.frame();
    expect(s.store.getSnapshot().state).toBe('ready');
    expect(s.workers).toHaveLength(1);
    s.client.dispose();
  });
});

describe('commands', () => {
  it('sends step-epoch for the current run', () => {
    const s = setup();
    twoStepsIn(s);
    s.client.stepEpoch();
    expect(s.workers[0].commands().at(-1)).toEqual({ type: 'step-epoch', runId: 1 });
  });

  it('changes speed without a reset: the run and its settings agree, and a run under way says so', () => {
    const s = setup();
    twoStepsIn(s);
    s.workers[0].reply({ type: 'state', runId: 1, state: 'running', tensorCount: 4 });
    s.frame();
    const data = s.store.getSnapshot().data;
    s.client.setSpeed(5);
    s.frame();
    expect(s.workers[0].commands().at(-1)).toEqual({ type: 'set-speed', runId: 1, speed: 5 });
    const run = s.store.getSnapshot();
    expect(run).toMatchObject({ runId: 1, stepsDone: 2, state: 'running' });
    expect(run.data).toBe(data);
    expect(run.config.speed).toBe(5);
    expect(englishText(run.notice!)).toBe(
      'Speed changed to 5 steps per second from the next step — the run goes on, nothing reset',
    );
  });
});
