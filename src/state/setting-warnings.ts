// Values the schema accepts but a student should hear about, said next to their control: a batch
// larger than the dataset (PyTorch then yields one batch of all samples, or none with drop_last) and
// a learning rate so large that SGD blows up. Errors (values refused) come from validateConfig.
import type { RunConfig } from '../engine/config';

/** At and above this, SGD on the app's data diverges (the tutorial's already does above ~0.02). */
export const LARGE_LEARNING_RATE = 1;

export type SettingWarnings = Partial<Record<'batchSize' | 'learningRate', string>>;

const samples = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'sample' : 'samples'}`;

/** `datasetSize` 0 means not known yet (no warning about it then). */
export function settingWarnings(config: RunConfig, datasetSize: number): SettingWarnings {
  const warnings: SettingWarnings = {};
  if (datasetSize > 0 && config.batchSize > datasetSize) {
    warnings.batchSize = config.dropLast
      ? `Larger than the dataset's ${samples(datasetSize)}, and Drop last is on: the one short batch is dropped, so no step trains.`
      : `Larger than the dataset's ${samples(datasetSize)}: allowed, each epoch is one batch of all ${samples(datasetSize)}.`;
  }
  if (config.learningRate >= LARGE_LEARNING_RATE) {
    warnings.learningRate =
      'Very large: SGD will most likely diverge, the loss growing to inf or nan. Allowed, to watch it happen.';
  }
  return warnings;
}
