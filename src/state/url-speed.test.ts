import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import { configToPageSearch, linkChoosesSpeed, parseLink } from './url';

describe('speed= in a link: chosen or left to the page', () => {
  it('a link names its speed with speed=, also speed=0', () => {
    expect(linkChoosesSpeed('')).toBe(false);
    expect(linkChoosesSpeed('?batch=3')).toBe(false);
    expect(linkChoosesSpeed('?speed=0')).toBe(true);
    expect(linkChoosesSpeed('?batch=3&speed=5')).toBe(true);
    expect(parseLink('?speed=0').speedChosen).toBe(true);
    expect(parseLink('?batch=2').speedChosen).toBe(false);
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
