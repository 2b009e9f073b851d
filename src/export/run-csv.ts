// The run as CSV, one row per step, read from the run store's columns (what the charts show):
//   step,epoch,step_in_epoch,batch,batch_size,loss,w,b,params,val_loss
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
import type { RunConfig } from '../engine/config';
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
] as const;

export interface RunCsvInput {
  config: RunConfig;
  data: RunData;
  stepsDone: number;
  stepsPerEpoch: number;
  /** Every parameter after the latest step (MLP), flat in state_dict order. */
  modelParams: readonly number[] | null;
}

const num = (value: number): string => (Number.isNaN(value) ? 'nan' : String(value));

export function runCsv({ config, data, stepsDone, stepsPerEpoch, modelParams }: RunCsvInput): string {
  const lines: string[] = [RUN_CSV_COLUMNS.join(',')];
  const linear = config.model === 'linear';
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
