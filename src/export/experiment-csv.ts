// "Download experiment CSV": the experiment as CSV, one row per run in the results' order (shuffle,
// batch size, learning rate, seed), the table's columns:
//   batch_size,learning_rate,shuffle,seed,final_loss,steps_to_target,diverged
// `shuffle` and `diverged` are 1/0; `seed` is the run's own (the run's Seed + s), exact for 64-bit
// seeds; `final_loss` (the mean batch loss of the last epoch) at full precision — JavaScript's
// shortest text that reads back as the same double — and `nan`, `inf`, `-inf` as such (Python's
// float() reads all three); `steps_to_target` is 1-based, empty when the run never reached the target.
// The exported PyTorch script prints the same columns (experiment-script.ts).
import { normalizeSeed, type RunConfig } from '../engine/config';
import type { ExperimentRow } from '../engine/experiment/results';

export const EXPERIMENT_CSV_COLUMNS = [
  'batch_size',
  'learning_rate',
  'shuffle',
  'seed',
  'final_loss',
  'steps_to_target',
  'diverged',
] as const;

/** A number as the experiment's CSV and the table's data-* attributes write it: full precision, nan/inf/-inf. */
export function experimentNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

/** One run's fields, in EXPERIMENT_CSV_COLUMNS' order (the table's data-* attributes hold the same text). */
export function experimentFields(row: ExperimentRow): string[] {
  return [
    String(row.batchSize),
    experimentNumber(row.learningRate),
    row.shuffle ? '1' : '0',
    String(normalizeSeed(row.seed)),
    experimentNumber(row.finalLoss),
    row.stepsToTarget === null ? '' : String(row.stepsToTarget),
    row.diverged ? '1' : '0',
  ];
}

export function experimentCsv(rows: readonly ExperimentRow[]): string {
  return [EXPERIMENT_CSV_COLUMNS.join(','), ...rows.map((r) => experimentFields(r).join(','))].join('\n') + '\n';
}

/** e.g. minibatch-lab-experiment-tutorial-linear-seed0.csv */
export function experimentCsvFilename(config: RunConfig): string {
  const model = config.model === 'mlp' ? `mlp${config.hiddenUnits}` : 'linear';
  return `minibatch-lab-experiment-${config.dataset}-${model}-seed${config.seed}.csv`;
}
