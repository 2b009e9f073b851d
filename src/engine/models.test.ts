import { describe, expect, it } from 'vitest';
import { pytorchModels } from './__fixtures__/pytorch-models';
import { DEFAULT_CONFIG } from './config';
import { describeModel, initModel, modelSpecFor, parameterCount, parameterLayout } from './models';
import { createRunPlan } from './plan';
import { TorchGenerator } from './rng/torch-generator';

async function sha256(values: Float32Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', values.slice().buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const mlp = (hiddenUnits: number) => ({ kind: 'mlp', hiddenUnits, activation: 'relu' }) as const;

describe('MLP initialisation: nn.Sequential(nn.Linear(1, h), act, nn.Linear(h, 1))', () => {
  it.each(pytorchModels.mlpInit)(
    'matches PyTorch bit for bit: seed $seed, h = $hidden (and draws as many words)',
    async ({ seed, hidden, parameters, first, sha256: digest, globalNextInt64 }) => {
      const g = new TorchGenerator(seed);
      const flat = initModel(g, mlp(hidden));
      expect(flat).toHaveLength(3 * hidden + 1);
      if (parameters) expect(Array.from(flat)).toEqual(parameters);
      else {
        expect(Array.from(flat.subarray(0, first!.length))).toEqual(first);
        expect(await sha256(flat)).toBe(digest);
      }
      expect(g.randomInt64().toString()).toBe(globalNextInt64);
    },
  );

  it('draws layer 1 in U(±1), layer 2 in U(±1/√h)', () => {
    const h = 64;
    const flat = initModel(new TorchGenerator(3), mlp(h));
    const [w1, b1, w2, b2] = parameterLayout(mlp(h)).map((t) => flat.subarray(t.offset, t.offset + t.size));
    for (const v of [...w1, ...b1]) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    for (const v of [...w2, ...b2]) expect(Math.abs(v)).toBeLessThanOrEqual(1 / Math.sqrt(h));
    expect(Math.max(...w1.map(Math.abs))).toBeGreaterThan(0.5); // really the wider range
  });

  it('lays parameters out in state_dict order', () => {
    expect(parameterLayout(mlp(3))).toEqual([
      { name: '0.weight', shape: [3, 1], offset: 0, size: 3 },
      { name: '0.bias', shape: [3], offset: 3, size: 3 },
      { name: '2.weight', shape: [1, 3], offset: 6, size: 3 },
      { name: '2.bias', shape: [1], offset: 9, size: 1 },
    ]);
    expect(parameterLayout({ kind: 'linear' }).map((t) => t.name)).toEqual(['weight', 'bias']);
    expect(parameterCount(mlp(256))).toBe(769);
    expect(describeModel({ kind: 'mlp', hiddenUnits: 8, activation: 'tanh' })).toBe(
      'nn.Sequential(nn.Linear(1, 8), nn.Tanh(), nn.Linear(8, 1))',
    );
  });

  it('the plan builds the model the config names, after the same draws', () => {
    expect(modelSpecFor(DEFAULT_CONFIG)).toEqual({ kind: 'linear' });
    const plan = createRunPlan({ ...DEFAULT_CONFIG, model: 'mlp', hiddenUnits: 16, activation: 'relu' });
    const fixture = pytorchModels.mlpInit.find((c) => c.seed === 0 && c.hidden === 16)!;
    expect(Array.from(plan.initialParameters)).toEqual(fixture.parameters);
    expect(plan.initialParams).toBeUndefined();
    const linear = createRunPlan(DEFAULT_CONFIG);
    expect(Array.from(linear.initialParameters)).toEqual([linear.initialParams!.w, linear.initialParams!.b]);
  });
});
