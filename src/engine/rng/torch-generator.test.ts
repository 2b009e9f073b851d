import { describe, expect, it } from 'vitest';
import { pytorchVectors } from '../__fixtures__/pytorch-vectors';
import { randperm, remainder, TorchGenerator } from './torch-generator';

function seeded(seed: number): TorchGenerator {
  const g = new TorchGenerator();
  g.manualSeed(seed);
  return g;
}

async function sha256OfInt32(values: ArrayLike<number>): Promise<string> {
  const bytes = new Int32Array(Array.from(values)); // little-endian on every platform we run on
  const digest = await crypto.subtle.digest('SHA-256', bytes.buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

describe('randperm', () => {
  it('matches the published torch.manual_seed(0); torch.randperm(10)', () => {
    expect(Array.from(randperm(10, seeded(0)))).toEqual([4, 1, 7, 5, 3, 9, 0, 8, 6, 2]);
  });

  it('matches the published permutation after one int64 random_() draw', () => {
    const g = seeded(0);
    g.randomInt64();
    expect(Array.from(randperm(10, g))).toEqual([3, 7, 5, 2, 0, 8, 1, 6, 9, 4]);
  });

  it('draws one 32-bit word per position but the last', () => {
    const g = seeded(3);
    randperm(10, g);
    const h = seeded(3);
    for (let i = 0; i < 9; i++) h.random();
    expect(g.random()).toBe(h.random());
    const e = seeded(3);
    expect(Array.from(randperm(0, e))).toEqual([]);
    expect(Array.from(randperm(1, e))).toEqual([0]);
    expect(e.random()).toBe(seeded(3).random()); // n = 0 and n = 1 draw nothing
  });

  it('rejects a negative or fractional n', () => {
    expect(() => randperm(-1, seeded(0))).toThrow(RangeError);
    expect(() => randperm(2.5, seeded(0))).toThrow(RangeError);
  });

  const cases = pytorchVectors.randperm;
  it.each(cases.filter((c) => !c.generator))(
    'matches PyTorch: seed $seed, randperm($n), after an int64 draw: $afterInt64Draw',
    async (c) => {
      const g = seeded(c.seed);
      if (c.afterInt64Draw) g.randomInt64();
      const perm = randperm(c.n, g);
      if (c.permutation) {
        expect(Array.from(perm)).toEqual(c.permutation);
      } else {
        expect(Array.from(perm.subarray(0, c.first!.length))).toEqual(c.first);
        expect(await sha256OfInt32(perm)).toBe(c.sha256);
      }
      expect(g.randomInt64().toString()).toBe(c.nextInt64);
    },
  );

  it.each(cases.filter((c) => c.generator))(
    'matches PyTorch with torch.Generator().manual_seed($seed): two permutations in a row',
    (c) => {
      const g = new TorchGenerator(c.seed);
      expect([Array.from(randperm(c.n, g)), Array.from(randperm(c.n, g))]).toEqual(c.permutations);
    },
  );
});

describe("remainder (randperm's u % m without fmod)", () => {
  it('equals the integer remainder for 32-bit words, at the edges and at random', () => {
    const words = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 2, 2 ** 32 - 1];
    const moduli = [1, 2, 3, 7, 999_999, 1_000_000, 2 ** 28 - 1, 2 ** 31 - 1, 2 ** 31 + 1, 2 ** 32 - 1];
    const g = seeded(5);
    for (let k = 0; k < 20_000; k++) {
      words.push(g.random());
      moduli.push(1 + (g.random() % 2 ** 28));
    }
    // Every pair is compared, and the wrong ones are listed at the end: one expect() per pair
    // (about 280 000 of them) made this test take seconds, most of it in the matcher.
    const wrong: string[] = [];
    let compared = 0;
    for (let k = 0; k < words.length; k++) {
      for (const m of k < 6 ? moduli : [moduli[k], moduli[k % 10]]) {
        const expected = Number(BigInt(words[k]) % BigInt(m));
        const actual = remainder(words[k], m);
        compared++;
        if (actual !== expected) wrong.push(`${words[k]} % ${m}: ${actual}, not ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(compared).toBe(6 * moduli.length + 2 * (words.length - 6));
  });
});

describe('TorchGenerator draws', () => {
  it('random64 puts the first word in the high half; int64 random_ drops the top bit', () => {
    const a = seeded(0);
    const hi = BigInt(a.random());
    const lo = BigInt(a.random());
    expect(seeded(0).random64()).toBe((hi << 32n) | lo);
    expect(seeded(0).randomInt64()).toBe(((hi << 32n) | lo) % 2n ** 63n);
  });

  it.each(pytorchVectors.int64)('int64 random_() matches PyTorch for seed $seed', ({ seed, values }) => {
    const g = seeded(seed);
    expect(values.map(() => g.randomInt64().toString())).toEqual(values);
  });

  it.each(pytorchVectors.uniformFloat32)(
    'float32 uniform_($from, $to) matches PyTorch bit for bit, seed $seed',
    ({ seed, from, to, values }) => {
      const g = seeded(seed);
      expect(values.map(() => g.uniformFloat32(from, to))).toEqual(values);
    },
  );

  it('uniform_ stays in [from, to) and uses only 24 bits of a word', () => {
    const g = seeded(11);
    for (let i = 0; i < 2000; i++) {
      const v = g.uniformFloat32(-0.25, 0.75);
      expect(v).toBeGreaterThanOrEqual(-0.25);
      expect(v).toBeLessThan(0.75);
    }
  });
});
