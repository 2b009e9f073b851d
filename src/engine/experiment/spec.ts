// An experiment: a grid of runs, each exactly the single run with its settings. The grid is the
// batch sizes × the learning rates × shuffle on/off (or both) × seeds; run s of a setting uses seed
// = the run's Seed + s. Every other setting (data, model, epochs, drop_last, validation split) is
// the run's own. The page's boxes hold text: parseExperiment reads it and says, per box, why a
// value is refused (message keys; the engine knows no language).
import type { RunConfig } from '../config';
import { problem, type Problem } from '../problem';
import { normalizeSeed, seedBigInt, SEED_MAX, SEED_MIN, type Seed } from '../seed';

export type ExperimentShuffle = 'on' | 'off' | 'both';
export const EXPERIMENT_SHUFFLES: readonly ExperimentShuffle[] = ['on', 'off', 'both'];

export interface ExperimentSpec {
  batchSizes: number[];
  learningRates: number[];
  shuffle: ExperimentShuffle;
  seedsPerSetting: number;
  /** A run reaches it at its first step whose batch loss is at most this. */
  targetLoss: number;
}

/** The boxes' text, as the page and the link (xb, xlr, xshuffle, xseeds, xtarget) hold it. */
export interface ExperimentText {
  batchSizes: string;
  learningRates: string;
  shuffle: string;
  seedsPerSetting: string;
  targetLoss: string;
}

export const DEFAULT_EXPERIMENT_TEXT: Readonly<ExperimentText> = Object.freeze({
  batchSizes: '1,2,3,5,10',
  learningRates: '0.001,0.003,0.01,0.02,0.03',
  shuffle: 'on',
  seedsPerSetting: '8',
  targetLoss: '0.01',
});

export const EXPERIMENT_LIMITS = Object.freeze({
  maxRuns: 10_000,
  maxSeeds: 64,
  /** Steps of all runs together: every step's loss is kept (4 bytes each) for the views. */
  maxTotalSteps: 2 ** 24,
});

export type ExperimentProblemKey =
  | 'error.xBatchSizes'
  | 'error.xLearningRates'
  | 'error.xShuffle'
  | 'error.xSeeds'
  | 'error.xTarget'
  | 'error.xTooManyRuns'
  | 'error.xTooManySteps';

export type ExperimentProblems = Partial<Record<keyof ExperimentText | 'grid', Problem<ExperimentProblemKey>>>;

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A comma (or space, or Chinese comma) separated list of decimals; null if empty or any item is not one. */
function numberList(text: string): number[] | null {
  const items = text
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0 || items.some((s) => !DECIMAL.test(s))) return null;
  return items.map(Number);
}

/** Distinct values in the order first given. */
const distinct = (values: number[]): number[] => [...new Set(values)];

/** The batch sizes a grid trains: clamped to the samples an epoch has, repeats dropped. */
export function clampBatchSizes(batchSizes: readonly number[], trainSize: number): number[] {
  return distinct(batchSizes.map((b) => Math.min(b, trainSize)));
}

export interface ParsedExperiment {
  spec: ExperimentSpec | null;
  problems: ExperimentProblems;
}

/**
 * Reads the boxes. `trainSize` (samples per epoch) clamps the batch sizes; `stepsPerRun` counts a
 * run's steps for a batch size, so a grid whose losses would not fit is refused before it starts.
 */
export function parseExperiment(
  text: ExperimentText,
  trainSize: number,
  stepsPerRun: (batchSize: number) => number,
): ParsedExperiment {
  const problems: ExperimentProblems = {};
  const bs = numberList(text.batchSizes);
  const batchSizes = bs && bs.every((b) => Number.isInteger(b) && b >= 1 && b <= 2 ** 31 - 1) ? bs : null;
  if (!batchSizes) problems.batchSizes = problem('error.xBatchSizes');
  const lrs = numberList(text.learningRates);
  const learningRates = lrs && lrs.every((lr) => Number.isFinite(lr) && lr > 0) ? lrs : null;
  if (!learningRates) problems.learningRates = problem('error.xLearningRates');
  const shuffle = (EXPERIMENT_SHUFFLES as readonly string[]).includes(text.shuffle.trim())
    ? (text.shuffle.trim() as ExperimentShuffle)
    : null;
  if (!shuffle) problems.shuffle = problem('error.xShuffle');
  const seedsText = text.seedsPerSetting.trim();
  const seeds = DECIMAL.test(seedsText) ? Number(seedsText) : NaN;
  const seedsPerSetting = Number.isInteger(seeds) && seeds >= 1 && seeds <= EXPERIMENT_LIMITS.maxSeeds ? seeds : null;
  if (seedsPerSetting === null) problems.seedsPerSetting = problem('error.xSeeds', { max: EXPERIMENT_LIMITS.maxSeeds });
  const targetText = text.targetLoss.trim();
  const target = DECIMAL.test(targetText) ? Number(targetText) : NaN;
  const targetLoss = Number.isFinite(target) && target > 0 ? target : null;
  if (targetLoss === null) problems.targetLoss = problem('error.xTarget');
  if (!batchSizes || !learningRates || !shuffle || seedsPerSetting === null || targetLoss === null)
    return { spec: null, problems };

  const spec: ExperimentSpec = {
    batchSizes: clampBatchSizes(batchSizes, trainSize),
    learningRates: distinct(learningRates),
    shuffle,
    seedsPerSetting,
    targetLoss,
  };
  const perSetting = (shuffle === 'both' ? 2 : 1) * seedsPerSetting * spec.learningRates.length;
  const runs = perSetting * spec.batchSizes.length;
  if (runs > EXPERIMENT_LIMITS.maxRuns) {
    problems.grid = problem('error.xTooManyRuns', { runs, max: EXPERIMENT_LIMITS.maxRuns });
    return { spec: null, problems };
  }
  const steps = spec.batchSizes.reduce((sum, b) => sum + perSetting * stepsPerRun(b), 0);
  if (steps > EXPERIMENT_LIMITS.maxTotalSteps) {
    problems.grid = problem('error.xTooManySteps', { steps, max: EXPERIMENT_LIMITS.maxTotalSteps });
    return { spec: null, problems };
  }
  return { spec, problems };
}

/** The spec as the boxes would show it (a preset fills them from one). */
export function experimentText(spec: ExperimentSpec): ExperimentText {
  return {
    batchSizes: spec.batchSizes.join(','),
    learningRates: spec.learningRates.join(','),
    shuffle: spec.shuffle,
    seedsPerSetting: String(spec.seedsPerSetting),
    targetLoss: String(spec.targetLoss),
  };
}

/** One run of the grid. */
export interface ExperimentRun {
  /** Its row in the results, 0-based. */
  index: number;
  batchSize: number;
  learningRate: number;
  shuffle: boolean;
  /** s: the run uses seed = Seed + s. */
  seedOffset: number;
  seed: Seed;
}

/** Seed + s, kept in torch.manual_seed's range (past its top it wraps to its bottom). */
export function seedPlus(seed: Seed, offset: number): Seed {
  let next = seedBigInt(seed) + BigInt(offset);
  if (next > SEED_MAX) next = SEED_MIN + (next - SEED_MAX - 1n);
  return normalizeSeed(next) as Seed;
}

/** The shuffle settings a grid trains, in the order the results list them. */
export const shufflesOf = (shuffle: ExperimentShuffle): boolean[] =>
  shuffle === 'both' ? [true, false] : [shuffle === 'on'];

/** Every run, in the results' order: shuffle, then batch size, then learning rate, then seed. */
export function experimentRuns(spec: ExperimentSpec, baseSeed: Seed): ExperimentRun[] {
  const runs: ExperimentRun[] = [];
  for (const shuffle of shufflesOf(spec.shuffle))
    for (const batchSize of spec.batchSizes)
      for (const learningRate of spec.learningRates)
        for (let s = 0; s < spec.seedsPerSetting; s++)
          runs.push({
            index: runs.length,
            batchSize,
            learningRate,
            shuffle,
            seedOffset: s,
            seed: seedPlus(baseSeed, s),
          });
  return runs;
}

/** The single run an experiment's run is: the base settings with its own four. */
export function runConfigOf(base: RunConfig, run: ExperimentRun): RunConfig {
  return { ...base, batchSize: run.batchSize, learningRate: run.learningRate, shuffle: run.shuffle, seed: run.seed };
}
