// Per-sample gradients of the squared error (f(x_i) − y_i)², float64, one sample at a time: the
// raw material of the gradient-noise figure. Nothing is stored, so N = 1,000,000 costs passes, not
// memory; whoever needs them several times may cache them (cachedDeviations in gradient-noise.ts).
import type { ActivationName } from '../engine/config';
import type { ModelSpec } from '../engine/models';

export interface GradientSource {
  /** Number of samples. */
  n: number;
  /** Number of parameters (2 for the linear model: ∂/∂w, ∂/∂b). */
  dim: number;
  /** Writes ∇_θ (f(x_i) − y_i)² into out[0 … dim − 1]. */
  gradInto(i: number, out: Float64Array): void;
}

/** y = w·x + b: the gradient of (w x_i + b − y_i)² is 2 r_i (x_i, 1). */
export function linearGradients(x: ArrayLike<number>, y: ArrayLike<number>, w: number, b: number): GradientSource {
  return {
    n: Math.min(x.length, y.length),
    dim: 2,
    gradInto(i, out) {
      const twoR = 2 * (w * x[i] + b - y[i]);
      out[0] = twoR * x[i];
      out[1] = twoR;
    },
  };
}

const ACTIVATION: Record<ActivationName, (z: number) => number> = {
  relu: (z) => (z > 0 ? z : 0),
  tanh: Math.tanh,
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
};

/** The activation's derivative from z and a = act(z); ReLU's is 0 at 0, as PyTorch's autograd. */
const DERIVATIVE: Record<ActivationName, (z: number, a: number) => number> = {
  relu: (z) => (z > 0 ? 1 : 0),
  tanh: (_z, a) => 1 - a * a,
  sigmoid: (_z, a) => a * (1 - a),
};

/**
 * nn.Sequential(nn.Linear(1, h), act, nn.Linear(h, 1)) with flat parameters in state_dict order
 * (0.weight [h, 1], 0.bias [h], 2.weight [1, h], 2.bias [1]); the gradient comes in the same order.
 */
export function mlpGradients(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  params: ArrayLike<number>,
  hidden: number,
  activation: ActivationName,
): GradientSource {
  const act = ACTIVATION[activation];
  const derivative = DERIVATIVE[activation];
  const p = Float64Array.from(params);
  const z = new Float64Array(hidden);
  const a = new Float64Array(hidden);
  return {
    n: Math.min(x.length, y.length),
    dim: 3 * hidden + 1,
    gradInto(i, out) {
      const xi = x[i];
      let prediction = p[3 * hidden];
      for (let j = 0; j < hidden; j++) {
        z[j] = p[j] * xi + p[hidden + j];
        a[j] = act(z[j]);
        prediction += p[2 * hidden + j] * a[j];
      }
      const twoR = 2 * (prediction - y[i]);
      for (let j = 0; j < hidden; j++) {
        const dz = twoR * p[2 * hidden + j] * derivative(z[j], a[j]);
        out[j] = dz * xi;
        out[hidden + j] = dz;
        out[2 * hidden + j] = twoR * a[j];
      }
      out[3 * hidden] = twoR;
    },
  };
}

/** The per-sample gradients of a model, its flat parameters in state_dict order. */
export function gradientsFor(
  model: ModelSpec,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  params: ArrayLike<number>,
): GradientSource {
  return model.kind === 'linear'
    ? linearGradients(x, y, params[0], params[1])
    : mlpGradients(x, y, params, model.hiddenUnits, model.activation);
}
