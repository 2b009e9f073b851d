// WGSL for nn.Sequential(nn.Linear(1, h), act, nn.Linear(h, 1)) + MSE(mean) + SGD, a whole chunk
// of steps in one invocation: per sample the forward pass and the backward pass are O(h), and the
// small batches this model trains on make a single invocation beat dozens of tfjs dispatches per
// step (by far, on software adapters above all). Parameters are the flat state_dict vector
// [W1 (h), b1 (h), W2 (h), b2] and stay on the GPU between chunks.

export const MAX_HIDDEN = 256;

/** activation: 0 relu, 1 tanh, 2 sigmoid (the order of ACTIVATION_CODES). */
export const ACTIVATION_CODES = { relu: 0, tanh: 1, sigmoid: 2 } as const;

export const MLP_CHUNK_SEQUENTIAL = /* wgsl */ `
struct Settings { lr: f32, steps: u32, hidden: u32, activation: u32 }

@group(0) @binding(0) var<storage, read> samples: array<vec2<f32>>;
@group(0) @binding(1) var<storage, read> order: array<u32>;
@group(0) @binding(2) var<storage, read> stepStart: array<u32>;
@group(0) @binding(3) var<storage, read_write> params: array<f32>;
@group(0) @binding(4) var<storage, read_write> losses: array<f32>;
@group(0) @binding(5) var<uniform> settings: Settings;

const MAX_HIDDEN = ${MAX_HIDDEN}u;

fn activate(z: f32) -> f32 {
  switch settings.activation {
    case 0u: { return max(z, 0.0); }
    case 1u: { return tanh(z); }
    default: { return 1.0 / (1.0 + exp(-z)); }
  }
}

// d act / dz from the activation's output a, as PyTorch's backward kernels compute it.
fn slope(a: f32) -> f32 {
  switch settings.activation {
    case 0u: { return select(0.0, 1.0, a > 0.0); }
    case 1u: { return 1.0 - a * a; }
    default: { return a * (1.0 - a); }
  }
}

@compute @workgroup_size(1)
fn main() {
  let h = settings.hidden;
  let lr = settings.lr;
  var gW1: array<f32, MAX_HIDDEN>;
  var gB1: array<f32, MAX_HIDDEN>;
  var gW2: array<f32, MAX_HIDDEN>;
  var a: array<f32, MAX_HIDDEN>;
  for (var s = 0u; s < settings.steps; s = s + 1u) {
    let start = stepStart[s];
    let end = stepStart[s + 1u];
    let scale = 2.0 / f32(end - start);
    for (var j = 0u; j < h; j = j + 1u) { gW1[j] = 0.0; gB1[j] = 0.0; gW2[j] = 0.0; }
    var gB2 = 0.0;
    var lossSum = 0.0;
    for (var p = start; p < end; p = p + 1u) {
      let xy = samples[order[p]];
      var out = 0.0;
      for (var j = 0u; j < h; j = j + 1u) {
        let aj = activate(params[j] * xy.x + params[h + j]);
        a[j] = aj;
        out = out + params[2u * h + j] * aj;
      }
      let d = (out + params[3u * h]) - xy.y;
      lossSum = lossSum + d * d;
      let g = scale * d; // d(mean (ŷ−y)²)/dŷ
      gB2 = gB2 + g;
      for (var j = 0u; j < h; j = j + 1u) {
        gW2[j] = gW2[j] + g * a[j];
        let dz = g * params[2u * h + j] * slope(a[j]);
        gW1[j] = gW1[j] + dz * xy.x;
        gB1[j] = gB1[j] + dz;
      }
    }
    losses[s] = lossSum / f32(end - start);
    for (var j = 0u; j < h; j = j + 1u) {
      params[j] = params[j] - lr * gW1[j];
      params[h + j] = params[h + j] - lr * gB1[j];
      params[2u * h + j] = params[2u * h + j] - lr * gW2[j];
    }
    params[3u * h] = params[3u * h] - lr * gB2;
  }
}
`;
