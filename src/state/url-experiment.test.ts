import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT_TEXT } from '../engine/experiment/spec';
import { parseLink } from './url';
import { experimentToSearch, readExperimentLink } from './url-experiment';

describe('an experiment in a link', () => {
  it('reads xb, xlr, xshuffle, xseeds, xtarget as the boxes text; xrun=1 starts it', () => {
    const link = readExperimentLink('?batch=3&xb=1,10&xlr=0.01,0.02&xshuffle=both&xseeds=4&xtarget=0.05&xrun=1');
    expect(link).toEqual({
      text: {
        batchSizes: '1,10',
        learningRates: '0.01,0.02',
        shuffle: 'both',
        seedsPerSetting: '4',
        targetLoss: '0.05',
      },
      named: true,
      run: true,
    });
  });

  it('a link without them names no experiment; xrun=0 or junk does not start one', () => {
    expect(readExperimentLink('?batch=3')).toEqual({ text: DEFAULT_EXPERIMENT_TEXT, named: false, run: false });
    expect(readExperimentLink('?xb=2&xrun=0').run).toBe(false);
    expect(readExperimentLink('?xb=2&xrun=yes').run).toBe(false);
    expect(readExperimentLink('?xrun=1').named).toBe(true);
  });

  it('keeps bad text as typed (the box says why), cut to 500 characters', () => {
    const link = readExperimentLink(`?xb=abc&xlr=${'1,'.repeat(400)}`);
    expect(link.text.batchSizes).toBe('abc');
    expect(link.text.learningRates).toHaveLength(500);
  });

  it('writes what differs from the defaults, keeps the other keys, and drops xrun unless asked', () => {
    const text = { ...DEFAULT_EXPERIMENT_TEXT, batchSizes: '1,2', shuffle: 'both' };
    expect(experimentToSearch(text, '?batch=5&xrun=1&xseeds=3')).toBe('?batch=5&xb=1%2C2&xshuffle=both');
    expect(experimentToSearch(DEFAULT_EXPERIMENT_TEXT, '?xb=1')).toBe('');
    expect(readExperimentLink(experimentToSearch(text, '', true))).toEqual({ text, named: true, run: true });
  });

  it('is not listed as unknown parameters by the run link', () => {
    expect(parseLink('?xb=1&xlr=0.1&xshuffle=on&xseeds=2&xtarget=1&xrun=1').ignored).toEqual([]);
  });
});
