// Typed access to pytorch-vectors.json, what real PyTorch printed (scripts/pytorch_reference.py).
// Test code only. int64 values are decimal strings; non-finite floats are "nan", "inf", "-inf".
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import type { ExperimentSpec } from '../experiment/spec';
import raw from './pytorch-vectors.json';

export type JsonFloat = number | 'nan' | 'inf' | '-inf';

export interface RandpermCase {
  seed: number;
  n: number;
  afterInt64Draw?: boolean;
  permutation?: number[];
  first?: number[];
  sha256?: string;
  nextInt64?: string;
  /** Two successive randperm(n) with torch.Generator().manual_seed(seed). */
  generator?: boolean;
  permutations?: number[][];
}

export interface UniformCase {
  seed: number;
  from: number;
  to: number;
  values: number[];
}

export interface LinearCase {
  seed: number;
  inFeatures: number;
  outFeatures: number;
  weight: number[];
  bias: number[];
}

export interface LoaderCase {
  seed: number;
  n: number;
  batchSize: number;
  shuffle: boolean;
  dropLast: boolean;
  /** RandomSampler(replacement=True); absent: shuffle decides. */
  replacement?: boolean;
  generatorSeed: number | null;
  /** epochs[e][k]: the k-th mini-batch of epoch e + 1. */
  epochs: number[][][];
  globalNextInt64: string;
  generatorNextInt64?: string;
}

/** [epoch, step, batch, loss, f'{loss:.4f}', w after the step, b after the step] */
export type TraceStep = [number, number, number[], JsonFloat, string, JsonFloat, JsonFloat];

export type TraceCase = {
  seed: number;
  batchSize: number;
  shuffle: boolean;
  dropLast: boolean;
  replacement?: boolean;
  learningRate: number;
  epochs: number;
  stepsPerEpoch: number;
  initial: { w: number; b: number };
  steps: TraceStep[];
} & ValidationRecord;

/** A run with a validation split (random_split); absent when nothing was held out. */
export interface ValidationRecord {
  validationSplit?: number;
  /** val_set.indices, in random_split's order. */
  heldOut?: number[];
  /** [epoch, held-out MSE after the epoch, f'{loss:.4f}'] */
  validation?: [number, JsonFloat, string][];
}

export interface PytorchVectors {
  torchVersion: string;
  cpuCapability: string | null;
  blas: string | null;
  int64: { seed: number; values: string[] }[];
  randperm: RandpermCase[];
  uniformFloat32: UniformCase[];
  linear: LinearCase[];
  dataloader: LoaderCase[];
  traces: TraceCase[];
  sum: { n: number; sum: number; sumDim0: number }[];
  format4: [JsonFloat, string][];
}

export const pytorchVectors = raw as unknown as PytorchVectors;

export function jsonFloat(x: JsonFloat): number {
  if (x === 'nan') return NaN;
  if (x === 'inf') return Infinity;
  if (x === '-inf') return -Infinity;
  return x;
}

/** A short name for a test title. */
export function describeTrace(t: TraceCase): string {
  return (
    `seed ${t.seed}, batch ${t.batchSize}, shuffle ${t.shuffle ? 'on' : 'off'}, ` +
    `drop_last ${t.dropLast ? 'on' : 'off'}${t.replacement ? ', replacement' : ''}, lr ${t.learningRate}, ${t.epochs} epochs` +
    (t.validationSplit ? `, val ${t.validationSplit}` : '')
  );
}

/** The trace as an experiment of one run: the tutorial with its loader settings, and its one setting. */
export function traceExperiment(t: TraceCase): { base: RunConfig; spec: ExperimentSpec } {
  return {
    base: {
      ...DEFAULT_CONFIG,
      replacement: t.replacement ?? false,
      validationSplit: t.validationSplit ?? 0,
      dropLast: t.dropLast,
      epochs: t.epochs,
      seed: t.seed,
    },
    spec: {
      batchSizes: [t.batchSize],
      learningRates: [t.learningRate],
      shuffle: t.shuffle ? 'on' : 'off',
      seedsPerSetting: 1,
      targetLoss: 0.01,
    },
  };
}
