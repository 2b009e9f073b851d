// The MLP's prediction on the UI thread, from its flat parameters in state_dict order
// (0.weight [h, 1], 0.bias [h], 2.weight [1, h], 2.bias [1]) — a few hundred x values per frame
// for the fit view's curve, far too little to be worth a round trip to the worker.
import type { ActivationName } from '../engine/config';

const ACTIVATIONS: Record<ActivationName, (z: number) => number> = {
  relu: (z) => (z > 0 ? z : 0),
  tanh: Math.tanh,
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
};

export function mlpPredictor(
  params: ArrayLike<number>,
  hidden: number,
  activation: ActivationName,
): (x: number) => number {
  const act = ACTIVATIONS[activation];
  const w1 = Array.from({ length: hidden }, (_, j) => params[j]);
  const b1 = Array.from({ length: hidden }, (_, j) => params[hidden + j]);
  const w2 = Array.from({ length: hidden }, (_, j) => params[2 * hidden + j]);
  const b2 = params[3 * hidden];
  return (x) => {
    let y = b2;
    for (let j = 0; j < hidden; j++) y += w2[j] * act(w1[j] * x + b1[j]);
    return y;
  };
}
