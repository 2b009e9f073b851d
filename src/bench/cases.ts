// The benchmark's configurations and engines (issue 7), shared by the bench page and its worker.
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';

export type EngineName =
  'naive-tfjs' | 'app-webgpu' | 'app-webgpu-preshuffled' | 'app-webgl' | 'app-cpu' | 'js-float64' | 'dataloader';

export const ENGINES: { name: EngineName; label: string; backend: 'webgpu' | 'webgl' | 'cpu' | null }[] = [
  { name: 'naive-tfjs', label: 'naive tfjs loop (webgpu, op by op, read each step)', backend: 'webgpu' },
  { name: 'app-webgpu', label: 'app engine on webgpu', backend: 'webgpu' },
  // What limits the app engine, measured in the same run: its GPU side with the shuffling taken
  // out (a few epochs drawn before timing, then repeated), and the shuffling alone.
  {
    name: 'app-webgpu-preshuffled',
    label: 'app engine on webgpu, epochs shuffled before timing (its GPU side alone)',
    backend: 'webgpu',
  },
  { name: 'app-webgl', label: 'app engine on webgl', backend: 'webgl' },
  { name: 'app-cpu', label: 'app engine on cpu (tfjs)', backend: 'cpu' },
  { name: 'js-float64', label: 'plain JS float64 loop (CPU floor)', backend: null },
  { name: 'dataloader', label: 'the DataLoader alone: shuffle and batches, no training (one thread)', backend: null },
];

export interface BenchCase {
  id: string;
  label: string;
  /** The app's own settings: the benchmark trains the app's datasets and models. */
  config: Partial<RunConfig>;
}

export const CASES: BenchCase[] = [
  { id: 'tutorial', label: 'tutorial N=10, B=3', config: {} },
  {
    id: 'line-100k',
    label: 'linear N=100,000, B=1,000',
    config: { dataset: 'line', samples: 100_000, batchSize: 1_000 },
  },
  {
    id: 'line-1m',
    label: 'linear N=1,000,000, B=65,536',
    config: { dataset: 'line', samples: 1_000_000, batchSize: 65_536 },
  },
  {
    id: 'mlp-10k',
    label: 'MLP(32, tanh) sine N=10,000, B=64',
    config: { dataset: 'sine', samples: 10_000, batchSize: 64, model: 'mlp', hiddenUnits: 32, activation: 'tanh' },
  },
];

export function caseConfig(c: BenchCase): RunConfig {
  return { ...DEFAULT_CONFIG, ...c.config };
}

export interface EngineResult {
  caseId: string;
  /** An EngineName on the bench page; `npm run bench:node` has engines of its own (src/bench/node/engines.ts). */
  engine: string;
  /** The backend tfjs really used (null for plain JS). */
  backend: string | null;
  steps: number;
  seconds: number;
  stepsPerSecond: number;
  samplesPerSecond: number;
  /** Largest |loss − reference| / max(|reference|, 1e-6) over the checked steps (float32 reference). */
  maxRelativeError: number | null;
  /** The same against the float64 reference. */
  maxRelativeErrorFloat64?: number;
  /** The losses of the checked steps (the first steps of the case's run), to compare engines step by step. */
  checkedLosses?: number[];
  /** Steps the timed trainer took, warm-up included (with `finalCheck`, Node bench only). */
  totalSteps?: number;
  /** The loss of that last step, and the float64 reference's for the same step from the same seed. */
  finalLoss?: number;
  finalLossFloat64?: number;
  finalRelativeErrorFloat64?: number;
  /** The parameters after it against float64's: largest difference over the largest parameter. */
  finalParamsRelativeErrorFloat64?: number;
  note?: string;
}
