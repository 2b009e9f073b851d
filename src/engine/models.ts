// The models a run can train, and their parameters as one flat vector in PyTorch's state_dict
// order, the order nn.Module.parameters() yields them and the order their initial values are drawn:
//   linear: nn.Linear(1, 1)                                    → weight [1, 1], bias [1]
//   mlp:    nn.Sequential(nn.Linear(1, h), act, nn.Linear(h, 1)) → 0.weight [h, 1], 0.bias [h],
//                                                                  2.weight [1, h], 2.bias [1]
// Each nn.Linear draws its weight, then its bias, when it is constructed (src/engine/linear.ts).
import type { ActivationName, RunConfig } from './config';
import { initLinear } from './linear';
import type { TorchGenerator } from './rng/torch-generator';

export type ModelSpec = { kind: 'linear' } | { kind: 'mlp'; hiddenUnits: number; activation: ActivationName };

export interface ParameterTensor {
  /** The state_dict key, e.g. '0.weight'. */
  name: string;
  shape: number[];
  /** Where its values start in the flat vector (row-major within the tensor). */
  offset: number;
  size: number;
}

export function modelSpecFor(config: Pick<RunConfig, 'model' | 'hiddenUnits' | 'activation'>): ModelSpec {
  switch (config.model) {
    case 'linear':
      return { kind: 'linear' };
    case 'mlp':
      return { kind: 'mlp', hiddenUnits: config.hiddenUnits, activation: config.activation };
  }
}

/** The model's tensors in state_dict order, with their place in the flat parameter vector. */
export function parameterLayout(spec: ModelSpec): ParameterTensor[] {
  const shapes: [string, number[]][] =
    spec.kind === 'linear'
      ? [
          ['weight', [1, 1]],
          ['bias', [1]],
        ]
      : [
          ['0.weight', [spec.hiddenUnits, 1]],
          ['0.bias', [spec.hiddenUnits]],
          ['2.weight', [1, spec.hiddenUnits]],
          ['2.bias', [1]],
        ];
  let offset = 0;
  return shapes.map(([name, shape]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const tensor = { name, shape, offset, size };
    offset += size;
    return tensor;
  });
}

export function parameterCount(spec: ModelSpec): number {
  return spec.kind === 'linear' ? 2 : 3 * spec.hiddenUnits + 1;
}

/** Builds the model's initial parameters from `g`, drawing exactly what PyTorch's constructor draws. */
export function initModel(g: TorchGenerator, spec: ModelSpec): Float32Array {
  const layers =
    spec.kind === 'linear'
      ? [initLinear(g, 1, 1)]
      : [initLinear(g, 1, spec.hiddenUnits), initLinear(g, spec.hiddenUnits, 1)];
  const flat = new Float32Array(parameterCount(spec));
  let offset = 0;
  for (const { weight, bias } of layers) {
    flat.set(weight, offset);
    flat.set(bias, offset + weight.length);
    offset += weight.length + bias.length;
  }
  return flat;
}

/** `nn.Linear(1, 1)` or `nn.Sequential(...)`, as the exported script writes it. */
export function describeModel(spec: ModelSpec): string {
  if (spec.kind === 'linear') return 'nn.Linear(1, 1)';
  const act = { relu: 'nn.ReLU()', tanh: 'nn.Tanh()', sigmoid: 'nn.Sigmoid()' }[spec.activation];
  return `nn.Sequential(nn.Linear(1, ${spec.hiddenUnits}), ${act}, nn.Linear(${spec.hiddenUnits}, 1))`;
}
