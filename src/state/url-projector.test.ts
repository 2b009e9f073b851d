import { describe, expect, it } from 'vitest';
import { configToSearch, parseProjector, projectorToSearch } from './url';
import { DEFAULT_CONFIG } from '../engine/config';
import { parseUrlConfigEnglish } from './url-english';

describe('projector view option in the URL', () => {
  it('is on for projector=1 or true and off otherwise', () => {
    expect(parseProjector('?projector=1')).toBe(true);
    expect(parseProjector('?batch=2&projector=true')).toBe(true);
    expect(parseProjector('?projector=0')).toBe(false);
    expect(parseProjector('?projector=yes')).toBe(false);
    expect(parseProjector('')).toBe(false);
  });

  it('is not a RunConfig setting and not reported as an unknown parameter', () => {
    const { config, ignored } = parseUrlConfigEnglish('?projector=1&batch=2');
    expect(ignored).toEqual([]);
    expect(config).toEqual({ ...DEFAULT_CONFIG, batchSize: 2 });
  });

  it('is written and removed without touching the other parameters, and survives config writes', () => {
    expect(projectorToSearch(true, '?batch=2')).toBe('?batch=2&projector=1');
    expect(projectorToSearch(true, '?projector=1')).toBe('?projector=1');
    expect(projectorToSearch(false, '?batch=2&projector=1&seed=4')).toBe('?batch=2&seed=4');
    expect(projectorToSearch(false, '?projector=1')).toBe('');
    expect(configToSearch({ ...DEFAULT_CONFIG, batchSize: 5 }, '?batch=2&projector=1')).toBe('?batch=5&projector=1');
  });
});
