// The op-by-op tfjs training path: nn.Linear(1,1) + MSELoss(mean) + SGD, one mini-batch per step,
// gradients by tfjs autodiff. `enqueue` only queues GPU work; `read` fetches a whole chunk of
// [loss, w, b] triples with one transfer, because every read-back stalls the GPU pipeline.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { Dataset } from '../engine/datasets';
import type { LinearParams } from '../engine/plan';

export interface StepReadout {
  loss: number;
  /** The linear model's w and b after the step; absent for other models. */
  params?: LinearParams;
  /**
   * Every parameter after the step, flat in state_dict order (src/engine/models.ts). Models with
   * many parameters give it on the last readout of a chunk only.
   */
  modelParams?: number[];
}

/** What a run needs from a training implementation (op-by-op tfjs, fused WGSL, …). */
export interface Trainer<Pending = unknown> {
  /** Queues one SGD step per mini-batch, in order; nothing is read back yet. */
  enqueue(batches: readonly ArrayLike<number>[]): Pending;
  /** The loss (before each update) and parameters (after it) of every queued step. */
  read(pending: Pending): Promise<StepReadout[]>;
  dispose(): void;
}

export class LinearSgdTrainer implements Trainer<tf.Tensor1D[]> {
  // Flat samples and scalar parameters: Linear(1,1) is ŷ = w·x + b. The [B,1]×[1,1] shapes of
  // nn.Linear make tfjs-webgpu's broadcast gradients (reductions over a transposed axis) far slower
  // on large batches, for the same arithmetic.
  private readonly x: tf.Tensor1D;
  private readonly y: tf.Tensor1D;
  private readonly weight: tf.Variable<tf.Rank.R0>;
  private readonly bias: tf.Variable<tf.Rank.R0>;
  private readonly optimizer: tf.SGDOptimizer;

  constructor(dataset: Dataset, initial: LinearParams, learningRate: number) {
    this.x = tf.tensor1d(dataset.x, 'float32');
    this.y = tf.tensor1d(dataset.y, 'float32');
    // tf.variable copies its initial value, so the initial tensors are freed right away.
    [this.weight, this.bias] = tf.tidy(() => [
      tf.variable(tf.scalar(initial.w, 'float32'), true, undefined, 'float32'),
      tf.variable(tf.scalar(initial.b, 'float32'), true, undefined, 'float32'),
    ]);
    this.optimizer = tf.train.sgd(learningRate);
  }

  enqueue(batches: readonly ArrayLike<number>[]): tf.Tensor1D[] {
    return batches.map((batch) => this.step(batch));
  }

  async read(pending: tf.Tensor1D[]): Promise<StepReadout[]> {
    if (pending.length === 0) return [];
    const stacked = tf.stack(pending);
    try {
      const values = await stacked.data();
      return pending.map((_, i) => ({
        loss: values[3 * i],
        params: { w: values[3 * i + 1], b: values[3 * i + 2] },
      }));
    } finally {
      tf.dispose([stacked, ...pending]);
    }
  }

  /** One SGD step on `batch`; returns [batch loss before the update, w after, b after], unread. */
  private step(batch: ArrayLike<number>): tf.Tensor1D {
    return tf.tidy(() => {
      const indices = tf.tensor1d(Int32Array.from(batch), 'int32');
      const xb = tf.gather(this.x, indices);
      const yb = tf.gather(this.y, indices);
      const { value, grads } = tf.variableGrads(() => {
        // F.linear(x, W, b) = x·Wᵀ + b, which for one input and one output is w·x + b.
        const prediction = tf.add(tf.mul(xb, this.weight), this.bias);
        return tf.mean<tf.Scalar>(tf.squaredDifference(prediction, yb));
      });
      this.optimizer.applyGradients(grads);
      return tf.stack([value, this.weight, this.bias]) as tf.Tensor1D;
    });
  }

  dispose(): void {
    tf.dispose([this.x, this.y, this.weight, this.bias]);
    this.optimizer.dispose();
  }
}
