// One schema for every setting of a run, made from the settings table (settings.ts). The URL parser,
// the controls and the worker all go through `validateConfig`, so a value the UI accepts is a value
// the engine can run.

import type { CustomData } from './csv-data';
import { problem, type Problem } from './problem';
import type { Seed } from './seed';
import {
  choicesOf,
  readSetting,
  settingOf,
  SETTINGS,
  type SettingField,
  type SettingProblemKey,
  type SettingSpec,
} from './settings';

export { normalizeSeed, seedBigInt, SEED_MAX, SEED_MIN, type Seed } from './seed';
export { SPEED_CHOICES } from './settings';

export type BackendPreference = 'auto' | 'webgpu' | 'webgl' | 'cpu';
export type BackendName = 'webgpu' | 'webgl' | 'cpu';
/**
 * tutorial: x = 1..10, y = 2x; line: y = 2x + 1 + noise; sine: y = sin x + noise (src/engine/datasets.ts);
 * custom: the user's CSV (src/engine/csv-data.ts), carried in `customData`.
 */
export type DatasetName = 'tutorial' | 'line' | 'sine' | 'custom';
/** linear: nn.Linear(1, 1); mlp: nn.Sequential(nn.Linear(1, h), activation, nn.Linear(h, 1)). */
export type ModelName = 'linear' | 'mlp';
export type ActivationName = 'relu' | 'tanh' | 'sigmoid';
/** Steps per second for slow motion in class; 0 means as fast as the engine goes. */
export type Speed = number;

export interface RunConfig {
  dataset: DatasetName;
  /** Number of samples of a generated dataset (line, sine); the tutorial's always has 10. */
  samples: number;
  model: ModelName;
  /** The MLP's hidden width h; unused by the linear model. */
  hiddenUnits: number;
  /** The MLP's activation between its two layers; unused by the linear model. */
  activation: ActivationName;
  /**
   * The fraction of samples held out, 0 ≤ val < 0.5: k = floor(val × N) samples go to
   * random_split's val_set (validation.ts) and their MSE is reported after every epoch; 0: no split.
   */
  validationSplit: number;
  batchSize: number;
  shuffle: boolean;
  /**
   * `sampler=RandomSampler(dataset, replacement=True)`: each epoch draws N indices with replacement,
   * so a sample can come twice and another not at all; `shuffle` does not apply while it is on.
   */
  replacement: boolean;
  dropLast: boolean;
  learningRate: number;
  epochs: number;
  /**
   * torch.manual_seed(seed), anywhere in PyTorch's −2^63 … 2^64 − 1. PyTorch seeds the MT19937 with
   * the low 32 bits only (a negative seed is taken mod 2^64). See `Seed`.
   */
  seed: Seed;
  speed: Speed;
  backend: BackendPreference;
  /**
   * The user's own x,y columns, for dataset 'custom' (N = its row count). Not a URL key: it travels
   * with the config to the worker (structured clone) and lives in localStorage across reloads.
   */
  customData?: CustomData;
}

/** The PyTorch tutorial's script, exactly: each setting's default from its row in settings.ts. */
export const DEFAULT_CONFIG: Readonly<RunConfig> = Object.freeze(
  Object.fromEntries(SETTINGS.map((s) => [s.field, s.default])) as unknown as RunConfig,
);

const maxOf = (field: SettingField): number => {
  const { kind } = settingOf(field);
  if (kind.type !== 'int' && kind.type !== 'number') throw new Error(`${field} has no maximum`);
  return kind.max;
};

export const LIMITS = Object.freeze({
  maxBatchSize: maxOf('batchSize'),
  maxSamples: maxOf('samples'),
  maxHiddenUnits: maxOf('hiddenUnits'),
  maxEpochs: maxOf('epochs'),
  maxSpeed: maxOf('speed'),
});

export const BACKEND_PREFERENCES: readonly BackendPreference[] = choicesOf('backend');
export const DATASET_NAMES: readonly DatasetName[] = choicesOf('dataset');
export const MODEL_NAMES: readonly ModelName[] = choicesOf('model');
export const ACTIVATION_NAMES: readonly ActivationName[] = choicesOf('activation');

/** Why each refused field was refused, as messages the page says in its reader's language. */
export type ConfigProblems = Partial<Record<keyof RunConfig, Problem<SettingProblemKey>>>;

export interface ValidationResult {
  config: RunConfig;
  problems: ConfigProblems;
}

function isCustomData(d: unknown): d is CustomData {
  const data = d as Partial<CustomData> | null;
  return (
    !!data &&
    data.x instanceof Float32Array &&
    data.y instanceof Float32Array &&
    data.x.length === data.y.length &&
    data.x.length >= 1 &&
    data.x.length <= LIMITS.maxSamples
  );
}

/**
 * Keeps every valid field of `candidate` and replaces each invalid one by `fallback`'s value,
 * saying why in `problems`. Never throws: a bad link or a typo must not blank the page.
 */
export function validateConfig(
  candidate: Partial<Record<keyof RunConfig, unknown>>,
  fallback: RunConfig = DEFAULT_CONFIG,
): ValidationResult {
  const config: RunConfig = { ...fallback };
  const problems: ConfigProblems = {};
  if (candidate.customData !== undefined) {
    if (isCustomData(candidate.customData))
      config.customData = { x: candidate.customData.x, y: candidate.customData.y };
    else problems.customData = problem('error.customData', { max: LIMITS.maxSamples });
  }
  const settable = config as unknown as Record<SettingField, unknown>;
  for (const spec of SETTINGS) {
    const value = candidate[spec.field];
    if (value === undefined) continue;
    if (spec.field === 'dataset' && value === 'custom' && !(candidate.customData ?? fallback.customData)) {
      problems.dataset = problem('error.customMissing');
      continue;
    }
    const read = readSetting(spec as SettingSpec, value);
    if ('value' in read) settable[spec.field] = read.value;
    else problems[spec.field] = read.problem;
  }
  // N of the user's data is its row count, whatever `samples` said.
  if (config.dataset === 'custom' && config.customData) config.samples = config.customData.x.length;
  return { config, problems };
}
