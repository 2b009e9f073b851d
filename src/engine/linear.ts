// nn.Linear's default initialisation (torch/nn/modules/linear.py reset_parameters, torch/nn/init.py):
// weight ~ kaiming_uniform_(a=√5), i.e. U(±bound) with bound = √3 · gain/√fan_in,
// gain = √(2 / (1 + a²)); then bias ~ U(±1/√fan_in). Weight first, then bias, row-major, one 32-bit
// word per element. The bounds are computed in float64 like Python does, then used by float32 uniform_.
import type { TorchGenerator } from './rng/torch-generator';

export interface LinearInit {
  /** Row-major [out][in]. */
  weight: Float32Array;
  bias: Float32Array;
}

export function kaimingUniformBound(fanIn: number, a = Math.sqrt(5)): number {
  const gain = Math.sqrt(2.0 / (1 + a * a));
  const std = gain / Math.sqrt(fanIn);
  return Math.sqrt(3.0) * std;
}

export function initLinear(g: TorchGenerator, inFeatures: number, outFeatures: number): LinearInit {
  const weight = new Float32Array(inFeatures * outFeatures);
  const wBound = kaimingUniformBound(inFeatures);
  for (let i = 0; i < weight.length; i++) weight[i] = g.uniformFloat32(-wBound, wBound);
  const bias = new Float32Array(outFeatures);
  const bBound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
  for (let i = 0; i < bias.length; i++) bias[i] = g.uniformFloat32(-bBound, bBound);
  return { weight, bias };
}
