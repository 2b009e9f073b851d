// WGSL for nn.Sequential(nn.Linear(1, h), act, nn.Linear(h, 1)) + MSE(mean) + SGD, a whole chunk
// of steps in one invocation: per sample the forward pass and the backward pass are O(h), and the
// small batches this model trains on make a single invocation beat dozens of tfjs dispatches per
// step (by far, on software adapters above all). Parameters are the flat state_dict vector
// [W1 (h), b1 (h), W2 (h), b2] and stay on the GPU between chunks. The arithmetic is PyTorch 1.13's
// (src/engine/mlp-reference.ts, mlpStepFloat32) operation by operation, with its inf and nan, except
// two things: the sums run left to right (PyTorch's sum kernels do so up to 4 samples; beyond, its
// cascade and column sums), and tanh and exp are WGSL's, not SLEEF's. ReLU runs with batches up to
// 4 give PyTorch's bits (fused-mlp-dawn.test.ts).

import { FLOAT32_OPS } from './float32-ops.wgsl';

export const MAX_HIDDEN = 256;

/** activation: 0 relu, 1 tanh, 2 sigmoid (the order of ACTIVATION_CODES). */
export const ACTIVATION_CODES = { relu: 0, tanh: 1, sigmoid: 2 } as const;

/**
 * The MLP's arithmetic, shared by the single run's kernel and the experiment's (experiment-mlp.wgsl.ts):
 * its activation, backward and one SGD step. The kernel around it declares `settings` (with
 * activation, hidden, zero), `params` (a run's 3h + 1 values from index pb) and
 * `fn fetchSample(p: u32) -> vec2<f32>` (the sample at position p of the batch order); `capacity` ≥ h
 * sizes the per-invocation gradient arrays.
 */
export function mlpStepFunctions(capacity: number): string {
  return /* wgsl */ `
// The forward activations as PyTorch's float32 kernels compute them; tanh by its limit ±1 beyond
// |z| = 15, where WGSL's tanh may give nan (exp(2z) overflows) and float32's tanh is ±1 exactly.
fn activate(z: f32) -> f32 {
  if (isNan(z)) { return z; } // as PyTorch's; a GPU's max, tanh or exp may not keep it
  switch settings.activation {
    case 0u: { return max(z, 0.0); }
    case 1u: { return select(tanh(z), sign(z), abs(z) > 15.0); }
    default: { return div32(1.0, 1.0 + expOrLimit(-z)); }
  }
}

// exp with float32's limits stated: inf above ln(FLT_MAX), 0 below −104 (as SLEEF's expf), where a
// GPU's exp approximation may return anything for arguments that large.
fn expOrLimit(v: f32) -> f32 {
  if (v > 88.7228) { return bitcast<f32>(0x7f800000u | settings.zero); } // inf, which a constant cannot be
  if (v < -104.0) { return 0.0; }
  return exp(v);
}

// grad_input from g·W2 and the activation's output a, as PyTorch's backward kernels: relu's
// threshold_backward (0 where a ≤ 0, so an infinite g stays inf), tanh_backward g·(1 − a²) with
// 1 − a·a rounded once, sigmoid_backward (g·(1 − a))·a.
fn backward(g: f32, a: f32) -> f32 {
  switch settings.activation {
    case 0u: { return select(g, 0.0, a <= 0.0); }
    case 1u: { return mul(g, fma32(-a, a, 1.0)); }
    default: { return mul(mul(g, 1.0 - a), a); }
  }
}

// Module-scope, so zeroed once per invocation; each step zeroes its first h entries.
var<private> gW1: array<f32, ${capacity}>;
var<private> gB1: array<f32, ${capacity}>;
var<private> gW2: array<f32, ${capacity}>;
var<private> act: array<f32, ${capacity}>;

// One SGD step on the batch at order positions start..end with the parameters at params[pb…]: its loss.
fn mlpStep(start: u32, end: u32, pb: u32, minusLr: f32) -> f32 {
  let h = settings.hidden;
  let n = f32(end - start);
  let scale = div32(2.0, n); // float32(2/n), as mse_loss_backward
  for (var j = 0u; j < h; j = j + 1u) { gW1[j] = 0.0; gB1[j] = 0.0; gW2[j] = 0.0; }
  var gB2 = 0.0;
  var lossSum = 0.0;
  // Every sum runs over the batch left to right: PyTorch's order for the weight gradients (gemm),
  // and for its sum kernels (loss, bias gradients) up to 4 samples.
  for (var p = start; p < end; p = p + 1u) {
    let xy = fetchSample(p);
    var dot = 0.0;
    for (var j = 0u; j < h; j = j + 1u) {
      let aj = activate(mul(xy.x, params[pb + j]) + params[pb + h + j]);
      act[j] = aj;
      dot = dot + mul(aj, params[pb + 2u * h + j]);
    }
    let d = (dot + params[pb + 3u * h]) - xy.y;
    lossSum = lossSum + mul(d, d);
    let g = mul(scale, d); // d(mean (ŷ−y)²)/dŷ
    gB2 = gB2 + g;
    for (var j = 0u; j < h; j = j + 1u) {
      gW2[j] = gW2[j] + mul(g, act[j]);
      let dz = backward(mul(g, params[pb + 2u * h + j]), act[j]);
      gW1[j] = gW1[j] + mul(dz, xy.x);
      gB1[j] = gB1[j] + dz;
    }
  }
  // p.add_(∂p, alpha=−lr): one fused multiply-add, as on PyTorch's CPU.
  for (var j = 0u; j < h; j = j + 1u) {
    params[pb + j] = fma32(minusLr, gW1[j], params[pb + j]);
    params[pb + h + j] = fma32(minusLr, gB1[j], params[pb + h + j]);
    params[pb + 2u * h + j] = fma32(minusLr, gW2[j], params[pb + 2u * h + j]);
  }
  params[pb + 3u * h] = fma32(minusLr, gB2, params[pb + 3u * h]);
  return div32(lossSum, n);
}
`;
}

export const MLP_CHUNK_SEQUENTIAL = /* wgsl */ `
struct Settings { lr: f32, steps: u32, hidden: u32, activation: u32, zero: u32 }

@group(0) @binding(0) var<storage, read> samples: array<vec2<f32>>;
@group(0) @binding(1) var<storage, read> order: array<u32>;
@group(0) @binding(2) var<storage, read> stepStart: array<u32>;
@group(0) @binding(3) var<storage, read_write> params: array<f32>;
@group(0) @binding(4) var<storage, read_write> losses: array<f32>;
@group(0) @binding(5) var<uniform> settings: Settings;
${FLOAT32_OPS}
fn fetchSample(p: u32) -> vec2<f32> { return samples[order[p]]; }
${mlpStepFunctions(MAX_HIDDEN)}
@compute @workgroup_size(1)
fn main() {
  for (var s = 0u; s < settings.steps; s = s + 1u) {
    losses[s] = mlpStep(stepStart[s], stepStart[s + 1u], 0u, -settings.lr);
  }
}
`;
