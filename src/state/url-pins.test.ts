import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { englishText } from '../i18n/message';
import { MAX_PINNED } from './pinned-runs';
import { parsePins, parsePresetNote, pinsToSearch, pinText, presetToSearch } from './url-pins';
import { parseLink } from './url';

const cfg = (patch: Partial<RunConfig>): RunConfig => ({ ...DEFAULT_CONFIG, ...patch });
const page = cfg({ batchSize: 10, backend: 'webgl', speed: 5 });

describe('pins in a link', () => {
  it('names the batch size, then what differs from the defaults, in the settings table order', () => {
    expect(pinText(cfg({}))).toBe('batch.3');
    expect(pinText(cfg({ batchSize: 1, learningRate: 0.05, shuffle: false, seed: 7 }))).toBe(
      'batch.1_shuffle.0_lr.0.05_seed.7',
    );
    // Speed and backend are the page's, never a pin's.
    expect(pinText(cfg({ speed: 20, backend: 'cpu' }))).toBe('batch.3');
    expect(pinsToSearch([cfg({ batchSize: 1 }), cfg({})], '?batch=10&pin=batch.7&xaxis=epoch')).toBe(
      '?batch=10&xaxis=epoch&pin=batch.1&pin=batch.3',
    );
    expect(pinsToSearch([], '?pin=batch.1')).toBe('');
  });

  it('round-trips: parse(write(pins)) gives the pins back, at full speed on the page backend', () => {
    const pinned = [
      cfg({ batchSize: 1 }),
      cfg({ learningRate: 1, epochs: 3, dropLast: true }),
      cfg({ dataset: 'sine', samples: 16, validationSplit: 0.25, model: 'mlp', hiddenUnits: 128, activation: 'relu' }),
      cfg({ replacement: true, seed: '18446744073709551615' }),
    ];
    const { pins, ignored } = parsePins(pinsToSearch(pinned, ''), page);
    expect(ignored).toEqual([]);
    expect(pins).toEqual(pinned.map((p) => ({ ...p, speed: 0, backend: 'webgl' })));
  });

  it('leaves out a bad pin whole and says why, keeping the good ones', () => {
    const search =
      '?pin=batch.1&pin=batch.abc&pin=batch.2_lr&pin=colour.red&pin=speed.0&pin=batch.2_lr.-1&pin=&pin=Batch.4';
    const { pins, ignored } = parsePins(search, page);
    expect(pins.map((p) => p.batchSize)).toEqual([1, 3, 4]);
    expect(ignored.map(englishText)).toEqual([
      'pin=batch.abc: batch=abc: Batch size must be a whole number from 1 to 2147483647.',
      'pin=batch.2_lr: not a list of key.value pairs joined by _ (pin=batch.1_lr.0.05)',
      'pin=colour.red: "colour" is not a setting of a run',
      "pin=speed.0: speed is not a pinned run's own: pinned runs train at full speed on the page's backend",
      'pin=batch.2_lr.-1: lr=-1: Learning rate must be a positive number.',
    ]);
  });

  it(`keeps at most ${MAX_PINNED}, and the link's notice lists the rest; pin is no unknown parameter`, () => {
    const search = `?${Array.from({ length: MAX_PINNED + 2 }, (_, i) => `pin=batch.${i + 1}`).join('&')}`;
    const { pins, ignored } = parsePins(search, page);
    expect(pins).toHaveLength(MAX_PINNED);
    expect(ignored.map(englishText)).toEqual([
      `pin=batch.6: at most ${MAX_PINNED} runs are pinned; this one is left out`,
      `pin=batch.7: at most ${MAX_PINNED} runs are pinned; this one is left out`,
    ]);
    expect(parseLink(search).ignored).toEqual([]);
  });
});

describe('preset= in a link', () => {
  it("names the preset whose note is shown; an unknown one is listed, and the link's other keys stay", () => {
    expect(parsePresetNote('?preset=batch-sizes').preset?.note).toBe('presets.note.batchSizes');
    expect(parsePresetNote('?batch=3')).toEqual({ preset: null, ignored: [] });
    const bad = parsePresetNote('?preset=nope');
    expect(bad.preset).toBeNull();
    expect(bad.ignored.map(englishText)).toEqual([
      'preset=nope: not a preset (tutorial, batch-sizes, shuffle, large-lr, full-batch, generalization)',
    ]);
    expect(parseLink('?preset=nope').ignored).toEqual([]);
    expect(presetToSearch('large-lr', '?lr=1&preset=shuffle&logy=1')).toBe('?lr=1&preset=large-lr&logy=1');
    expect(presetToSearch(null, '?preset=shuffle')).toBe('');
    expect(parsePresetNote(presetToSearch('shuffle', '?batch=2')).preset?.id).toBe('shuffle');
  });
});
