// The run as CSV, one row per step, read from the run store's columns (what the charts show):
//   step,epoch,step_in_epoch,batch,batch_size,loss,w,b,params,val_loss,noise_trace,noise_grad_norm_sq,noise_variance,noise_scale
// `step` is 1-based across the run; `epoch` and `step_in_epoch` are the training log's numbers.
// `batch` is the sample indices, space-separated in one quoted field ("7 2 9"); it is empty for old
// epochs of a large run whose indices the store no longer keeps (see epoch-orders.ts).
// Numbers are written at full precision (the log rounds the loss to 4 decimals; the file does not).
// Linear model: `w` and `b` after that step's update; `params` empty.
// MLP: the worker sends its parameters only once per progress chunk, so per-step values are not known:
// `w` and `b` are empty on every row and the last row's `params` holds the latest flat parameters
// (state_dict order, space-separated).
// `val_loss`: with a validation split, the held-out samples' MSE after the step, on each epoch's
// last step (the log's `Epoch [e/E], Validation loss: …` line, at full precision); empty elsewhere.
// noise_*: the figure Gradient noise's numbers at the parameters before that step's update: tr Σ,
// |G|², the formula's E|g_B − G|² for the run's B, and B_simple = tr Σ / |G|², over the training
// samples (a validation split's held-out ones take no part in a step). Linear model: O(1) a row from
// data moments. MLP: from the replay (analysis/mlp-noise-rows.ts, computed in a worker before the
// file is written: `mlpNoise`): the parameters the page kept at checkpoints, the steps between
// replayed in PyTorch's float32 arithmetic, a pass over the samples a row; empty on the rows whose
// parameters cannot be replayed (a step since the checkpoint before has lost its batch: old epochs
// of a large run), and all empty when the file is written without them.
import { linearNoiseAt, linearNoiseMoments } from '../analysis/linear-noise';
import { NOISE_VALUES_PER_ROW, type MlpNoiseRows } from '../analysis/mlp-noise-rows';
import { trainingSet } from '../analysis/training-set';
import type { RunConfig } from '../engine/config';
import type { DataColumns, ModelParams } from '../protocol';
import type { RunData } from '../state/run-data';

export const RUN_CSV_COLUMNS = [
  'step',
  'epoch',
  'step_in_epoch',
  'batch',
  'batch_size',
  'loss',
  'w',
  'b',
  'params',
  'val_loss',
  'noise_trace',
  'noise_grad_norm_sq',
  'noise_variance',
  'noise_scale',
] as const;

export interface RunCsvInput {
  config: RunConfig;
  data: RunData;
  stepsDone: number;
  stepsPerEpoch: number;
  /** Every parameter after the latest step (MLP), flat in state_dict order. */
  modelParams: readonly number[] | null;
  /** The data and the initial w, b: the noise columns (linear model); empty without them. */
  dataColumns?: DataColumns | null;
  initialParams?: ModelParams | null;
  /** A validation split's held-out samples: the noise columns are the training samples'. */
  heldOut?: Int32Array | null;
  /** The MLP's noise columns, every row's (mlpNoiseRows); empty without them. */
  mlpNoise?: MlpNoiseRows | null;
}

const num = (value: number): string => (Number.isNaN(value) ? 'nan' : String(value));

export function runCsv(input: RunCsvInput): string {
  const { config, data, stepsDone, stepsPerEpoch, modelParams, dataColumns, initialParams, heldOut, mlpNoise } = input;
  const lines: string[] = [RUN_CSV_COLUMNS.join(',')];
  const linear = config.model === 'linear';
  const trained = dataColumns ? trainingSet(dataColumns.x, dataColumns.y, heldOut ?? null) : null;
  const moments = linear && trained && initialParams ? linearNoiseMoments(trained.x, trained.y) : null;
  const noiseBefore = (i: number): string[] => {
    if (mlpNoise && !linear) {
      if (!mlpNoise.known[i]) return ['', '', '', ''];
      return Array.from(mlpNoise.values.subarray(NOISE_VALUES_PER_ROW * i, NOISE_VALUES_PER_ROW * (i + 1)), num);
    }
    if (!moments || !initialParams) return ['', '', '', ''];
    const [w, b] = i === 0 ? [initialParams.w, initialParams.b] : [data.paramW.get(i - 1), data.paramB.get(i - 1)];
    const noise = linearNoiseAt(moments, w, b, config.batchSize, config.replacement);
    return [noise.trace, noise.gradNormSq, noise.variance, noise.noiseScale].map(num);
  };
  const steps = stepsPerEpoch > 0 ? Math.min(stepsDone, data.stepLoss.length) : 0;
  const validation = new Map<number, number>();
  for (let v = 0; v < data.validationStep.length; v++)
    validation.set(data.validationStep.get(v) - 1, data.validationLoss.get(v));
  for (let i = 0; i < steps; i++) {
    const e = Math.floor(i / stepsPerEpoch);
    const k = i % stepsPerEpoch;
    const batch = data.epochBatches.hasIndices(e) ? data.epochBatches.batch(e, k) : [];
    const last = i === steps - 1;
    lines.push(
      [
        i + 1,
        e + 1,
        k + 1,
        `"${batch.join(' ')}"`,
        data.epochBatches.batchLength(e, k),
        num(data.stepLoss.get(i)),
        linear ? num(data.paramW.get(i)) : '',
        linear ? num(data.paramB.get(i)) : '',
        !linear && last && modelParams ? modelParams.map(num).join(' ') : '',
        validation.has(i) ? num(validation.get(i)!) : '',
        ...noiseBefore(i),
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/** e.g. minibatch-lab-run-tutorial-linear-b3-seed0.csv */
export function runCsvFilename(config: RunConfig): string {
  const model = config.model === 'mlp' ? `mlp${config.hiddenUnits}` : 'linear';
  return `minibatch-lab-run-${config.dataset}-${model}-b${config.batchSize}-seed${config.seed}.csv`;
}
