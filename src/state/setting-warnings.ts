// Values the schema accepts but a student should hear about, said next to their control: a batch
// larger than the dataset (PyTorch then yields one batch of all samples, or none with drop_last) and
// a learning rate so large that SGD blows up. Errors (values refused) come from validateConfig.
import type { RunConfig } from '../engine/config';
import { EN, type I18n } from '../i18n/translate';

/** At and above this, SGD on the app's data diverges (the tutorial's already does above ~0.02). */
export const LARGE_LEARNING_RATE = 1;

export type SettingWarnings = Partial<Record<'batchSize' | 'learningRate', string>>;

/** `datasetSize` 0 means not known yet (no warning about it then). */
export function settingWarnings(config: RunConfig, datasetSize: number, i18n: I18n = EN): SettingWarnings {
  const warnings: SettingWarnings = {};
  if (datasetSize > 0 && config.batchSize > datasetSize) {
    const samples = i18n.tp('warn.samples', datasetSize);
    warnings.batchSize = i18n.t(config.dropLast ? 'warn.batchLargerDropLast' : 'warn.batchLarger', { samples });
  }
  if (config.learningRate >= LARGE_LEARNING_RATE) warnings.learningRate = i18n.t('warn.learningRate');
  return warnings;
}
