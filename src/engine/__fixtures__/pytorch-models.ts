// Typed access to pytorch-models.json (scripts/pytorch_models_reference.py): generated datasets,
// MLP initialisation and short MLP / linear training runs, as real PyTorch made them. Test code only.
import type { RunConfig } from '../config';
import raw from './pytorch-models.json';
import type { JsonFloat, ValidationRecord } from './pytorch-vectors';

export interface DatasetCase {
  name: 'line' | 'sine';
  seed: number;
  n: number;
  /** All values, or for large n the first 8 with SHA-256 digests of the float32 bytes. */
  x: number[];
  y: number[];
  xSha256?: string;
  ySha256?: string;
}

export interface MlpInitCase {
  seed: number;
  hidden: number;
  parameters?: number[];
  first?: number[];
  sha256?: string;
  /** The global generator's next int64 after the model: shows how many words it drew. */
  globalNextInt64: string;
}

/** [epoch, step, batch, loss, f'{loss:.4f}', every parameter after the step] */
export type ModelTraceStep = [number, number, number[], JsonFloat, string, JsonFloat[]];

export type ModelTraceCase = Pick<
  RunConfig,
  'dataset' | 'samples' | 'model' | 'hiddenUnits' | 'activation' | 'batchSize' | 'shuffle' | 'dropLast'
> & {
  seed: number;
  learningRate: number;
  epochs: number;
  initial: number[];
  steps: ModelTraceStep[];
} & ValidationRecord;

export interface PytorchModelVectors {
  torchVersion: string;
  datasets: (DatasetCase | { name: 'sine-error'; maxAbsError: number })[];
  /** torch.exp of float32 values, all through the vectorised kernel (SLEEF). */
  exp: { x: number[]; exp: JsonFloat[] };
  mlpInit: MlpInitCase[];
  traces: ModelTraceCase[];
}

export const pytorchModels = raw as unknown as PytorchModelVectors;

export const datasetCases = pytorchModels.datasets.filter(
  (c): c is DatasetCase => c.name === 'line' || c.name === 'sine',
);

export function describeModelTrace(t: ModelTraceCase): string {
  const model = t.model === 'linear' ? 'linear' : `mlp ${t.hiddenUnits} ${t.activation}`;
  const data = t.dataset === 'tutorial' ? 'tutorial' : `${t.dataset} n ${t.samples}`;
  return `${data}, ${model}, seed ${t.seed}, batch ${t.batchSize}, lr ${t.learningRate}${t.validationSplit ? `, val ${t.validationSplit}` : ''}`;
}
