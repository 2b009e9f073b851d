import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { configToSearch } from './url';
import { parseUrlConfigEnglish } from './url-english';

describe('parseUrlConfig', () => {
  it('gives the defaults, and no notice, for an empty query', () => {
    expect(parseUrlConfigEnglish('')).toEqual({ config: DEFAULT_CONFIG, ignored: [] });
    expect(parseUrlConfigEnglish('?')).toEqual({ config: DEFAULT_CONFIG, ignored: [] });
  });

  it("reads the issue's example link and every key", () => {
    const { config, ignored } = parseUrlConfigEnglish(
      '?batch=4&shuffle=0&lr=0.05&epochs=7&seed=42&droplast=1&speed=5&backend=webgl',
    );
    expect(ignored).toEqual([]);
    expect(config).toEqual({
      ...DEFAULT_CONFIG,
      batchSize: 4,
      shuffle: false,
      learningRate: 0.05,
      epochs: 7,
      seed: 42,
      dropLast: true,
      speed: 5,
      backend: 'webgl',
    });
  });

  it('accepts values equal to the defaults, true/false flags and upper-case backends', () => {
    const { config, ignored } = parseUrlConfigEnglish('?batch=3&shuffle=true&droplast=false&backend=WebGPU');
    expect(ignored).toEqual([]);
    expect(config).toEqual({ ...DEFAULT_CONFIG, backend: 'webgpu' });
  });

  it('ignores bad values one by one, keeping the good ones, and names each', () => {
    const { config, ignored } = parseUrlConfigEnglish(
      '?batch=abc&shuffle=maybe&lr=-1&epochs=2.5&seed=7&droplast=1&speed=fast&backend=tpu',
    );
    expect(config).toEqual({ ...DEFAULT_CONFIG, seed: 7, dropLast: true });
    expect(ignored).toHaveLength(6);
    expect(ignored[0]).toMatch(/^batch=abc: Batch size must be/);
    expect(ignored.join('\n')).toMatch(/shuffle=maybe/);
    expect(ignored.join('\n')).toMatch(/lr=-1: Learning rate must be a positive number/);
    expect(ignored.join('\n')).toMatch(/epochs=2.5/);
    expect(ignored.join('\n')).toMatch(/speed=fast/);
    expect(ignored.join('\n')).toMatch(/backend=tpu/);
  });

  it('refuses empty, hexadecimal, infinite and out-of-range numbers', () => {
    for (const query of [
      'batch=',
      'batch=0x10',
      'lr=Infinity',
      'batch=0',
      'epochs=100001',
      'seed=18446744073709551616',
      'lr=0',
    ]) {
      const { config, ignored } = parseUrlConfigEnglish(`?${query}`);
      expect(config, query).toEqual(DEFAULT_CONFIG);
      expect(ignored, query).toHaveLength(1);
    }
  });

  it('uses the first of duplicated keys and says so', () => {
    const { config, ignored } = parseUrlConfigEnglish('?batch=5&batch=2&seed=1');
    expect(config.batchSize).toBe(5);
    expect(config.seed).toBe(1);
    expect(ignored).toEqual(['batch was given 2 times; used the first (batch=5)']);
  });

  it('names unknown keys once each and still applies the known ones', () => {
    const { config, ignored } = parseUrlConfigEnglish('?foo=1&batch=2&foo=2&Batch=9');
    expect(config.batchSize).toBe(2);
    expect(ignored).toEqual(['unknown parameter "foo"', 'unknown parameter "Batch"']);
  });

  it('validates against the given fallback, not only the defaults', () => {
    const base: RunConfig = { ...DEFAULT_CONFIG, batchSize: 8 };
    expect(parseUrlConfigEnglish('?batch=nope', base).config.batchSize).toBe(8);
  });
});

describe('replacement', () => {
  it('reads replacement=1 and writes it back after shuffle, refusing other values', () => {
    expect(parseUrlConfigEnglish('?replacement=1').config.replacement).toBe(true);
    expect(configToSearch({ ...DEFAULT_CONFIG, replacement: true, shuffle: false })).toBe('?shuffle=0&replacement=1');
    const { config, ignored } = parseUrlConfigEnglish('?replacement=maybe');
    expect(config.replacement).toBe(false);
    expect(ignored).toEqual(['replacement=maybe: Replacement must be on or off.']);
  });
});

describe('val', () => {
  it('reads val=0.2, writes it after n and drops it at 0, refusing 0.5 and more', () => {
    expect(parseUrlConfigEnglish('?val=0.2').config.validationSplit).toBe(0.2);
    expect(configToSearch({ ...DEFAULT_CONFIG, dataset: 'line', samples: 40, validationSplit: 0.25 })).toBe(
      '?dataset=line&n=40&val=0.25',
    );
    expect(configToSearch({ ...DEFAULT_CONFIG, validationSplit: 0 })).toBe('');
    for (const bad of ['0.5', '0.7', '-0.1', 'half']) {
      const { config, ignored } = parseUrlConfigEnglish(`?val=${bad}&batch=4`);
      expect(config.validationSplit).toBe(0);
      expect(config.batchSize).toBe(4); // nothing else is lost
      expect(ignored).toEqual([`val=${bad}: Validation split must be a number from 0 to below 0.5.`]);
    }
    expect(parseUrlConfigEnglish('?val=0.4999').config.validationSplit).toBe(0.4999);
  });
});

describe('configToSearch', () => {
  it('writes nothing for the defaults', () => {
    expect(configToSearch(DEFAULT_CONFIG)).toBe('');
  });

  it('writes only the non-default values, in a stable order', () => {
    expect(configToSearch({ ...DEFAULT_CONFIG, seed: 3, batchSize: 4, shuffle: false })).toBe(
      '?batch=4&shuffle=0&seed=3',
    );
  });

  it('round-trips every field, including awkward numbers', () => {
    const configs: RunConfig[] = [
      { ...DEFAULT_CONFIG },
      {
        ...DEFAULT_CONFIG,
        batchSize: 2 ** 31 - 1,
        shuffle: false,
        dropLast: true,
        learningRate: 1e-7,
        epochs: 100_000,
        seed: Number.MAX_SAFE_INTEGER,
        speed: 20,
        backend: 'cpu',
      },
      { ...DEFAULT_CONFIG, learningRate: 0.1 + 0.2, speed: 1, backend: 'webgpu' },
    ];
    for (const config of configs) {
      const { config: back, ignored } = parseUrlConfigEnglish(configToSearch(config));
      expect(ignored).toEqual([]);
      expect(back).toEqual(config);
    }
  });

  it('keeps parameters it does not own and drops stale copies of its own', () => {
    const search = configToSearch({ ...DEFAULT_CONFIG, epochs: 3 }, '?lang=zh&epochs=9&epochs=8&batch=2');
    expect(search).toBe('?epochs=3&lang=zh');
  });
});
