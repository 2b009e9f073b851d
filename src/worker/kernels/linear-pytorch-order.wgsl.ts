// The small-batch chunk kernels of Linear(1,1) + MSE + SGD in PyTorch 1.13's float32 operation order
// (src/engine/reference.ts, sgdStepFloat32), so that they give PyTorch's bits:
// ŷ = (x·w) + b; d = ŷ − y; loss = cascade sum of d², over n; g = float32(2/n)·d; ∂w = Σ g·x in batch
// order; ∂b = cascade sum of g; p ← p + (−lr)·∂p as one fused multiply-add. The cascade is
// float32.ts's cascadeSum32 (8 SIMD lanes, 4 interleaved partial sums per lane, multi-level rows),
// which is 32 independent column sums and a short sequential combination: one invocation does it all
// on software adapters; on hardware GPUs 32 invocations sum the columns while one more sums ∂w.
import { FLOAT32_OPS } from './float32-ops.wgsl';
import { COMMON } from './linear-sgd.wgsl';

/**
 * A step's sums in PyTorch's order, for any kernel that defines `struct Step` (with at least
 * n: u32, w: f32, b: f32 and scale = div32(2, n)), `fn sampleAt(st: Step, i: u32) -> vec2<f32>`
 * (the (x, y) at batch position i) and FLOAT32_OPS.
 */
export const PYTORCH_ORDER_SUMS = /* wgsl */ `
// (d², g) of the sample at batch position i.
fn squareAndGradient(st: Step, i: u32) -> vec2<f32> {
  let xy = sampleAt(st, i);
  let d = (mul(xy.x, st.w) + st.b) - xy.y;
  return vec2<f32>(mul(d, d), mul(st.scale, d));
}

fn ceilLog2(x: u32) -> u32 { return select(32u - countLeadingZeros(x - 1u), 0u, x <= 1u); }

// multi_row_sum for one column, the positions first + r·stride for r < rows: level 0 adds 2^p rows,
// then spills into level 1, and so on (float32.ts, multiRowSum).
fn columnSum(st: Step, first: u32, stride: u32, rows: u32) -> vec2<f32> {
  let power = max(4u, ceilLog2(rows) / 4u);
  let block = 1u << power;
  var acc = array<vec2<f32>, 4>(vec2<f32>(0.0), vec2<f32>(0.0), vec2<f32>(0.0), vec2<f32>(0.0));
  var r = 0u;
  while (r + block <= rows) {
    for (var j = 0u; j < block; j = j + 1u) {
      acc[0] = acc[0] + squareAndGradient(st, first + r * stride);
      r = r + 1u;
    }
    for (var level = 1u; level < 4u; level = level + 1u) {
      acc[level] = acc[level] + acc[level - 1u];
      acc[level - 1u] = vec2<f32>(0.0);
      if ((r >> (level * power)) % block != 0u) { break; }
    }
  }
  for (; r < rows; r = r + 1u) { acc[0] = acc[0] + squareAndGradient(st, first + r * stride); }
  return ((acc[0] + acc[1]) + acc[2]) + acc[3];
}

// row_sum's ending: the rows' tail onto the first partial sum, then the four partial sums in order.
fn combineRow(st: Step, partials: array<vec2<f32>, 4>, first: u32, count: u32, stride: u32) -> vec2<f32> {
  var head = partials[0];
  for (var i = (count / 4u) * 4u; i < count; i = i + 1u) { head = head + squareAndGradient(st, first + i * stride); }
  return ((head + partials[1]) + partials[2]) + partials[3];
}

// row_sum of the positions first + i·stride, i < count: four interleaved column sums, then combineRow.
fn rowSum(st: Step, first: u32, count: u32, stride: u32) -> vec2<f32> {
  var partials: array<vec2<f32>, 4>;
  for (var k = 0u; k < 4u; k = k + 1u) { partials[k] = columnSum(st, first + k * stride, 4u * stride, count / 4u); }
  return combineRow(st, partials, first, count, stride);
}

// The column of cascadeSum32 that invocation c of 32 sums: SIMD lane c / 4, partial sum c % 4.
fn laneColumn(st: Step, c: u32) -> vec2<f32> {
  return columnSum(st, c / 4u + (c % 4u) * 8u, 32u, st.n / 32u);
}

// cascadeSum32 of (d², g) from the 32 lane columns: the tail after the whole 8-vectors first, then
// each lane's row_sum in lane order. Under 8 values, a scalar row_sum.
fn cascadeFromColumns(st: Step, cols: array<vec2<f32>, 32>) -> vec2<f32> {
  if (st.n < 8u) { return vec2<f32>(0.0) + rowSum(st, 0u, st.n, 1u); }
  let vectors = st.n / 8u;
  var total = vec2<f32>(0.0);
  for (var i = vectors * 8u; i < st.n; i = i + 1u) { total = total + squareAndGradient(st, i); }
  for (var lane = 0u; lane < 8u; lane = lane + 1u) {
    let k = 4u * lane;
    let partials = array<vec2<f32>, 4>(cols[k], cols[k + 1u], cols[k + 2u], cols[k + 3u]);
    total = total + combineRow(st, partials, lane, vectors, 8u);
  }
  return vec2<f32>(0.0) + total;
}

// ∂w = Σ g·x left to right, as the reference BLAS's gemm adds.
fn weightGradient(st: Step) -> f32 {
  var sum = 0.0;
  for (var i = 0u; i < st.n; i = i + 1u) {
    let xy = sampleAt(st, i);
    let d = (mul(xy.x, st.w) + st.b) - xy.y;
    sum = sum + mul(mul(st.scale, d), xy.x);
  }
  return sum;
}

// (Σd², Σg) by cascadeSum32 in one invocation: the 32 columns one after another. Under 8 values,
// the scalar row_sum without the columns (a private array costs its zeroing every step).
fn cascadeSequential(st: Step) -> vec2<f32> {
  if (st.n < 8u) { return vec2<f32>(0.0) + rowSum(st, 0u, st.n, 1u); }
  var columns: array<vec2<f32>, 32>;
  for (var c = 0u; c < 32u; c = c + 1u) { columns[c] = laneColumn(st, c); }
  return cascadeFromColumns(st, columns);
}
`;

const PYTORCH_ORDER = /* wgsl */ `${COMMON}${FLOAT32_OPS}
struct Step { start: u32, n: u32, w: f32, b: f32, scale: f32 }

fn stepAt(s: u32, w: f32, b: f32) -> Step {
  let start = stepStart[s];
  let n = stepStart[s + 1u] - start;
  return Step(start, n, w, b, div32(2.0, f32(n)));
}

fn sampleAt(st: Step, i: u32) -> vec2<f32> { return samples[order[st.start + i]]; }
${PYTORCH_ORDER_SUMS}
// Records the step and returns (w, b) after it.
fn finishStep(st: Step, sums: vec2<f32>, gradW: f32) -> vec2<f32> {
  let minusLr = -settings.lr;
  let next = vec2<f32>(fma32(minusLr, gradW, st.w), fma32(minusLr, sums.y, st.b));
  results[state.step] = vec4<f32>(div32(sums.x, f32(st.n)), next, 0.0);
  state.step = state.step + 1u;
  return next;
}
`;

/** Software adapters: one invocation runs the chunk, step after step. */
export const CHUNK_PYTORCH_ORDER_SEQUENTIAL = /* wgsl */ `${PYTORCH_ORDER}
@compute @workgroup_size(1)
fn main() {
  var wb = vec2<f32>(state.w, state.b);
  for (var s = 0u; s < settings.steps; s = s + 1u) {
    let st = stepAt(s, wb.x, wb.y);
    wb = finishStep(st, cascadeSequential(st), weightGradient(st));
  }
  state.w = wb.x;
  state.b = wb.y;
  state.step = 0u;
}
`;

/** Hardware GPUs: invocations 0–31 sum the cascade's columns, invocation 32 sums ∂w. */
export const CHUNK_PYTORCH_ORDER_PARALLEL = /* wgsl */ `${PYTORCH_ORDER}
var<workgroup> current: vec2<f32>;
var<workgroup> columns: array<vec2<f32>, 32>;
var<workgroup> gradW: f32;

@compute @workgroup_size(64)
fn main(@builtin(local_invocation_index) tid: u32) {
  if (tid == 0u) { current = vec2<f32>(state.w, state.b); }
  for (var s = 0u; s < settings.steps; s = s + 1u) {
    workgroupBarrier();
    let st = stepAt(s, current.x, current.y);
    if (tid < 32u && st.n >= 8u) { columns[tid] = laneColumn(st, tid); }
    if (tid == 32u) { gradW = weightGradient(st); }
    workgroupBarrier();
    if (tid == 0u) { current = finishStep(st, cascadeFromColumns(st, columns), gradW); }
  }
  workgroupBarrier();
  if (tid == 0u) {
    state.w = current.x;
    state.b = current.y;
    state.step = 0u;
  }
}
`;
