import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import { configToPageSearch, parseLink } from './url';

describe('speed= in a link: chosen or left to the page', () => {
  it('a link names its speed with speed=, also speed=0', () => {
    expect(parseLink('').speedChosen).toBe(false);
    expect(parseLink('?batch=3&speed=5').speedChosen).toBe(true);
    expect(parseLink('?speed=0').speedChosen).toBe(true);
    expect(parseLink('?batch=2').speedChosen).toBe(false);
  });

  it('a speed= the settings refuse chooses nothing: it is listed as not used, and the page picks the speed', () => {
    for (const search of ['?speed=abc', '?speed=-1', '?speed=']) {
      const link = parseLink(search);
      expect(link.speedChosen, search).toBe(false);
      expect(link.ignored.length, search).toBeGreaterThan(0);
    }
    expect(parseLink('?speed=20').speedChosen).toBe(true);
  });

  it('a chosen speed is written even at its default; one nobody chose is left out', () => {
    expect(configToPageSearch({ ...DEFAULT_CONFIG, speed: 0 }, '', true)).toBe('?speed=0');
    expect(configToPageSearch({ ...DEFAULT_CONFIG, batchSize: 2, speed: 5 }, '?lang=en', true)).toBe(
      '?batch=2&speed=5&lang=en',
    );
    expect(configToPageSearch({ ...DEFAULT_CONFIG, batchSize: 2, speed: 5 }, '?lang=en', false)).toBe(
      '?batch=2&lang=en',
    );
    expect(configToPageSearch({ ...DEFAULT_CONFIG, speed: 5 }, '', false)).toBe('');
  });
});
