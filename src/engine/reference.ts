// A plain-JS trainer for Linear(1,1) + MSE(mean) + SGD: the oracle every tfjs backend is tested
// against. float64 computes in doubles; float32 rounds after every operation in the order PyTorch's
// CPU kernels use, so it reproduces PyTorch's losses and parameters to the bit.
import type { Dataset } from './datasets';
import { cascadeSum32, fma32 } from './float32';
import type { LinearParams } from './plan';

export type Precision = 'float64' | 'float32';

export interface ReferenceStep {
  epoch: number;
  stepInEpoch: number;
  batch: number[];
  loss: number;
  params: LinearParams;
}

export interface ReferenceRun {
  dataset: Dataset;
  initialParams: LinearParams;
  learningRate: number;
  epochs: number;
  nextEpochBatches(): number[][];
}

export interface SgdStepResult {
  /** The batch loss, before the update. */
  loss: number;
  params: LinearParams;
}

type SgdStep = (
  dataset: Dataset,
  batch: readonly number[],
  params: LinearParams,
  learningRate: number,
) => SgdStepResult;

/** One SGD step on one mini-batch; returns the batch loss (before the update) and the new params. */
export function sgdStep(
  dataset: Dataset,
  batch: readonly number[],
  params: LinearParams,
  learningRate: number,
  precision: Precision,
): SgdStepResult {
  const step = precision === 'float32' ? sgdStepFloat32 : sgdStepFloat64;
  return step(dataset, batch, params, learningRate);
}

const sgdStepFloat64: SgdStep = (dataset, batch, { w, b }, learningRate) => {
  const n = batch.length;
  let lossSum = 0;
  let gradW = 0;
  let gradB = 0;
  for (const i of batch) {
    const x = dataset.x[i];
    const diff = x * w + b - dataset.y[i];
    lossSum += diff * diff;
    // d(mean (ŷ−y)²)/dŷ = 2(ŷ−y)/n
    const gradOut = (2 / n) * diff;
    gradW += gradOut * x;
    gradB += gradOut;
  }
  return {
    loss: lossSum / n,
    params: { w: w - learningRate * gradW, b: b - learningRate * gradB },
  };
};

/**
 * The same step in float32, operation by operation as PyTorch's CPU kernels do it (bit-exact
 * against Debian's python3-torch 1.13, see src/engine/reference.test.ts):
 * - forward, addmm(b, x, wᵀ): ŷ = (x·w) + b;
 * - mse_loss: d = ŷ − y, d², summed by the CPU cascade sum, divided by n;
 * - mse_loss_backward: g = float32(2/n) · d;
 * - addmm backward: ∂w = Σ g·x summed in batch order (BLAS gemm), ∂b = cascade sum of g;
 * - SGD, p.add_(∂p, alpha=−lr): p + (−lr)·∂p as one fused multiply-add.
 */
const sgdStepFloat32: SgdStep = (dataset, batch, { w, b }, learningRate) => {
  const r = Math.fround;
  const n = batch.length;
  const diffs = batch.map((i) => r(r(r(dataset.x[i] * w) + b) - dataset.y[i]));
  const loss = r(cascadeSum32(diffs.map((d) => r(d * d))) / n);
  const scale = r(2 / n);
  const gradOut = diffs.map((d) => r(scale * d));
  let gradW = 0;
  batch.forEach((i, k) => {
    gradW = r(gradW + r(gradOut[k] * dataset.x[i]));
  });
  const gradB = cascadeSum32(gradOut);
  const minusLr = -r(learningRate);
  return { loss, params: { w: fma32(minusLr, gradW, w), b: fma32(minusLr, gradB, b) } };
};

export function trainReference(run: ReferenceRun, precision: Precision = 'float64'): ReferenceStep[] {
  const steps: ReferenceStep[] = [];
  let params = { ...run.initialParams };
  for (let epoch = 1; epoch <= run.epochs; epoch++) {
    const batches = run.nextEpochBatches();
    batches.forEach((batch, k) => {
      const result = sgdStep(run.dataset, batch, params, run.learningRate, precision);
      params = result.params;
      steps.push({ epoch, stepInEpoch: k + 1, batch, loss: result.loss, params });
    });
  }
  return steps;
}
