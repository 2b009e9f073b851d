// The URL keys of the data and model settings: dataset, n, model, hidden, act.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import { configToSearch } from './url';
import { parseUrlConfigEnglish } from './url-english';

describe('URL keys for the dataset and the model', () => {
  it('reads every key', () => {
    const { config, ignored } = parseUrlConfigEnglish('?dataset=sine&n=1000000&model=mlp&hidden=64&act=relu');
    expect(ignored).toEqual([]);
    expect(config).toEqual({
      ...DEFAULT_CONFIG,
      dataset: 'sine',
      samples: 1_000_000,
      model: 'mlp',
      hiddenUnits: 64,
      activation: 'relu',
    });
  });

  it('accepts upper case names', () => {
    expect(parseUrlConfigEnglish('?dataset=LINE&model=MLP&act=Tanh').config).toMatchObject({
      dataset: 'line',
      model: 'mlp',
      activation: 'tanh',
    });
  });

  it('ignores bad values one by one and names each', () => {
    const { config, ignored } = parseUrlConfigEnglish('?dataset=circle&n=0&model=cnn&hidden=257&act=gelu&seed=4');
    expect(config).toEqual({ ...DEFAULT_CONFIG, seed: 4 });
    expect(ignored).toEqual([
      'dataset=circle: Dataset must be tutorial, line, sine or custom.',
      'n=0: Samples must be a whole number from 1 to 1000000.',
      'model=cnn: Model must be linear or mlp.',
      'hidden=257: Hidden units must be a whole number from 1 to 256.',
      'act=gelu: Activation must be relu, tanh or sigmoid.',
    ]);
    for (const query of ['n=1000001', 'n=2.5', 'n=', 'hidden=0', 'hidden=1e1.5']) {
      expect(parseUrlConfigEnglish(`?${query}`).ignored, query).toHaveLength(1);
    }
  });

  it('writes only the values that differ from the defaults, and reads them back', () => {
    expect(configToSearch(DEFAULT_CONFIG)).toBe('');
    const config = { ...DEFAULT_CONFIG, dataset: 'line' as const, samples: 100_000, model: 'mlp' as const };
    const search = configToSearch(config);
    expect(search).toBe('?dataset=line&n=100000&model=mlp');
    expect(parseUrlConfigEnglish(search)).toEqual({ config, ignored: [] });
  });
});
