// Grids that answer one question each, set up in the Experiments section by a button: the boxes'
// text, and the run settings the question needs (enough epochs to reach the target).
import type { RunConfig } from '../engine/config';
import type { ExperimentText } from '../engine/experiment/spec';
import type { MessageKey } from '../i18n/message';

export interface ExperimentPreset {
  id: 'fastest' | 'shuffling';
  label: MessageKey;
  /** What to look at once it has run. */
  note: MessageKey;
  text: ExperimentText;
  /** The run's own settings it needs, over the tutorial's. */
  settings: Partial<RunConfig>;
}

export const EXPERIMENT_PRESETS: readonly ExperimentPreset[] = [
  {
    id: 'fastest',
    label: 'x.presetFastest',
    note: 'x.presetFastestNote',
    // Learning rates up to the full batch's stability bound (lr < 0.0254 on the tutorial's data), so
    // every batch size has one that works and the large ones have one near their best.
    text: {
      batchSizes: '1,2,3,5,10',
      learningRates: '0.001,0.002,0.005,0.01,0.02',
      shuffle: 'on',
      seedsPerSetting: '16',
      targetLoss: '0.01',
    },
    settings: { dataset: 'tutorial', model: 'linear', epochs: 100, dropLast: false, validationSplit: 0 },
  },
  {
    id: 'shuffling',
    label: 'x.presetShuffling',
    note: 'x.presetShufflingNote',
    text: {
      batchSizes: '1,2,5',
      learningRates: '0.005,0.01,0.02',
      shuffle: 'both',
      seedsPerSetting: '32',
      targetLoss: '0.01',
    },
    settings: { dataset: 'tutorial', model: 'linear', epochs: 30, dropLast: false, validationSplit: 0 },
  },
];
