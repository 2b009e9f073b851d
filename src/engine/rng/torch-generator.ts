// The draws PyTorch's CPUGeneratorImpl makes on top of MT19937 (aten/src/ATen/CPUGeneratorImpl.cpp,
// aten/src/ATen/core/DistributionsHelper.h, aten/src/ATen/core/TransformationHelper.h).
import { fma32 } from '../float32';
import { MT19937 } from './mt19937';

const TWO_POW_24 = 2 ** 24;

export class TorchGenerator {
  private engine: MT19937;

  constructor(seed: number | bigint = 67280421310721n) {
    this.engine = new MT19937(seed);
  }

  /** torch.manual_seed / Generator.manual_seed: only the low 32 bits reach the MT19937. */
  manualSeed(seed: number | bigint): void {
    this.engine = new MT19937(seed);
  }

  /** generator->random(): one 32-bit word. */
  random(): number {
    return this.engine.nextUint32();
  }

  /** generator->random64(): the first word is the high half. */
  random64(): bigint {
    const hi = BigInt(this.engine.nextUint32());
    const lo = BigInt(this.engine.nextUint32());
    return (hi << 32n) | lo;
  }

  /** `torch.empty((), dtype=torch.int64).random_()`: random64() mod 2^63. */
  randomInt64(): bigint {
    return this.random64() % (1n << 63n);
  }

  /**
   * float32 `uniform_(from, to)`: 24 random bits → x in [0, 1), then x·(to − from) + from in
   * float32, the multiply-add fused: PyTorch's CPU kernels are compiled for AVX2 with FMA, and GCC
   * fuses that expression (checked against python3-torch 1.13: without fusing, about a quarter of
   * nn.Linear's initial weights differ in the last bit).
   */
  uniformFloat32(from: number, to: number): number {
    const f = Math.fround(from);
    const t = Math.fround(to);
    const x = (this.random() & 0xffffff) / TWO_POW_24; // exact in float32
    return fma32(x, Math.fround(t - f), f);
  }
}

/**
 * u % m for a 32-bit word u and 0 < m < 2^32, exactly, without `%`: V8 computes `%` of a number
 * above 2^31 − 1 with a call to fmod, the largest cost of randperm at N = 1,000,000. Here the
 * quotient u/m is exact after flooring: its rounding error is below q·2^−53 ≤ 2^−21/m, while a
 * non-integer u/m is at least 1/m below the next integer; q·m and u − q·m are exact doubles.
 */
export function remainder(u: number, m: number): number {
  return u - Math.floor(u / m) * m;
}

/** torch.randperm(n, generator=g) on the CPU, both of PyTorch's algorithms (randperm_cpu). */
export function randperm(n: number, g: TorchGenerator): Int32Array | Float64Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`randperm: bad n ${n}`);
  // Below this PyTorch keeps its original swap-with-a-later-element shuffle using 32-bit words.
  if (n < Math.floor(0xffffffff / 20)) {
    const r = new Int32Array(n);
    for (let i = 0; i < n; i++) r[i] = i;
    for (let i = 0; i < n - 1; i++) {
      const z = remainder(g.random(), n - i);
      const sav = r[i];
      r[i] = r[z + i];
      r[z + i] = sav;
    }
    return r;
  }
  // Larger n: the "inside-out" Fisher–Yates with 64-bit words (never reached at our dataset sizes).
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = Number(g.random64() % BigInt(i + 1));
    r[i] = r[z];
    r[z] = i;
  }
  return r;
}
