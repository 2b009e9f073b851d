// float32 arithmetic in the orders PyTorch's CPU kernels use, so that the reference trainer and the
// generator give PyTorch's bits, not just numbers close to them.
//
// One operation on float32 values evaluated in double and rounded once with Math.fround is
// correctly rounded (+, −, ×, ÷: double has more than 2·24 + 2 bits), so a plain
// `Math.fround(a + b)` is a float32 add. What needs care is the order of the operations, and
// the fused multiply-adds that GCC makes of `a * b + c` in PyTorch's AVX2/AVX-512 kernels.

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float32 next to the float32 `x`, towards +∞ (up) or −∞. `x` must be finite. */
function nextFloat32(x: number, up: boolean): number {
  if (x === 0) {
    u32[0] = 1; // the smallest subnormal
    return up ? f32[0] : -f32[0];
  }
  f32[0] = x;
  // Moving away from zero is +1 on the bit pattern, towards zero −1, whatever the sign.
  u32[0] += x > 0 === up ? 1 : -1;
  return f32[0];
}

/**
 * fmaf(a, b, c): a·b + c rounded once to float32, for float32 inputs. The product is exact in
 * double; the sum's rounding error is recovered with TwoSum, and only matters when the double sum
 * lies exactly halfway between two float32s (otherwise fround already rounds the exact value).
 */
export function fma32(a: number, b: number, c: number): number {
  const product = a * b;
  const sum = product + c;
  const rounded = Math.fround(sum);
  if (!Number.isFinite(sum) || rounded === sum) return rounded;
  const cPart = sum - product;
  const error = product - (sum - cPart) + (c - cPart);
  if (error === 0) return rounded;
  const other = nextFloat32(rounded, sum > rounded);
  if (!Number.isFinite(other) || sum !== (rounded + other) / 2) return rounded;
  // A tie in double that the exact value breaks.
  return error > 0 === other > rounded ? other : rounded;
}

function ceilLog2(x: number): number {
  return x <= 1 ? 0 : Math.ceil(Math.log2(x));
}

/**
 * PyTorch's multi-level ("cascade") running sums over `rows` of `width` values each, all rows summed
 * column by column: level 0 adds 2^p rows, then spills into level 1, and so on, so that only sums
 * of similar size meet (aten/src/ATen/native/cpu/SumKernel.cpp, multi_row_sum).
 */
function multiRowSum(value: (row: number, column: number) => number, rows: number, width: number) {
  const levels = 4;
  const power = Math.max(4, Math.floor(ceilLog2(rows) / levels));
  const step = 2 ** power;
  const acc = Array.from({ length: levels }, () => new Array<number>(width).fill(0));
  let row = 0;
  while (row + step <= rows) {
    for (let j = 0; j < step; j++, row++) {
      for (let k = 0; k < width; k++) acc[0][k] = Math.fround(acc[0][k] + value(row, k));
    }
    for (let level = 1; level < levels; level++) {
      for (let k = 0; k < width; k++) {
        acc[level][k] = Math.fround(acc[level][k] + acc[level - 1][k]);
        acc[level - 1][k] = 0;
      }
      // Spill further up only when this level has completed its own 2^p blocks.
      if (Math.floor(row / 2 ** (level * power)) % step !== 0) break;
    }
  }
  for (; row < rows; row++) {
    for (let k = 0; k < width; k++) acc[0][k] = Math.fround(acc[0][k] + value(row, k));
  }
  for (let level = 1; level < levels; level++) {
    for (let k = 0; k < width; k++) acc[0][k] = Math.fround(acc[0][k] + acc[level][k]);
  }
  return acc[0];
}

/** row_sum: four interleaved partial sums (instruction-level parallelism), then the tail. */
function rowSum(value: (i: number) => number, n: number): number {
  const ilp = 4;
  const rows = Math.floor(n / ilp);
  const partial = multiRowSum((row, k) => value(row * ilp + k), rows, ilp);
  for (let i = rows * ilp; i < n; i++) partial[0] = Math.fround(partial[0] + value(i));
  for (let k = 1; k < ilp; k++) partial[0] = Math.fround(partial[0] + partial[k]);
  return partial[0];
}

/**
 * `tensor.sum()` of a contiguous float32 vector on the CPU, bit for bit (single thread, n below
 * PyTorch's parallel grain of 32768). Shorter than one SIMD vector: a scalar row_sum. Otherwise
 * each of the `lanes` SIMD lanes sums its column of whole vectors, then the leftover tail is
 * summed and the lanes are added to it in order. `lanes` is 8 for float32 on AVX2 (PyTorch's
 * default CPU capability on x86 up to 1.13); AVX-512 builds use 16 and can differ in the last bit.
 */
export function cascadeSum32(values: ArrayLike<number>, lanes = 8): number {
  const n = values.length;
  if (n < lanes) return Math.fround(0 + rowSum((i) => values[i], n));
  const vectors = Math.floor(n / lanes);
  let total = 0;
  for (let i = vectors * lanes; i < n; i++) total = Math.fround(total + values[i]);
  for (let lane = 0; lane < lanes; lane++) {
    total = Math.fround(total + rowSum((v) => values[v * lanes + lane], vectors));
  }
  return Math.fround(0 + total);
}

/**
 * `t.sum(0)` of a contiguous float32 [rows, columns] matrix on the CPU, column by column, in
 * PyTorch's order (SumKernel.cpp: cascade_sum → vectorized_outer_sum for 8 or more columns,
 * scalar_outer_sum below): columns in whole groups (of 4·lanes, or of 4 when scalar) get the
 * cascade of multi_row_sum over the rows; the remaining columns get row_sum, whose four
 * interleaved partial sums run over the rows. This is the bias gradient of a layer with that many
 * outputs.
 */
export function columnSums32(
  value: (row: number, column: number) => number,
  rows: number,
  columns: number,
  lanes = 8,
): Float32Array {
  const out = new Float32Array(columns);
  const group = columns >= lanes ? 4 * lanes : 4;
  const grouped = Math.floor(columns / group) * group;
  if (grouped > 0) {
    const sums = multiRowSum(value, rows, grouped);
    for (let j = 0; j < grouped; j++) out[j] = Math.fround(0 + sums[j]);
  }
  for (let j = grouped; j < columns; j++) out[j] = Math.fround(0 + rowSum((i) => value(i, j), rows));
  return out;
}
