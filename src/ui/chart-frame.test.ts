import { describe, expect, it } from 'vitest';
import { FRAME, frameFor } from './ChartAxes';

describe('frameFor', () => {
  it('keeps the 640-unit design until it is measured and wherever the panel is wide enough', () => {
    expect(frameFor(0)).toBe(FRAME);
    expect(frameFor(Number.NaN)).toBe(FRAME);
    expect(frameFor(544)).toBe(FRAME); // 544 / 0.85 = 640
    expect(frameFor(2000)).toBe(FRAME);
  });

  it('narrows the viewBox on a phone so that 14-unit text stays at least 0.85 × 14 ≈ 12 px', () => {
    const frame = frameFor(290);
    expect(frame.width).toBe(341);
    expect(290 / frame.width).toBeGreaterThanOrEqual(0.85);
    expect(frame.height).toBe(FRAME.height);
    expect({ ...frame, width: FRAME.width }).toEqual(FRAME);
  });

  it('never narrower than 300 units: the plot keeps room for its ticks', () => {
    expect(frameFor(120).width).toBe(300);
  });

  it('raises the floor with the type scale: projector mode (24 px type, scale 1.375) keeps the text at 16 px and more', () => {
    const frame = frameFor(690, 1.375);
    expect(frame.width).toBe(590); // 690 / (0.85 × 1.375)
    expect((690 / frame.width) * 14).toBeGreaterThanOrEqual(16);
    expect(frameFor(690, 1)).toBe(FRAME); // the same panel at laptop type keeps the design
    expect(frameFor(2000, 2.4)).toBe(FRAME); // wide enough at any type
  });
});
