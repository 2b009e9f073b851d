// The run CSV's noise columns for the MLP (analysis/mlp-noise-rows.ts): started for one export and
// ended after it. A full pass over the training samples a step is too long for the page's thread
// at any but the smallest runs, and would hold the gradient-noise figure's worker as long.
import { mlpNoiseRows } from '../analysis/mlp-noise-rows';
import type { FromNoiseCsvWorker, ToNoiseCsvWorker } from '../protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromNoiseCsvWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

scope.onmessage = (event: MessageEvent<ToNoiseCsvWorker>) => {
  const { job } = event.data;
  try {
    const rows = mlpNoiseRows(job, (done) => post({ type: 'progress', done, total: job.steps }));
    post({ type: 'done', rows }, [rows.values.buffer, rows.known.buffer]);
  } catch (error) {
    post({ type: 'error', message: String(error) });
  }
};
