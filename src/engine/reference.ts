// A plain-JS trainer for the app's models + MSE(mean) + SGD: the oracle every tfjs backend is tested
// against. float64 computes in doubles; float32 rounds after every operation in the order PyTorch's
// CPU kernels use, so it reproduces PyTorch's losses and parameters to the bit (nn.Linear(1, 1), and
// the MLP with ReLU or sigmoid; with tanh nearly: mlp-reference.ts says why).
import type { Dataset } from './datasets';
import { cascadeSum32, fma32 } from './float32';
import { mlpForwardFloat32, mlpStepFloat32, mlpStepFloat64, mseFloat32 } from './mlp-reference';
import type { ModelSpec } from './models';
import type { LinearParams } from './plan';

export type Precision = 'float64' | 'float32';

export interface ReferenceStep {
  epoch: number;
  stepInEpoch: number;
  batch: number[];
  loss: number;
  /** The linear model's w and b after the step; absent for the MLP. */
  params?: LinearParams;
  /** Every parameter after the step, flat in state_dict order; only with `recordParameters`. */
  parameters?: Float64Array;
  /** On an epoch's last step, with held-out samples: their MSE after the step (validationLoss). */
  validationLoss?: number;
}

/** A step of the linear model, whose w and b are always there. */
export type LinearReferenceStep = ReferenceStep & { params: LinearParams };

export interface ReferenceRun {
  dataset: Dataset;
  /** The model; nn.Linear(1, 1) when omitted. */
  model?: ModelSpec;
  /** The initial parameters, flat in state_dict order (a RunPlan has them) … */
  initialParameters?: ArrayLike<number>;
  /** … or, for the linear model only, its w and b. */
  initialParams?: LinearParams;
  learningRate: number;
  epochs: number;
  nextEpochBatches(): ArrayLike<number>[];
  /** val_set.indices (validation.ts); absent or empty: no validation split. */
  heldOut?: ArrayLike<number>;
}

export interface SgdStepResult {
  /** The batch loss, before the update. */
  loss: number;
  params: LinearParams;
}

type SgdStep = (
  dataset: Dataset,
  batch: ArrayLike<number>,
  params: LinearParams,
  learningRate: number,
) => SgdStepResult;

/** One SGD step on one mini-batch; returns the batch loss (before the update) and the new params. */
export function sgdStep(
  dataset: Dataset,
  batch: ArrayLike<number>,
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
  for (let k = 0; k < n; k++) {
    const i = batch[k];
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

/** The residuals ŷ − y of nn.Linear(1, 1) in float32: ŷ = (x·w) + b, as addmm computes it. */
export function linearDiffsFloat32(dataset: Dataset, batch: ArrayLike<number>, w: number, b: number): Float64Array {
  const r = Math.fround;
  const diffs = new Float64Array(batch.length);
  for (let k = 0; k < batch.length; k++) diffs[k] = r(r(r(dataset.x[batch[k]] * w) + b) - dataset.y[batch[k]]);
  return diffs;
}

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
  const diffs = linearDiffsFloat32(dataset, batch, w, b);
  const loss = mseFloat32(diffs);
  const scale = r(2 / n);
  const gradOut = diffs.map((d) => r(scale * d));
  let gradW = 0;
  for (let k = 0; k < n; k++) gradW = r(gradW + r(gradOut[k] * dataset.x[batch[k]]));
  const gradB = cascadeSum32(gradOut);
  const minusLr = -r(learningRate);
  return { loss, params: { w: fma32(minusLr, gradW, w), b: fma32(minusLr, gradB, b) } };
};

/**
 * The held-out samples' MSE with `parameters` (flat, state_dict order), as PyTorch's
 * `loss_fn(model(val_inputs), val_targets)` under torch.no_grad(): in float32 the training step's
 * own forward pass and loss, so the same kernels' order; float64 in doubles.
 */
export function validationLoss(
  dataset: Dataset,
  heldOut: ArrayLike<number>,
  model: ModelSpec,
  parameters: ArrayLike<number>,
  precision: Precision = 'float32',
): number {
  if (precision === 'float64') {
    // A step with learning rate 0 leaves the parameters as they are: its loss is the forward pass's.
    if (model.kind === 'linear')
      return sgdStepFloat64(dataset, heldOut, { w: parameters[0], b: parameters[1] }, 0).loss;
    return mlpStepFloat64(dataset, heldOut, parameters, model.hiddenUnits, model.activation, 0).loss;
  }
  const diffs =
    model.kind === 'linear'
      ? linearDiffsFloat32(dataset, heldOut, parameters[0], parameters[1])
      : mlpForwardFloat32(dataset, heldOut, parameters, model.hiddenUnits, model.activation).diffs;
  if (diffs.length <= PARALLEL_GRAIN) return mseFloat32(diffs);
  // Beyond its grain PyTorch splits the sum across threads, in no one order to reproduce: the float32
  // squares summed in double are as close to it as any order, and the cascade's cost per epoch is gone.
  let sum = 0;
  for (let k = 0; k < diffs.length; k++) sum += Math.fround(diffs[k] * diffs[k]);
  return Math.fround(Math.fround(sum) / diffs.length);
}

/** PyTorch's CPU reductions run on one thread up to this many elements (at::internal::GRAIN_SIZE). */
const PARALLEL_GRAIN = 32_768;

/**
 * Trains `run` from its initial parameters, one SGD step per mini-batch, epoch after epoch. With
 * `recordParameters`, every step also carries a copy of all parameters after it.
 */
export function trainReference(
  run: ReferenceRun,
  precision: Precision = 'float64',
  recordParameters = false,
): ReferenceStep[] {
  const model = run.model ?? { kind: 'linear' };
  const initial = run.initialParameters ?? (run.initialParams ? [run.initialParams.w, run.initialParams.b] : undefined);
  if (!initial) throw new Error('trainReference: no initial parameters');
  let parameters: Float64Array = Float64Array.from(initial);
  const step = (batch: ArrayLike<number>): number => {
    if (model.kind === 'linear') {
      const [w, b] = parameters;
      const result = sgdStep(run.dataset, batch, { w, b }, run.learningRate, precision);
      parameters = Float64Array.of(result.params.w, result.params.b);
      return result.loss;
    }
    const mlpStep = precision === 'float32' ? mlpStepFloat32 : mlpStepFloat64;
    const result = mlpStep(run.dataset, batch, parameters, model.hiddenUnits, model.activation, run.learningRate);
    parameters = result.parameters;
    return result.loss;
  };

  const steps: ReferenceStep[] = [];
  for (let epoch = 1; epoch <= run.epochs; epoch++) {
    const batches = run.nextEpochBatches();
    batches.forEach((batch, k) => {
      const loss = step(batch);
      const record: ReferenceStep = { epoch, stepInEpoch: k + 1, batch: Array.from(batch), loss };
      if (model.kind === 'linear') record.params = { w: parameters[0], b: parameters[1] };
      if (recordParameters) record.parameters = parameters.slice();
      if (run.heldOut?.length && k === batches.length - 1)
        record.validationLoss = validationLoss(run.dataset, run.heldOut, model, parameters, precision);
      steps.push(record);
    });
  }
  return steps;
}
