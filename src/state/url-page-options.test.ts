import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import { configToSearch, viewToSearch } from './url';
import { parseUrlConfigEnglish, parsePageOptionsEnglish } from './url-english';

describe('parsePageOptions', () => {
  it('reads hide=, embed=, xaxis= and logy=', () => {
    const o = parsePageOptionsEnglish('?hide=lr,seed,%20Shuffle,backend&embed=1&xaxis=epoch&logy=1');
    expect([...o.hidden].sort()).toEqual(['backend', 'lr', 'seed', 'shuffle']);
    expect(o.embed).toBe(true);
    expect(o.xAxis).toBe('epoch');
    expect(o.logScale).toBe(true);
    expect(o.ignored).toEqual([]);
  });

  it('defaults without the keys', () => {
    const o = parsePageOptionsEnglish('');
    expect(o.hidden.size).toBe(0);
    expect(o.embed).toBe(false);
    expect(o.xAxis).toBe('step');
    expect(o.logScale).toBe(false);
    expect(o.order).toBeNull();
  });

  it('reads corder=drawn|sample, any case, and names a bad one', () => {
    expect(parsePageOptionsEnglish('?corder=sample').order).toBe('sample');
    expect(parsePageOptionsEnglish('?corder=Drawn').order).toBe('drawn');
    const bad = parsePageOptionsEnglish('?corder=random');
    expect(bad.order).toBeNull();
    expect(bad.ignored).toEqual(['corder=random: must be drawn or sample']);
    expect(parseUrlConfigEnglish('?corder=sample').ignored).toEqual([]);
  });

  it('names unknown controls and bad values', () => {
    const o = parsePageOptionsEnglish('?hide=lr,warp,,&embed=maybe&xaxis=time');
    expect([...o.hidden]).toEqual(['lr']);
    expect(o.ignored).toEqual([
      'hide: unknown control "warp"',
      'embed=maybe: must be 1 or 0',
      'xaxis=time: must be step or epoch',
    ]);
  });

  it('the page keys are not reported as unknown settings and survive a settings rewrite', () => {
    const search = '?hide=lr&embed=1&xaxis=epoch&logy=1&corder=sample';
    expect(parseUrlConfigEnglish(search).ignored).toEqual([]);
    const next = configToSearch({ ...DEFAULT_CONFIG, batchSize: 4 }, search);
    expect(next).toBe('?batch=4&hide=lr&embed=1&xaxis=epoch&logy=1&corder=sample');
  });
});

describe('viewToSearch', () => {
  it('writes non-default view options and drops defaults', () => {
    expect(viewToSearch({ xAxis: 'epoch', logScale: true, order: null }, '?batch=4')).toBe(
      '?batch=4&xaxis=epoch&logy=1',
    );
    expect(viewToSearch({ xAxis: 'step', logScale: false, order: null }, '?batch=4&xaxis=epoch&logy=1')).toBe(
      '?batch=4',
    );
  });

  it('writes the chosen order whichever it is, and keeps the run settings as they were', () => {
    const sample = viewToSearch({ xAxis: 'step', logScale: false, order: 'sample' }, '?n=100000&dataset=line');
    expect(sample).toBe('?n=100000&dataset=line&corder=sample');
    expect(viewToSearch({ xAxis: 'step', logScale: false, order: 'drawn' }, sample)).toBe(
      '?n=100000&dataset=line&corder=drawn',
    );
    expect(parseUrlConfigEnglish(sample).config).toEqual(parseUrlConfigEnglish('?n=100000&dataset=line').config);
  });
});
