// WGSL for fused Linear(1,1) + MSE(mean) + SGD training. Per step the batch needs three sums that
// depend on the current (w, b): Σd², Σg·x and Σg with d = w·x + b − y and g = 2d/n. Steps are sequential through
// (w, b), so a step's sums are computed in parallel and a tiny update follows; (w, b) and the step
// counter live in a GPU buffer, so a whole chunk of steps is encoded at once and read back once.

/** Shared declarations. `state` = (w, b, step index, unused); `settings.zero` is always 0 (float32-ops.wgsl.ts). */
export const COMMON = /* wgsl */ `
struct State { w: f32, b: f32, step: u32, pad: u32 }
struct Settings { lr: f32, steps: u32, partials: u32, zero: u32 }

@group(0) @binding(0) var<storage, read> samples: array<vec2<f32>>;       // (x, y) per sample
@group(0) @binding(1) var<storage, read> order: array<u32>;               // the chunk's batches, back to back
@group(0) @binding(2) var<storage, read> stepStart: array<u32>;           // step s uses order[stepStart[s] .. stepStart[s+1])
@group(0) @binding(3) var<storage, read_write> state: State;
@group(0) @binding(4) var<storage, read_write> results: array<vec4<f32>>;  // per step: loss, w, b, 0
@group(0) @binding(5) var<uniform> settings: Settings;
@group(0) @binding(6) var<storage, read_write> partials: array<vec4<f32>>;

const WORKGROUP = 256u;
var<workgroup> sums: array<vec3<f32>, WORKGROUP>;

fn reduceWorkgroup(tid: u32) {
  for (var stride = WORKGROUP / 2u; stride > 0u; stride = stride >> 1u) {
    workgroupBarrier();
    if (tid < stride) { sums[tid] = sums[tid] + sums[tid + stride]; }
  }
  workgroupBarrier();
}

// A sample's terms of the three sums: d², g·x and g, with g = d(mean (ŷ−y)²)/dŷ = 2(ŷ−y)/n. Scaled
// before they are summed, as PyTorch does: the gradient's sum overflows to inf where PyTorch's does.
fn terms(xy: vec2<f32>, w: f32, b: f32, scale: f32) -> vec3<f32> {
  let d = w * xy.x + b - xy.y;
  let g = scale * d;
  return vec3<f32>(d * d, g * xy.x, g);
}
fn gradientScale(count: u32) -> f32 { return 2.0 / f32(count); }

// The update p ← p − lr·∂p, as torch.optim.SGD without momentum.
fn applyStep(total: vec3<f32>, count: u32, w: f32, b: f32) -> vec2<f32> {
  let nw = w - settings.lr * total.y;
  let nb = b - settings.lr * total.z;
  results[state.step] = vec4<f32>(total.x / f32(count), nw, nb, 0.0);
  return vec2<f32>(nw, nb);
}
`;

/** Large batches, pass 1 of a step: many workgroups, each sums ITEMS samples per thread. */
export const STEP_PARTIAL_SUMS = /* wgsl */ `${COMMON}
const ITEMS = 8u;

@compute @workgroup_size(WORKGROUP)
fn main(@builtin(local_invocation_index) tid: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let s = state.step;
  let start = stepStart[s];
  let end = stepStart[s + 1u];
  let scale = gradientScale(end - start);
  var acc = vec3<f32>(0.0);
  let first = start + group.x * WORKGROUP * ITEMS + tid;
  for (var k = 0u; k < ITEMS; k = k + 1u) {
    let p = first + k * WORKGROUP;
    if (p < end) { acc = acc + terms(samples[order[p]], state.w, state.b, scale); }
  }
  sums[tid] = acc;
  reduceWorkgroup(tid);
  if (tid == 0u) { partials[group.x] = vec4<f32>(sums[0], 0.0); }
}
`;

/** Large batches, pass 2 of a step: one workgroup adds the partial sums and updates (w, b). */
export const STEP_FINISH = /* wgsl */ `${COMMON}
@compute @workgroup_size(WORKGROUP)
fn main(@builtin(local_invocation_index) tid: u32) {
  var acc = vec3<f32>(0.0);
  for (var g = tid; g < settings.partials; g = g + WORKGROUP) { acc = acc + partials[g].xyz; }
  sums[tid] = acc;
  reduceWorkgroup(tid);
  if (tid == 0u) {
    let s = state.step;
    let next = applyStep(sums[0], stepStart[s + 1u] - stepStart[s], state.w, state.b);
    state.w = next.x;
    state.b = next.y;
    state.step = s + 1u;
    if (state.step == settings.steps) { state.step = 0u; }
  }
}
`;

// ---------------------------------------------------------------------------------------------
// Schedules for software adapters (SwiftShader and other CPU "GPUs"): there every invocation is a
// CPU fiber and every workgroupBarrier a fiber switch, so a barrier-based reduction costs far more
// than the arithmetic. These variants use few invocations, long sequential loops and no barriers;
// compensated (Kahan) sums keep float32 accuracy over long loops.

// Once a sum overflows, its carry (inf − sum) − y would be inf and the next add inf − inf: nan where
// PyTorch's plain sum stays inf. A carry is dropped where the sum is no longer finite.
const NON_FINITE_CARRY = /* wgsl */ `
fn carryOf(sum: vec3<f32>, t: vec3<f32>, y: vec3<f32>) -> vec3<f32> {
  return select(vec3<f32>(0.0), (t - sum) - y, (bitcast<vec3<u32>>(t) & vec3<u32>(0x7f800000u)) != vec3<u32>(0x7f800000u));
}
`;

export const KAHAN = /* wgsl */ `${NON_FINITE_CARRY}
struct Compensated { sum: vec3<f32>, carry: vec3<f32> }
fn kahanAdd(c: Compensated, v: vec3<f32>) -> Compensated {
  let y = v - c.carry;
  let t = c.sum + y;
  return Compensated(t, carryOf(c.sum, t, y));
}
fn batchSums(start: u32, end: u32, w: f32, b: f32, scale: f32) -> vec3<f32> {
  var c = Compensated(vec3<f32>(0.0), vec3<f32>(0.0));
  for (var p = start; p < end; p = p + 1u) { c = kahanAdd(c, terms(samples[order[p]], w, b, scale)); }
  return c.sum;
}
`;

/** Samples each invocation of STEP_PARTIAL_SEQUENTIAL sums. */
export const SEQUENTIAL_SPAN = 256;

/** Software adapters, large batches, pass 1: each invocation sums a span of the batch, no barriers. */
export const STEP_PARTIAL_SEQUENTIAL = /* wgsl */ `${COMMON}${KAHAN}
const SPAN = ${SEQUENTIAL_SPAN}u;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= settings.partials) { return; }
  let s = state.step;
  let first = stepStart[s] + id.x * SPAN;
  let end = min(first + SPAN, stepStart[s + 1u]);
  let scale = gradientScale(stepStart[s + 1u] - stepStart[s]);
  partials[id.x] = vec4<f32>(batchSums(first, end, state.w, state.b, scale), 0.0);
}
`;

/** Software adapters, large batches, pass 2: one invocation adds the spans and updates (w, b). */
export const STEP_FINISH_SEQUENTIAL = /* wgsl */ `${COMMON}${NON_FINITE_CARRY}
@compute @workgroup_size(1)
fn main() {
  var total = vec3<f32>(0.0);
  var carry = vec3<f32>(0.0);
  for (var g = 0u; g < settings.partials; g = g + 1u) {
    let y = partials[g].xyz - carry;
    let t = total + y;
    carry = carryOf(total, t, y);
    total = t;
  }
  let s = state.step;
  let next = applyStep(total, stepStart[s + 1u] - stepStart[s], state.w, state.b);
  state.w = next.x;
  state.b = next.y;
  state.step = s + 1u;
  if (state.step == settings.steps) { state.step = 0u; }
}
`;
