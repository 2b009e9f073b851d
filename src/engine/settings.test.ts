import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig, type RunConfig } from './config';
import { readSetting, SETTINGS, settingOf, type SettingSpec } from './settings';

describe('the settings table', () => {
  it('names every RunConfig field but the CSV columns once, each with its own URL key and hide name', () => {
    const fields = SETTINGS.map((s) => s.field).sort();
    expect(fields).toEqual(Object.keys(DEFAULT_CONFIG).sort());
    expect(new Set(SETTINGS.map((s) => s.key)).size).toBe(SETTINGS.length);
    const hides = SETTINGS.flatMap((s) => (s.hide ? [s.hide] : []));
    expect(new Set(hides).size).toBe(hides.length);
  });

  it('gives the tutorial script as the defaults', () => {
    expect(DEFAULT_CONFIG).toMatchObject({
      batchSize: 3,
      shuffle: true,
      dropLast: false,
      learningRate: 0.01,
      epochs: 10,
      seed: 0,
    });
  });

  it('accepts each whole-number setting at its limits and refuses one past them or a fraction', () => {
    for (const spec of SETTINGS) {
      if (spec.kind.type !== 'int') continue;
      const s = spec as SettingSpec;
      const { min, max } = spec.kind;
      expect(readSetting(s, min)).toEqual({ value: min });
      expect(readSetting(s, max)).toEqual({ value: max });
      for (const bad of [min - 1, max + 1, min + 0.5, Number.NaN, String(min)]) {
        expect(readSetting(s, bad)).toEqual({ problem: { key: spec.problem, params: { min, max } } });
      }
    }
  });

  it('refuses a learning rate of 0 but a speed of 0 is max speed; flags take booleans only', () => {
    expect(readSetting(settingOf('learningRate'), 0)).toEqual({ problem: { key: 'error.learningRate' } });
    expect(readSetting(settingOf('learningRate'), Number.POSITIVE_INFINITY)).toHaveProperty('problem');
    expect(readSetting(settingOf('speed'), 0)).toEqual({ value: 0 });
    expect(readSetting(settingOf('speed'), 1001)).toHaveProperty('problem');
    expect(readSetting(settingOf('shuffle'), 1)).toEqual({ problem: { key: 'error.shuffle' } });
    expect(readSetting(settingOf('backend'), 'WEBGPU')).toHaveProperty('problem');
  });

  it('validates every field of a candidate through its row, keeping the fallback where refused', () => {
    const fallback: RunConfig = { ...DEFAULT_CONFIG, batchSize: 5 };
    const { config, problems } = validateConfig({ batchSize: 0, epochs: 7, seed: '2.5', model: 'mlp' }, fallback);
    expect(config).toEqual({ ...fallback, epochs: 7, model: 'mlp' });
    expect(Object.keys(problems).sort()).toEqual(['batchSize', 'seed']);
    expect(problems.seed?.key).toBe('error.seedFraction');
  });
});
