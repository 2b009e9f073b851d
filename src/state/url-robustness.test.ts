// Links are typed, pasted and tampered with: whatever they hold, parsing gives a valid config, a
// notice naming what was ignored (quoted as plain text, bounded in length), and seeds stay exact.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, normalizeSeed, SEED_MAX, SEED_MIN, validateConfig } from '../engine/config';
import { createRunPlan } from '../engine/plan';
import { englishTexts } from '../i18n/message';
import { configToSearch } from './url';
import { parseUrlConfigEnglish } from './url-english';

describe('seeds: PyTorch’s whole 64-bit range, exactly', () => {
  it('keeps safe integers as numbers and larger ones as exact decimal text', () => {
    expect(normalizeSeed(42)).toBe(42);
    expect(normalizeSeed('-1')).toBe(-1);
    expect(normalizeSeed('+7')).toBe(7);
    expect(normalizeSeed('1e3')).toBe(1000);
    expect(normalizeSeed(' 9007199254740991 ')).toBe(Number.MAX_SAFE_INTEGER);
    expect(normalizeSeed('9007199254740993')).toBe('9007199254740993'); // a number would round it
    expect(normalizeSeed('18446744073709551615')).toBe('18446744073709551615');
    expect(normalizeSeed('-9223372036854775808')).toBe('-9223372036854775808');
    expect(normalizeSeed(SEED_MAX)).toBe(SEED_MAX.toString());
    expect(normalizeSeed(SEED_MIN)).toBe(SEED_MIN.toString());
  });

  it('refuses what torch.manual_seed refuses, fractions and non-numbers', () => {
    for (const bad of [
      '18446744073709551616',
      '-9223372036854775809',
      '1.5',
      'abc',
      '',
      ' ',
      '0x10',
      'Infinity',
      1.5,
      Number.NaN,
      true,
      null,
    ]) {
      expect(normalizeSeed(bad), String(bad)).toBeNull();
    }
    expect(englishTexts(validateConfig({ seed: '1.5' }).problems).seed).toMatch(
      /whole number \(PyTorch would cut 1\.5 to 1\)/,
    );
    expect(englishTexts(validateConfig({ seed: '18446744073709551616' }).problems).seed).toMatch(
      /from -9223372036854775808 to 18446744073709551615/,
    );
  });

  it('keeps the config JSON- and structured-clone-safe', () => {
    const { config } = parseUrlConfigEnglish('?seed=18446744073709551615');
    expect(config.seed).toBe('18446744073709551615');
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
    expect(structuredClone(config)).toEqual(config);
  });

  it('seeds the generator as PyTorch does: low 32 bits, negative seeds mod 2^64', () => {
    // torch.manual_seed(-1) ≡ manual_seed(2**64 - 1); manual_seed(2**32 + 5) ≡ manual_seed(5).
    const initial = (seed: number | string) => createRunPlan({ ...DEFAULT_CONFIG, seed }).initialParams;
    expect(initial(-1)).toEqual(initial('18446744073709551615'));
    expect(initial(2 ** 32 + 5)).toEqual(initial(5));
    expect(initial('-9223372036854775808')).toEqual(initial('9223372036854775808'));
    expect(initial(-1)).not.toEqual(initial(0));
  });

  it('round-trips through the URL without losing a digit', () => {
    const { config } = parseUrlConfigEnglish('?seed=12345678901234567890');
    const search = configToSearch(config);
    expect(search).toBe('?seed=12345678901234567890');
    expect(parseUrlConfigEnglish(search).config.seed).toBe('12345678901234567890');
  });
});

describe('hostile links', () => {
  it('treats script-like keys and values as text, quoted in the notice, and uses the defaults', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const query = new URLSearchParams({ batch: evil, [evil]: '1', lr: '<script>alert(1)</script>' });
    const { config, ignored } = parseUrlConfigEnglish(`?${query}`);
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(ignored).toContain(`unknown parameter "${evil}"`);
    expect(ignored.some((line) => line.startsWith(`batch=${evil}: Batch size must be`))).toBe(true);
    expect(ignored.some((line) => line.startsWith('lr=<script>alert(1)</script>: Learning rate'))).toBe(true);
  });

  it('cuts very long texts in the notice', () => {
    const { ignored } = parseUrlConfigEnglish(`?batch=${'9'.repeat(5000)}&${'k'.repeat(5000)}=1`);
    expect(ignored).toHaveLength(2);
    for (const line of ignored) expect(line.length).toBeLessThan(200);
    expect(ignored.join('\n')).toMatch(/…/);
  });

  it('survives broken percent-encoding, empty keys and a bare "?"', () => {
    for (const search of ['?%E0%A4%A', '?=1', '?&&&', '?batch', '?batch=%', '?%00=%00']) {
      const { config } = parseUrlConfigEnglish(search);
      expect(config, search).toEqual(DEFAULT_CONFIG);
    }
  });

  it('does not report the test-hook switch as an unknown parameter', () => {
    expect(parseUrlConfigEnglish('?testhooks=1').ignored).toEqual([]);
  });
});
