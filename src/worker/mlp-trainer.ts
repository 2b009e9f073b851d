// The MLP on tfjs: nn.Sequential(nn.Linear(1, h), act, nn.Linear(h, 1)) + MSELoss(mean) + SGD, one
// mini-batch per step, on any backend. The backward pass is written out (the chain rule, ~20 ops)
// rather than taken from tfjs's autodiff, which records a tape and allocates more per step.
//
// Data: x and y are uploaded once, whatever N (up to 1,000,000); each chunk of steps uploads its
// batches' sample indices once, as one int32 tensor, and every step gathers its rows on the device
// from a slice of it. Parameters live in four variables updated in place. `enqueue` only queues
// work; `read` fetches every step's loss and the parameters after the chunk with one `data()`.
//
// Bias gradients sum over the batch as a matMul with a row of ones: tf.sum over axis 0 transposes
// the [B, h] matrix first, which made large epochs several times slower.
import * as tf from '@tensorflow/tfjs-core';
import type { ActivationName } from '../engine/config';
import type { Dataset } from '../engine/datasets';
import { parameterLayout, type ModelSpec } from '../engine/models';
import type { StepReadout, Trainer } from './trainer';

type MlpSpec = Extract<ModelSpec, { kind: 'mlp' }>;

export interface MlpChunk {
  /** One loss per step, each of shape [1]. */
  losses: tf.Tensor1D[];
  /** Every parameter after the chunk's last step, flat in state_dict order. */
  parameters: tf.Tensor1D;
}

export class MlpSgdTrainer implements Trainer<MlpChunk> {
  private readonly x: tf.Tensor2D;
  private readonly y: tf.Tensor2D;
  /** Shaped as in PyTorch: 0.weight [h, 1], 0.bias [h], 2.weight [1, h], 2.bias [1]. */
  private readonly w1: tf.Variable<tf.Rank.R2>;
  private readonly b1: tf.Variable<tf.Rank.R1>;
  private readonly w2: tf.Variable<tf.Rank.R2>;
  private readonly b2: tf.Variable<tf.Rank.R1>;
  private readonly minusLr: tf.Scalar;
  private readonly one: tf.Scalar;
  /** 2 / B for each batch size (the batch size, and a short last batch). */
  private readonly lossScale = new Map<number, tf.Scalar>();
  /** A row of B ones for each batch size: sums over the batch as matMuls, without a transpose. */
  private readonly onesRow = new Map<number, tf.Tensor2D>();
  private readonly activation: ActivationName;

  /**
   * `batchSizes`: the sizes the run's batches will have, so that every tensor exists before the
   * first step and the tensor count never moves while training.
   */
  constructor(
    dataset: Dataset,
    spec: MlpSpec,
    initial: ArrayLike<number>,
    learningRate: number,
    batchSizes: readonly number[] = [],
  ) {
    const n = dataset.x.length;
    this.activation = spec.activation;
    this.x = tf.tensor2d(dataset.x, [n, 1], 'float32');
    this.y = tf.tensor2d(dataset.y, [n, 1], 'float32');
    const [w1, b1, w2, b2] = parameterLayout(spec).map(({ offset, size, shape }) =>
      // tf.variable copies its initial value: the initial tensor is freed by tidy.
      tf.tidy(() =>
        tf.variable(
          tf.tensor(
            Array.from({ length: size }, (_, i) => initial[offset + i]),
            shape,
            'float32',
          ),
        ),
      ),
    );
    this.w1 = w1 as tf.Variable<tf.Rank.R2>;
    this.b1 = b1 as tf.Variable<tf.Rank.R1>;
    this.w2 = w2 as tf.Variable<tf.Rank.R2>;
    this.b2 = b2 as tf.Variable<tf.Rank.R1>;
    this.minusLr = tf.scalar(-learningRate, 'float32');
    this.one = tf.scalar(1, 'float32');
    for (const size of batchSizes) this.scaleFor(size);
  }

  enqueue(batches: readonly ArrayLike<number>[]): MlpChunk {
    const total = batches.reduce((sum, b) => sum + b.length, 0);
    const flat = new Int32Array(total);
    let offset = 0;
    for (const batch of batches) {
      flat.set(batch, offset);
      offset += batch.length;
    }
    const indices = tf.tensor1d(flat, 'int32');
    const losses: tf.Tensor1D[] = [];
    offset = 0;
    for (const batch of batches) {
      losses.push(this.step(indices, offset, batch.length));
      offset += batch.length;
    }
    indices.dispose(); // tfjs keeps its buffer until the queued work that reads it has run
    const parameters = tf.tidy(() =>
      tf.concat<tf.Tensor1D>([this.w1, this.b1, this.w2, this.b2].map((p) => tf.reshape<tf.Rank.R1>(p, [-1]))),
    );
    return { losses, parameters };
  }

  async read({ losses, parameters }: MlpChunk): Promise<StepReadout[]> {
    const all = tf.concat([...losses, parameters]);
    try {
      const values = await all.data();
      const modelParams = Array.from(values.subarray(losses.length));
      return losses.map((_, i) => (i === losses.length - 1 ? { loss: values[i], modelParams } : { loss: values[i] }));
    } finally {
      tf.dispose([all, parameters, ...losses]);
    }
  }

  private scaleFor(batchSize: number): tf.Scalar {
    let scale = this.lossScale.get(batchSize);
    if (!scale) {
      scale = tf.scalar(2 / batchSize, 'float32');
      this.lossScale.set(batchSize, scale);
      this.onesRow.set(batchSize, tf.ones([1, batchSize], 'float32'));
    }
    return scale;
  }

  /** One SGD step on the `size` samples at `offset` of `indices`; returns the loss before it. */
  private step(indices: tf.Tensor1D, offset: number, size: number): tf.Tensor1D {
    const scale = this.scaleFor(size);
    const ones = this.onesRow.get(size)!;
    return tf.tidy(() => {
      const batch = tf.slice(indices, [offset], [size]);
      const xb = tf.gather(this.x, batch); // [B, 1]
      const yb = tf.gather(this.y, batch);
      // Forward: z = x·W1ᵀ + b1, a = act(z), ŷ = a·W2ᵀ + b2.
      const z = tf.add<tf.Tensor2D>(tf.matMul(xb, this.w1, false, true), this.b1); // [B, h]
      const a = this.activate(z);
      const prediction = tf.add(tf.matMul(a, this.w2, false, true), this.b2); // [B, 1]
      const diff = tf.sub(prediction, yb);
      const loss = tf.reshape<tf.Rank.R1>(tf.mean(tf.square(diff)), [1]);
      // Backward: ∂L/∂ŷ = 2(ŷ − y)/B, then through layer 2, the activation and layer 1.
      const gradOut = tf.mul(diff, scale); // [B, 1]
      const gradW2 = tf.matMul(gradOut, a, true, false); // [1, h]
      const gradB2 = tf.reshape(tf.matMul(ones, gradOut), [1]); // [1]
      const gradZ = this.activationBackward(tf.matMul(gradOut, this.w2), z, a); // [B, h]
      const gradW1 = tf.matMul(gradZ, xb, true, false); // [h, 1]
      const gradB1 = tf.reshape(tf.matMul(ones, gradZ), [-1]); // [h]
      // SGD: p ← p − lr·∂p.
      this.w1.assign(tf.add(this.w1, tf.mul(gradW1, this.minusLr)));
      this.b1.assign(tf.add(this.b1, tf.mul(gradB1, this.minusLr)));
      this.w2.assign(tf.add(this.w2, tf.mul(gradW2, this.minusLr)));
      this.b2.assign(tf.add(this.b2, tf.mul(gradB2, this.minusLr)));
      return loss;
    });
  }

  private activate(z: tf.Tensor2D): tf.Tensor2D {
    switch (this.activation) {
      case 'relu':
        return tf.relu(z);
      case 'tanh':
        return tf.tanh(z);
      case 'sigmoid':
        return tf.sigmoid(z);
    }
  }

  /** ∂L/∂z from ∂L/∂a, written with the activation's output a as PyTorch's backward kernels do. */
  private activationBackward(gradA: tf.Tensor2D, z: tf.Tensor2D, a: tf.Tensor2D): tf.Tensor2D {
    switch (this.activation) {
      case 'relu':
        return tf.mul(gradA, tf.step(z)); // 1 where z > 0, else 0
      case 'tanh':
        return tf.mul(gradA, tf.sub(this.one, tf.square(a)));
      case 'sigmoid':
        return tf.mul(gradA, tf.mul(a, tf.sub(this.one, a)));
    }
  }

  dispose(): void {
    tf.dispose([this.x, this.y, this.w1, this.b1, this.w2, this.b2, this.minusLr, this.one]);
    tf.dispose([...this.lossScale.values(), ...this.onesRow.values()]);
    this.lossScale.clear();
    this.onesRow.clear();
  }
}
