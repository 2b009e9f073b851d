// One schema for every setting of a run. The URL parser, the controls and the worker all go through
// `validateConfig`, so a value the UI accepts is a value the engine can run.

import { englishText, message, type Message, type MessageKey } from '../i18n/message';
import type { CustomData } from './csv-data';

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
  batchSize: number;
  shuffle: boolean;
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

/** The PyTorch tutorial's script, exactly. */
export const DEFAULT_CONFIG: Readonly<RunConfig> = Object.freeze({
  dataset: 'tutorial',
  samples: 100,
  model: 'linear',
  hiddenUnits: 16,
  activation: 'tanh',
  batchSize: 3,
  shuffle: true,
  dropLast: false,
  learningRate: 0.01,
  epochs: 10,
  seed: 0,
  speed: 0,
  backend: 'auto',
});

export const LIMITS = Object.freeze({
  maxBatchSize: 2 ** 31 - 1,
  maxSamples: 1_000_000,
  maxHiddenUnits: 256,
  maxEpochs: 100_000,
  maxSpeed: 1000,
});

export const SPEED_CHOICES: readonly Speed[] = [0, 20, 5, 1];
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'webgpu', 'webgl', 'cpu'];
export const DATASET_NAMES: readonly DatasetName[] = ['tutorial', 'line', 'sine', 'custom'];
export const MODEL_NAMES: readonly ModelName[] = ['linear', 'mlp'];
export const ACTIVATION_NAMES: readonly ActivationName[] = ['relu', 'tanh', 'sigmoid'];

/** Why each refused field was refused, in English (logs, errors, tests)… */
export type ConfigErrors = Partial<Record<keyof RunConfig, string>>;
/** …and as messages the page says in its reader's language. */
export type ConfigProblems = Partial<Record<keyof RunConfig, Message>>;

export interface ValidationResult {
  config: RunConfig;
  errors: ConfigErrors;
  problems: ConfigProblems;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * A seed as a RunConfig holds it: a safe integer as a number, one beyond ±(2^53 − 1) as its exact
 * decimal string (a number would round it). Both survive JSON and structured cloning, and each seed
 * has one form, so `===` compares seeds.
 */
export type Seed = number | string;

/** torch.manual_seed accepts any int64 or uint64 ("Overflow when unpacking long" beyond). */
export const SEED_MIN = -(2n ** 63n);
export const SEED_MAX = 2n ** 64n - 1n;
const SEED_RANGE = { min: SEED_MIN.toString(), max: SEED_MAX.toString() };
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The canonical Seed for a whole number in PyTorch's range (number, bigint or decimal text), else null. */
export function normalizeSeed(value: unknown): Seed | null {
  let seed: bigint;
  if (typeof value === 'number' && Number.isInteger(value)) seed = BigInt(value);
  else if (typeof value === 'bigint') seed = value;
  else if (typeof value === 'string' && /^[+-]?\d{1,40}$/.test(value.trim())) seed = BigInt(value.trim());
  else if (typeof value === 'string' && DECIMAL_TEXT.test(value.trim()) && Number.isSafeInteger(Number(value))) {
    seed = BigInt(Number(value)); // 1e3, 42.0
  } else return null;
  if (seed < SEED_MIN || seed > SEED_MAX) return null;
  const safe = BigInt(Number.MAX_SAFE_INTEGER);
  return seed >= -safe && seed <= safe ? Number(seed) : seed.toString();
}

/** The seed as an exact bigint, for the generators. */
export const seedBigInt = (seed: Seed): bigint => BigInt(seed);

function seedProblem(value: unknown): Message {
  const text = typeof value === 'string' ? value.trim() : value;
  const number = typeof text === 'string' ? Number(text) : text;
  if (typeof number === 'number' && Number.isFinite(number) && !Number.isInteger(number)) {
    return message('error.seedFraction', { text: String(text), whole: Math.trunc(number), ...SEED_RANGE });
  }
  return message('error.seed', SEED_RANGE);
}

/**
 * Keeps every valid field of `candidate` and replaces each invalid one by `fallback`'s value,
 * saying why in `errors`. Never throws: a bad link or a typo must not blank the page.
 */
export function validateConfig(
  candidate: Partial<Record<keyof RunConfig, unknown>>,
  fallback: RunConfig = DEFAULT_CONFIG,
): ValidationResult {
  const config: RunConfig = { ...fallback };
  const errors: ConfigErrors = {};
  const problems: ConfigProblems = {};
  const fail = (field: keyof RunConfig, problem: MessageKey | Message, params?: Message['params']) => {
    const m = typeof problem === 'string' ? message(problem, params) : problem;
    problems[field] = m;
    errors[field] = englishText(m);
  };
  const c = candidate;
  if (c.customData !== undefined) {
    const d = c.customData as Partial<CustomData> | null;
    if (d && d.x instanceof Float32Array && d.y instanceof Float32Array && d.x.length === d.y.length && d.x.length >= 1 && d.x.length <= LIMITS.maxSamples) {
      config.customData = { x: d.x, y: d.y };
    } else fail('customData', 'error.customData', { max: LIMITS.maxSamples });
  }

  if (c.dataset !== undefined) {
    if (c.dataset === 'custom' && !(c.customData ?? fallback.customData)) {
      fail('dataset', 'error.customMissing');
    } else if (DATASET_NAMES.includes(c.dataset as DatasetName)) config.dataset = c.dataset as DatasetName;
    else fail('dataset', 'error.dataset');
  }
  if (c.samples !== undefined) {
    if (isInt(c.samples) && c.samples >= 1 && c.samples <= LIMITS.maxSamples) config.samples = c.samples;
    else fail('samples', 'error.samples', { max: LIMITS.maxSamples });
  }
  if (c.model !== undefined) {
    if (MODEL_NAMES.includes(c.model as ModelName)) config.model = c.model as ModelName;
    else fail('model', 'error.model');
  }
  if (c.hiddenUnits !== undefined) {
    const h = c.hiddenUnits;
    if (isInt(h) && h >= 1 && h <= LIMITS.maxHiddenUnits) config.hiddenUnits = h;
    else fail('hiddenUnits', 'error.hiddenUnits', { max: LIMITS.maxHiddenUnits });
  }
  if (c.activation !== undefined) {
    if (ACTIVATION_NAMES.includes(c.activation as ActivationName)) {
      config.activation = c.activation as ActivationName;
    } else fail('activation', 'error.activation');
  }
  if (c.batchSize !== undefined) {
    if (isInt(c.batchSize) && c.batchSize >= 1 && c.batchSize <= LIMITS.maxBatchSize) {
      config.batchSize = c.batchSize;
    } else fail('batchSize', 'error.batchSize', { max: LIMITS.maxBatchSize });
  }
  if (c.shuffle !== undefined) {
    if (typeof c.shuffle === 'boolean') config.shuffle = c.shuffle;
    else fail('shuffle', 'error.shuffle');
  }
  if (c.dropLast !== undefined) {
    if (typeof c.dropLast === 'boolean') config.dropLast = c.dropLast;
    else fail('dropLast', 'error.dropLast');
  }
  if (c.learningRate !== undefined) {
    const lr = c.learningRate;
    if (typeof lr === 'number' && Number.isFinite(lr) && lr > 0) config.learningRate = lr;
    else fail('learningRate', 'error.learningRate');
  }
  if (c.epochs !== undefined) {
    if (isInt(c.epochs) && c.epochs >= 1 && c.epochs <= LIMITS.maxEpochs) config.epochs = c.epochs;
    else fail('epochs', 'error.epochs', { max: LIMITS.maxEpochs });
  }
  if (c.seed !== undefined) {
    const seed = normalizeSeed(c.seed);
    if (seed !== null) config.seed = seed;
    else fail('seed', seedProblem(c.seed));
  }
  if (c.speed !== undefined) {
    const s = c.speed;
    if (typeof s === 'number' && Number.isFinite(s) && s >= 0 && s <= LIMITS.maxSpeed) config.speed = s;
    else fail('speed', 'error.speed');
  }
  if (c.backend !== undefined) {
    if (BACKEND_PREFERENCES.includes(c.backend as BackendPreference)) {
      config.backend = c.backend as BackendPreference;
    } else fail('backend', 'error.backend');
  }
  // N of the user's data is its row count, whatever `samples` said.
  if (config.dataset === 'custom' && config.customData) config.samples = config.customData.x.length;
  return { config, errors, problems };
}
