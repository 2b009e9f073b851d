// The gradient-noise figure's worker: it keeps the run's data and answers each request with the
// analysis (src/analysis/gradient-noise.ts). A pass over N = 1,000,000 samples, and 5,000 drawn
// batches, would hold the page's thread far longer than a frame; here they hold nobody.
import { gradientNoise } from '../analysis/gradient-noise';
import { replayMlp } from '../analysis/mlp-replay';
import { gradientsFor } from '../analysis/per-sample-gradients';
import type { DataColumns, FromNoiseWorker, NoiseRequest, ToNoiseWorker } from '../protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let data: { runId: number; columns: DataColumns } | null = null;

function answer(request: NoiseRequest): FromNoiseWorker {
  if (request.data) data = { runId: request.runId, columns: request.data };
  if (!data || data.runId !== request.runId) {
    return { type: 'noise-error', id: request.id, message: 'no data for this run' };
  }
  const { x, y } = data.columns;
  const params = request.replay ? replayMlp(x, y, request.params, request.replay) : request.params;
  const result = gradientNoise(gradientsFor(request.model, x, y, params), {
    batchSize: request.batchSize,
    replacement: request.replacement,
    seed: request.seed,
    actualBatch: request.actualBatch,
  });
  return { type: 'noise', id: request.id, result };
}

scope.onmessage = (event: MessageEvent<ToNoiseWorker>) => {
  let reply: FromNoiseWorker;
  try {
    reply = answer(event.data.request);
  } catch (error) {
    reply = { type: 'noise-error', id: event.data.request.id, message: String(error) };
  }
  if (reply.type === 'noise') {
    const { result } = reply;
    scope.postMessage(reply, [result.cloud.buffer, result.gradient.buffer, result.u.buffer, result.v.buffer]);
  } else {
    scope.postMessage(reply);
  }
};
