import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import { PRESETS, presetConfigs } from './presets';

const preset = (id: string) => PRESETS.find((p) => p.id === id)!;
const speeds = (id: string, speed: number, chosen: boolean) =>
  presetConfigs(preset(id), { ...DEFAULT_CONFIG, speed }, chosen).map((c) => c.speed);

describe("a preset's speed", () => {
  it('follows each run when nobody chose one: 5 steps/s for the batch sizes, full speed for 1,500 epochs', () => {
    expect(speeds('batch-sizes', 5, false)).toEqual([5, 5, 5]);
    expect(speeds('generalization', 5, false)).toEqual([0]);
  });

  it('keeps a chosen speed for every run', () => {
    expect(speeds('batch-sizes', 0, true)).toEqual([0, 0, 0]);
    expect(speeds('generalization', 20, true)).toEqual([20]);
  });
});
