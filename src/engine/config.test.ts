import { describe, expect, it } from 'vitest';
import { englishTexts } from '../i18n/message';
import { DEFAULT_CONFIG, LIMITS, validateConfig as validate } from './config';

/** The schema's refusals in English, as a reader sees them. */
const validateConfig = (...args: Parameters<typeof validate>) => {
  const result = validate(...args);
  return { ...result, errors: englishTexts(result.problems) };
};

describe('validateConfig: dataset and model fields', () => {
  it("defaults to the tutorial's data and nn.Linear(1, 1)", () => {
    expect(DEFAULT_CONFIG).toMatchObject({ dataset: 'tutorial', model: 'linear' });
  });

  it('accepts every dataset, model and activation, and the limits of samples and hidden units', () => {
    for (const dataset of ['tutorial', 'line', 'sine']) {
      expect(validateConfig({ dataset }).errors).toEqual({});
    }
    for (const activation of ['relu', 'tanh', 'sigmoid']) {
      expect(validateConfig({ model: 'mlp', activation }).errors).toEqual({});
    }
    const { config, errors } = validateConfig({ samples: LIMITS.maxSamples, hiddenUnits: LIMITS.maxHiddenUnits });
    expect(errors).toEqual({});
    expect([config.samples, config.hiddenUnits]).toEqual([1_000_000, 256]);
    expect(validateConfig({ samples: 1, hiddenUnits: 1 }).errors).toEqual({});
  });

  it('refuses unknown names and out-of-range or fractional sizes, keeping the fallback', () => {
    const { config, errors } = validateConfig({
      dataset: 'mnist',
      model: 'transformer',
      activation: 'gelu',
      samples: 1_000_001,
      hiddenUnits: 2.5,
    });
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(Object.keys(errors).sort()).toEqual(['activation', 'dataset', 'hiddenUnits', 'model', 'samples']);
    expect(validateConfig({ samples: 0 }).errors.samples).toMatch(/1 to 1000000/);
    expect(validateConfig({ hiddenUnits: 257 }).errors.hiddenUnits).toMatch(/1 to 256/);
  });
});
