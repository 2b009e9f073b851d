// What the gradient-noise figure asks its worker, and the answer it shows. The figure points at
// a step (the latest, or the one pointed at anywhere); the parameters before that step's update
// and its batch come from the run's columns. Requests are latest-wins, one in flight at a time:
// at full speed the picture trails the run by one computation instead of queueing behind it. A
// request counts as answered at its first picture; the worker's refinements of it (more batches
// drawn) keep coming until the picture is complete or a newer request is sent.
import { useSyncExternalStore } from 'react';
import type { GradientNoise } from '../analysis/gradient-noise';
import type { ReplaySteps } from '../analysis/mlp-replay';
import { noiseSeed } from '../analysis/noise-batches';
import { batchPositions, trainingSet } from '../analysis/training-set';
import { modelSpecFor } from '../engine/models';
import { seedBigInt } from '../engine/seed';
import type { DataColumns, FromNoiseWorker, NoiseRequest } from '../protocol';
import { mlpParamsBefore, type NoReplay } from './mlp-params-before';
import type { RunSnapshot } from './run-store';

/** A request without its id, with the run's data, the step and a key: same key, same picture. */
export interface NoiseTarget extends Omit<NoiseRequest, 'id' | 'data' | 'actualBatch' | 'replay'> {
  /** 0-based step whose parameters (before its update) and batch are drawn. */
  step: number;
  data: DataColumns;
  /**
   * The step's own batch, as positions in the training set: made only when the request is sent,
   * not on every frame the figure renders (a batch can hold hundreds of thousands of samples).
   */
  actualBatch: () => Int32Array | null;
  /** The MLP's steps to replay from the checkpoint `params` are (made when sent, as `actualBatch`). */
  replay?: () => ReplaySteps;
  /** Steps done at the parameters sent: `step` when kept, an MLP checkpoint's when replayed from it. */
  paramsFrom: number;
  /** The MLP's fallback, and why: a step to replay has lost its batch or is too large, so this is the next step at the latest parameters. */
  latestOnly: NoReplay | null;
  key: string;
}

/**
 * The step to draw, for either model: any trained step (or the next) — the pointed one, else the
 * latest, else step 1 at the initial weights. The linear model keeps its parameters after every
 * step; the MLP's are kept at checkpoints and the steps since the newest one before are replayed in
 * the worker (mlp-params-before.ts). Where one of those steps has lost its batch (old epochs of a
 * large run) or is too large to replay, the MLP falls back to the next step at its latest
 * parameters, and says why.
 */
export function noiseTarget(run: RunSnapshot, hoverStep: number | null): NoiseTarget | null {
  const { config, data, dataColumns, stepsDone, stepsPerEpoch } = run;
  if (!dataColumns || stepsPerEpoch === 0) return null;
  const totalSteps = stepsPerEpoch * config.epochs;
  // SGD's gradients are over the training samples: a validation split's held-out ones take no part.
  const trained = trainingSet(dataColumns.x, dataColumns.y, run.heldOut);
  const pointed = hoverStep !== null && hoverStep <= stepsDone && hoverStep < totalSteps;
  let step = pointed ? hoverStep : Math.max(stepsDone - 1, 0);
  let params: number[] | null;
  let paramsFrom = step;
  let replay: (() => ReplaySteps) | undefined;
  let latestOnly: NoReplay | null = null;
  if (config.model === 'linear') {
    const initial = run.initialParams;
    params = step === 0 ? initial && [initial.w, initial.b] : [data.paramW.get(step - 1), data.paramB.get(step - 1)];
  } else {
    const found = mlpParamsBefore(config, data, stepsPerEpoch, step, trained);
    if (found && typeof found === 'object') {
      params = found.params;
      paramsFrom = found.from;
      replay = found.replay ?? undefined;
    } else {
      step = stepsDone;
      paramsFrom = stepsDone;
      params = run.modelParams;
      latestOnly = found ?? 'not-kept';
    }
  }
  if (!params || !params.every(Number.isFinite)) return null;
  const epoch = Math.floor(step / stepsPerEpoch);
  const batchKnown = step < totalSteps && data.epochBatches.hasIndices(epoch);
  const actualBatch = () => {
    const batch = batchKnown ? data.epochBatches.batchIndices(epoch, step % stepsPerEpoch) : null;
    return batch && batchPositions(batch, trained);
  };
  const seedLow32 = Number(BigInt.asUintN(32, seedBigInt(config.seed)));
  return {
    runId: run.runId,
    step,
    data: trained.positionOf ? { x: trained.x, y: trained.y } : dataColumns,
    model: modelSpecFor(config),
    params,
    ...(replay ? { replay } : {}),
    paramsFrom,
    latestOnly,
    batchSize: config.batchSize,
    replacement: config.replacement,
    seed: noiseSeed(seedLow32, step),
    actualBatch,
    // A step's parameters before its update never change once known: pointing at one while the run
    // trains on keeps its picture without computing it again.
    key: `${run.runId}:${step}:${batchKnown ? 1 : 0}:${paramsFrom}`,
  };
}

export interface NoiseShown {
  runId: number;
  step: number;
  paramsFrom: number;
  latestOnly: NoReplay | null;
  result: GradientNoise;
  /** More batches of this picture are on their way (a newer request, or an error, ends them). */
  refining: boolean;
}

/** The longest a request waits for the page's thread to be idle. */
const IDLE_TIMEOUT_MS = 250;

export class NoiseClient {
  private worker: Worker | null = null;
  private sentRunId = -1;
  private nextId = 1;
  private inFlight: { id: number; target: NoiseTarget } | null = null;
  /** The answered request whose picture the worker is still refining. */
  private refining: { id: number; target: NoiseTarget } | null = null;
  private queued: NoiseTarget | null = null;
  private idle: number | null = null;
  private wantedKey = '';
  private shown: NoiseShown | null = null;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): NoiseShown | null => this.shown;

  want(target: NoiseTarget): void {
    if (target.key === this.wantedKey) return;
    this.wantedKey = target.key;
    this.queued = target;
    if (!this.inFlight) this.sendWhenIdle();
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    if (this.idle !== null) cancelIdleCallback(this.idle);
    this.idle = null;
  }

  /**
   * Sends the queued request once the page's thread is idle (or IDLE_TIMEOUT_MS at most): the
   * worker's passes over a million samples then run after the frames that draw the step, not
   * beside them, where on a two-core machine they would slow those frames down.
   */
  private sendWhenIdle(): void {
    if (this.idle !== null) return;
    const flush = () => {
      this.idle = null;
      const next = this.queued;
      this.queued = null;
      if (next) this.send(next);
    };
    if (typeof requestIdleCallback === 'function') this.idle = requestIdleCallback(flush, { timeout: IDLE_TIMEOUT_MS });
    else flush();
  }

  private send(target: NoiseTarget): void {
    if (!this.worker) {
      this.worker = new Worker(new URL('../worker/noise-worker.ts', import.meta.url), {
        type: 'module',
        name: 'noise',
      });
      this.worker.onmessage = (event: MessageEvent<FromNoiseWorker>) => this.received(event.data);
      // A worker that dies (out of memory on a huge run) answers nothing more: the next picture starts a new one.
      this.worker.onerror = () => {
        this.dispose();
        this.inFlight = null;
        this.endRefining();
        this.wantedKey = '';
      };
      this.sentRunId = -1;
    }
    const id = this.nextId++;
    const { runId, data, model, params, replay, batchSize, replacement, seed, actualBatch } = target;
    const request: NoiseRequest = {
      id,
      runId,
      model,
      params,
      ...(replay ? { replay: replay() } : {}),
      batchSize,
      replacement,
      seed,
      actualBatch: actualBatch(),
    };
    if (runId !== this.sentRunId) request.data = data;
    this.sentRunId = runId;
    this.inFlight = { id, target };
    this.endRefining();
    this.worker.postMessage({ type: 'noise', request });
  }

  private received(message: FromNoiseWorker): void {
    const refined = this.refining;
    if (refined && refined.id === message.id && message.type === 'noise') {
      if (message.complete) this.refining = null;
      this.show(refined.target, message.result, !message.complete);
      return;
    }
    const done = this.inFlight;
    if (!done || done.id !== message.id) return;
    this.inFlight = null;
    if (message.type === 'noise') {
      if (!message.complete) this.refining = done;
      this.show(done.target, message.result, !message.complete);
    }
    if (this.queued) this.sendWhenIdle();
  }

  private show(target: NoiseTarget, result: GradientNoise, refining: boolean): void {
    const { runId, step, paramsFrom, latestOnly } = target;
    this.shown = { runId, step, paramsFrom, latestOnly, result, refining };
    for (const listener of this.listeners) listener();
  }

  /** The picture shown gets no more batches: it says so (no "drawing more"). */
  private endRefining(): void {
    this.refining = null;
    if (this.shown?.refining) {
      this.shown = { ...this.shown, refining: false };
      for (const listener of this.listeners) listener();
    }
  }
}

export function useNoiseShown(client: NoiseClient): NoiseShown | null {
  return useSyncExternalStore(client.subscribe, client.getSnapshot);
}
