import { describe, expect, it } from 'vitest';
import { pytorchVectors } from './__fixtures__/pytorch-vectors';
import { initLinear, kaimingUniformBound } from './linear';
import { TorchGenerator } from './rng/torch-generator';

describe('nn.Linear initialisation', () => {
  it("kaiming_uniform_(a=√5)'s bound is 1/√fan_in, the same as the bias bound", () => {
    for (const fanIn of [1, 2, 3, 32, 1000]) {
      expect(kaimingUniformBound(fanIn)).toBeCloseTo(1 / Math.sqrt(fanIn), 15);
    }
  });

  it('draws the weight first, then the bias, one word each, in [-1/√in, 1/√in)', () => {
    const g = new TorchGenerator(0);
    const { weight, bias } = initLinear(g, 4, 3);
    expect(weight).toHaveLength(12);
    expect(bias).toHaveLength(3);
    for (const v of [...weight, ...bias]) expect(Math.abs(v)).toBeLessThanOrEqual(0.5);
    const h = new TorchGenerator(0);
    for (let i = 0; i < 15; i++) h.random();
    expect(g.random()).toBe(h.random());
  });

  it('gives the tutorial seed 0 its w and b', () => {
    const { weight, bias } = initLinear(new TorchGenerator(0), 1, 1);
    expect([weight[0], bias[0]]).toEqual([-0.007486820220947266, 0.5364435911178589]);
  });

  it.each(pytorchVectors.linear)(
    'matches PyTorch bit for bit: seed $seed, Linear($inFeatures, $outFeatures)',
    ({ seed, inFeatures, outFeatures, weight, bias }) => {
      const g = new TorchGenerator();
      g.manualSeed(seed);
      const init = initLinear(g, inFeatures, outFeatures);
      expect(Array.from(init.weight)).toEqual(weight);
      expect(Array.from(init.bias)).toEqual(bias);
    },
  );
});
