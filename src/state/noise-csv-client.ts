// The MLP's noise columns for the run CSV: the job made from the run's columns (its checkpoints,
// every step's batch), computed in a worker of its own (worker/noise-csv-worker.ts) that is ended
// once it answers. The linear model's come from data moments in the page (export/run-csv.ts).
import type { MlpNoiseJob, MlpNoiseRows } from '../analysis/mlp-noise-rows';
import { REPLAY_STEP_LIMIT, replayWork } from '../analysis/mlp-replay';
import { trainingSet } from '../analysis/training-set';
import type { FromNoiseCsvWorker, ToNoiseCsvWorker } from '../protocol';
import { stepBatches } from './mlp-params-before';
import type { RunSnapshot } from './run-store';

type CsvRun = Pick<RunSnapshot, 'config' | 'data' | 'dataColumns' | 'heldOut' | 'stepsDone' | 'stepsPerEpoch'>;

/** What the worker needs for every row of an MLP run's CSV; null for the linear model or no data. */
export function mlpNoiseJob(run: CsvRun): MlpNoiseJob | null {
  const { config, data, dataColumns, stepsPerEpoch } = run;
  if (config.model !== 'mlp' || !dataColumns || stepsPerEpoch === 0) return null;
  const steps = Math.min(run.stepsDone, data.stepLoss.length);
  const trained = trainingSet(dataColumns.x, dataColumns.y, run.heldOut);
  const checkpoints = data.checkpoints.all.filter((c) => c.step < steps);
  const dim = 3 * config.hiddenUnits + 1;
  const checkpointParams = new Float32Array(checkpoints.length * dim);
  checkpoints.forEach((c, k) => checkpointParams.set(c.params, k * dim));
  return {
    x: trained.x,
    y: trained.y,
    hiddenUnits: config.hiddenUnits,
    activation: config.activation,
    learningRate: config.learningRate,
    batchSize: config.batchSize,
    replacement: config.replacement,
    steps,
    checkpointSteps: Int32Array.from(checkpoints, (c) => c.step),
    checkpointParams,
    // A batch too large to replay (REPLAY_STEP_LIMIT) counts as one whose indices are gone: its rows wait for a checkpoint.
    ...stepBatches(
      data,
      stepsPerEpoch,
      0,
      steps,
      trained,
      Math.floor(REPLAY_STEP_LIMIT / replayWork(1, config.hiddenUnits)),
    ),
  };
}

/** The rows' noise numbers, computed off the page's thread; `progress` hears the rows done. Null when cancelled. */
export function computeMlpNoiseRows(
  job: MlpNoiseJob,
  progress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<MlpNoiseRows | null> {
  const worker = new Worker(new URL('../worker/noise-csv-worker.ts', import.meta.url), {
    type: 'module',
    name: 'noise-csv',
  });
  let cancel = () => {};
  return new Promise<MlpNoiseRows | null>((resolve, reject) => {
    cancel = () => resolve(null);
    signal?.addEventListener('abort', cancel);
    worker.onmessage = (event: MessageEvent<FromNoiseCsvWorker>) => {
      const message = event.data;
      if (message.type === 'progress') progress(message.done, message.total);
      else if (message.type === 'done') resolve(message.rows);
      else reject(new Error(message.message));
    };
    worker.onerror = (event) => reject(new Error(event.message || 'the worker failed'));
    const request: ToNoiseCsvWorker = { type: 'noise-csv', job };
    if (signal?.aborted) resolve(null);
    else worker.postMessage(request);
  }).finally(() => {
    signal?.removeEventListener('abort', cancel);
    worker.terminate();
  });
}
