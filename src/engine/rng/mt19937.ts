// MT19937 exactly as PyTorch's CPU generator uses it (aten/src/ATen/core/MT19937RNGEngine.h):
// standard init_genrand seeding with the low 32 bits of the seed, one tempered 32-bit word per draw.

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class MT19937 {
  private readonly state = new Uint32Array(N);
  private index = N;

  constructor(seed: number | bigint = 5489) {
    const low32 = Number(BigInt.asUintN(32, BigInt(seed)));
    this.state[0] = low32;
    for (let i = 1; i < N; i++) {
      const prev = this.state[i - 1] ^ (this.state[i - 1] >>> 30);
      // 1812433253 * prev + i in uint32 arithmetic: Math.imul keeps the low 32 bits exactly.
      this.state[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  /**
   * The next 624 words. Three loops instead of `% N` per word: V8 does not strength-reduce the
   * modulo, and the twist is a large share of randperm's time on large datasets.
   */
  private twist(): void {
    const s = this.state;
    const mix = (upper: number, lower: number, far: number) => {
      const y = (upper & UPPER_MASK) | (lower & LOWER_MASK);
      return far ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    };
    let i = 0;
    for (; i < N - M; i++) s[i] = mix(s[i], s[i + 1], s[i + M]);
    for (; i < N - 1; i++) s[i] = mix(s[i], s[i + 1], s[i + M - N]);
    s[N - 1] = mix(s[N - 1], s[0], s[M - 1]);
    this.index = 0;
  }

  /** One tempered 32-bit word, as an unsigned number. */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.state[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}
