import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GradientNoise } from '../analysis/gradient-noise';
import { REPLAY_STEP_LIMIT, replayWork } from '../analysis/mlp-replay';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { epochMessage, type StepRecord } from '../protocol';
import type { FromNoiseWorker, ToNoiseWorker } from '../protocol';
import { NoiseClient, noiseTarget } from './noise-client';
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

  it('the MLP: a kept step at its checkpoint, the latest at the parameters before its update', () => {
    const mlp: RunConfig = { ...config, model: 'mlp', hiddenUnits: 1 };
    const run = storeAfter([step(0, 1, 1)], mlp, [1, 2, 3, 4]);
    const latest = noiseTarget(run, null)!;
    expect([latest.step, latest.paramsFrom, latest.latestOnly]).toEqual([0, 0, null]);
    expect(latest.params).toEqual([9, 9, 9, 9]); // run-ready's initial parameters
    expect(latest.replay).toBeUndefined();
    const next = noiseTarget(run, 1)!;
    expect([next.step, next.paramsFrom]).toEqual([1, 1]);
    expect(next.params).toEqual([1, 2, 3, 4]);
    expect(next.model).toEqual({ kind: 'mlp', hiddenUnits: 1, activation: mlp.activation });
  });

  it('the MLP: a step between checkpoints is replayed from the newest before it, on its batches', () => {
    const mlp: RunConfig = { ...config, model: 'mlp', hiddenUnits: 1, learningRate: 0.05, activation: 'tanh' };
    const run = storeAfter([step(0, 1, 1), step(1, 2, 1), step(2, 3, 1)], mlp, [1, 2, 3, 4]);
    const pointed = noiseTarget(run, 2)!;
    expect([pointed.step, pointed.paramsFrom, pointed.latestOnly]).toEqual([2, 0, null]);
    expect(pointed.params).toEqual([9, 9, 9, 9]);
    const replay = pointed.replay!();
    expect([...replay.lengths]).toEqual([4, 4]);
    expect([...replay.order]).toEqual([3, 1, 4, 0, 9, 2, 6, 5]);
    expect(replay).toMatchObject({ learningRate: 0.05, hiddenUnits: 1, activation: 'tanh' });
    expect(pointed.key).not.toBe(noiseTarget(run, 3)!.key);
    // With a validation split the batches are positions among the training samples, as the data sent.
    const batches = [
      [3, 1, 4, 9],
      [2, 6, 8, 7],
    ];
    const steps = [step(0, 1, 1), step(1, 2, 1), step(2, 1, 2)];
    const held = { ...storeAfter(steps, mlp, [1, 2, 3, 4], batches), heldOut: Int32Array.of(5, 0) };
    // Training samples 1, 2, 3, 4, 6, 7, 8, 9 at positions 0 … 7.
    expect([...noiseTarget(held, 2)!.replay!().order]).toEqual([2, 0, 3, 7, 1, 4, 6, 5]);
  });

  it('the MLP: a step to replay whose batch is gone falls back to the next step at the latest parameters', () => {
    const mlp: RunConfig = { ...config, model: 'mlp', hiddenUnits: 1 };
    const run = storeAfter([step(0, 1, 1), step(1, 2, 1), step(2, 3, 1)], mlp, [1, 2, 3, 4]);
    vi.spyOn(run.data.epochBatches, 'hasIndices').mockReturnValue(false);
    const target = noiseTarget(run, 2)!;
    expect([target.step, target.paramsFrom, target.latestOnly]).toEqual([3, 3, 'batches-gone']);
    expect(target.params).toEqual([1, 2, 3, 4]);
    expect(target.replay).toBeUndefined();
  });

  it('the MLP: steps too large to replay (memory) fall back to the latest parameters too, and say so', () => {
    const mlp: RunConfig = { ...config, model: 'mlp', hiddenUnits: 1 };
    const run = storeAfter([step(0, 1, 1), step(1, 2, 1), step(2, 3, 1)], mlp, [1, 2, 3, 4]);
    const atLimit = Math.floor(REPLAY_STEP_LIMIT / replayWork(1, 1)); // samples of one step at the limit (h = 1)
    const length = vi.spyOn(run.data.epochBatches, 'batchLength').mockReturnValue(atLimit);
    expect(noiseTarget(run, 1)!.latestOnly).toBeNull(); // one step at the limit: replayed
    length.mockReturnValue(atLimit + 1);
    const target = noiseTarget(run, 1)!;
    expect([target.step, target.latestOnly]).toEqual([3, 'too-large']);
  });
});

/** A stand-in for the noise worker: records what the client posts and lets the test answer. */
class FakeWorker {
  static last: FakeWorker | null = null;
  posted: ToNoiseWorker[] = [];
  onmessage: ((event: { data: FromNoiseWorker }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(message: ToNoiseWorker): void {
    this.posted.push(message);
  }
  terminate(): void {}
  answer(id: number, batchesDrawn: number, complete: boolean): void {
    const result = { batchesDrawn } as GradientNoise;
    this.onmessage?.({ data: { type: 'noise', id, result, complete } });
  }
}

describe('NoiseClient: first pictures and their refinements', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each refinement of the answered request until a newer request is sent, then only the newer one', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const run = storeAfter([step(0, 1, 1), step(1, 2, 1), step(2, 3, 1)]);
    const client = new NoiseClient();
    const drawn = () => client.getSnapshot()?.result.batchesDrawn;
    client.want(noiseTarget(run, 1)!);
    const worker = FakeWorker.last!;
    const first = worker.posted[0].request.id;
    worker.answer(first, 10, false);
    expect(drawn()).toBe(10);
    worker.answer(first, 20, false);
    expect(client.getSnapshot()?.step).toBe(1);
    expect(drawn()).toBe(20);
    expect(client.getSnapshot()?.refining).toBe(true);
    // The same picture again changes nothing; another step is sent at once (the first is answered).
    client.want(noiseTarget(run, 1)!);
    expect(worker.posted).toHaveLength(1);
    client.want(noiseTarget(run, 2)!);
    expect(worker.posted).toHaveLength(2);
    // The picture still shown gets no more batches now: it no longer says it is drawing more.
    expect(client.getSnapshot()?.refining).toBe(false);
    const second = worker.posted[1].request.id;
    worker.answer(first, 40, false); // already on its way: not shown
    expect(drawn()).toBe(20);
    worker.answer(second, 7, false);
    expect(client.getSnapshot()?.step).toBe(2);
    worker.answer(second, 5000, true);
    expect(drawn()).toBe(5000);
    expect(client.getSnapshot()?.refining).toBe(false);
    worker.answer(second, 6000, false); // nothing comes after complete
    expect(drawn()).toBe(5000);
    client.dispose();
  });

  it('queues a newer request behind one in flight, and sends it when the first picture comes', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const run = storeAfter([step(0, 1, 1), step(1, 2, 1), step(2, 3, 1)]);
    const client = new NoiseClient();
    client.want(noiseTarget(run, 0)!);
    const worker = FakeWorker.last!;
    client.want(noiseTarget(run, 1)!);
    client.want(noiseTarget(run, 2)!);
    expect(worker.posted).toHaveLength(1);
    worker.answer(worker.posted[0].request.id, 10, false);
    expect(worker.posted).toHaveLength(2);
    expect(worker.posted[1].request.seed).toBe(noiseTarget(run, 2)!.seed);
    worker.answer(worker.posted[0].request.id, 20, false); // its refinement ended with the newer request
    expect(client.getSnapshot()?.result.batchesDrawn).toBe(10);
    client.dispose();
  });

  it('sends a request when the page is idle, the latest of those asked for meanwhile', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
    vi.stubGlobal('cancelIdleCallback', () => {});
    FakeWorker.last = null;
    const run = storeAfter([step(0, 1, 1), step(1, 2, 1), step(2, 3, 1)]);
    const client = new NoiseClient();
    client.want(noiseTarget(run, 0)!);
    client.want(noiseTarget(run, 1)!);
    expect((FakeWorker.last as FakeWorker | null)?.posted ?? []).toHaveLength(0);
    expect(idle).toHaveLength(1);
    idle.shift()!();
    const worker = FakeWorker.last!;
    expect(worker.posted).toHaveLength(1);
    expect(worker.posted[0].request.seed).toBe(noiseTarget(run, 1)!.seed);
    // One in flight: the next waits for its answer, then for the page to be idle again.
    client.want(noiseTarget(run, 2)!);
    expect(idle).toHaveLength(0);
    worker.answer(worker.posted[0].request.id, 10, true);
    expect(worker.posted).toHaveLength(1);
    idle.shift()!();
    expect(worker.posted).toHaveLength(2);
    client.dispose();
  });
});
