// The gradient-noise figure's worker: it keeps the run's data and answers each request with the
// analysis (src/analysis/gradient-noise.ts). A pass over N = 1,000,000 samples, and 5,000 drawn
// batches, would hold the page's thread far longer than a frame; here they hold nobody. The first
// answer comes with the batches its work budget affords; the rest are drawn after it in shares
// short enough that a newer request (the run moved on, another step pointed at) is read between
// two of them and ends the older one.
import { startGradientNoise, type GradientNoise, type NoiseRefinement } from '../analysis/gradient-noise';
import { replayMlp } from '../analysis/mlp-replay';
import { gradientsFor } from '../analysis/per-sample-gradients';
import type { DataColumns, FromNoiseWorker, NoiseRequest, ToNoiseWorker } from '../protocol';

/** Drawing work per share, in batchCost's visits (a few tens of milliseconds). */
const SHARE_WORK = 4e5;
/** A refined picture is sent when its batches have doubled since the last one sent, or after this long. */
const RESEND_MS = 1000;

const scope = self as unknown as DedicatedWorkerGlobalScope;
let data: { runId: number; columns: DataColumns } | null = null;
let refining: { id: number; refinement: NoiseRefinement; sentDrawn: number; sentAt: number } | null = null;
let shareQueued = false;

/** The next share as a task of its own: a newer request that has arrived is read between two shares. */
function queueShare(): void {
  if (shareQueued) return;
  shareQueued = true;
  setTimeout(() => {
    shareQueued = false;
    refineAShare();
  }, 0);
}

function start(request: NoiseRequest): { result: GradientNoise; refinement: NoiseRefinement | null } | string {
  if (request.data) data = { runId: request.runId, columns: request.data };
  if (!data || data.runId !== request.runId) return 'no data for this run';
  const { x, y } = data.columns;
  const params = request.replay ? replayMlp(x, y, request.params, request.replay) : request.params;
  return startGradientNoise(gradientsFor(request.model, x, y, params), {
    batchSize: request.batchSize,
    replacement: request.replacement,
    seed: request.seed,
    actualBatch: request.actualBatch,
  });
}

function send(id: number, result: GradientNoise, complete: boolean): void {
  const reply: FromNoiseWorker = { type: 'noise', id, result, complete };
  scope.postMessage(reply, [result.cloud.buffer, result.gradient.buffer, result.u.buffer, result.v.buffer]);
}

function refineAShare(): void {
  const current = refining;
  if (!current) return;
  const result = current.refinement.more(SHARE_WORK);
  const { complete } = current.refinement;
  const now = performance.now();
  if (complete || result.batchesDrawn >= 2 * current.sentDrawn || now - current.sentAt >= RESEND_MS) {
    send(current.id, result, complete);
    current.sentDrawn = result.batchesDrawn;
    current.sentAt = now;
  }
  if (complete) refining = null;
  else queueShare();
}

scope.onmessage = (event: MessageEvent<ToNoiseWorker>) => {
  const { request } = event.data;
  refining = null;
  let started: ReturnType<typeof start>;
  try {
    started = start(request);
  } catch (error) {
    started = String(error);
  }
  if (typeof started === 'string') {
    scope.postMessage({ type: 'noise-error', id: request.id, message: started } satisfies FromNoiseWorker);
    return;
  }
  const { result, refinement } = started;
  send(request.id, result, refinement === null);
  if (!refinement) return;
  refining = { id: request.id, refinement, sentDrawn: result.batchesDrawn, sentAt: performance.now() };
  queueShare();
};
