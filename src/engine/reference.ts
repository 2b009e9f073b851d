// A plain-JS trainer for Linear(1,1) + MSE(mean) + SGD: the oracle every tfjs backend is tested
// against. float64 computes in doubles; float32 rounds after every operation in the order PyTorch's
// CPU kernels use (forward x·w + b, loss = Σ(ŷ−y)²/n, grads 2(ŷ−y)/n summed, p ← p − lr·g), so it
// reproduces PyTorch's printed losses.
import type { Dataset } from './datasets';
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

/** One SGD step on one mini-batch; returns the batch loss (before the update) and the new params. */
export function sgdStep(
  dataset: Dataset,
  batch: readonly number[],
  params: LinearParams,
  learningRate: number,
  precision: Precision,
): { loss: number; params: LinearParams } {
  const r = precision === 'float32' ? Math.fround : (v: number) => v;
  const n = batch.length;
  const { w, b } = params;
  let lossSum = 0;
  let gradW = 0;
  let gradB = 0;
  for (const i of batch) {
    const x = dataset.x[i];
    const diff = r(r(r(x * w) + b) - dataset.y[i]);
    lossSum = r(lossSum + r(diff * diff));
    // d(mean (ŷ−y)²)/dŷ = 2(ŷ−y)/n, PyTorch's mse_loss_backward with reduction='mean'.
    const gradOut = r(r((2 / n) * diff));
    gradW = r(gradW + r(gradOut * x));
    gradB = r(gradB + gradOut);
  }
  const loss = r(lossSum / n);
  const lr = r(learningRate);
  return {
    loss,
    params: { w: r(w - r(lr * gradW)), b: r(b - r(lr * gradB)) },
  };
}

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
