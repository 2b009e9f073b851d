import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import { PRESETS, presetConfigs } from './presets';

const preset = (id: string) => PRESETS.find((p) => p.id === id)!;
const speeds = (id: string, speed: number, chosen: boolean) =>
  presetConfigs(preset(id), { ...DEFAULT_CONFIG, speed }, chosen).map((c) => c.speed);

describe("a preset's speed", () => {
  it('trains the runs it compares against at full speed, the live one as its size says when nobody chose a speed', () => {
    expect(speeds('batch-sizes', 5, false)).toEqual([0, 0, 5]);
    expect(speeds('generalization', 5, false)).toEqual([0]);
  });

  it('keeps a chosen speed for the live run', () => {
    expect(speeds('batch-sizes', 0, true)).toEqual([0, 0, 0]);
    expect(speeds('batch-sizes', 20, true)).toEqual([0, 0, 20]);
    expect(speeds('generalization', 20, true)).toEqual([20]);
  });
});
