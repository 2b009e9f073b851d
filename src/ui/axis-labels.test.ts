import { describe, expect, it } from 'vitest';
import { xLabelsThatFit } from './axis-labels';

const at = (values: number[], left: number, step: number) => values.map((value, i) => ({ value, x: left + i * step }));

describe('x-axis labels that fit', () => {
  it('keeps every label when there is room, centred, and the last one too when it fits before the edge', () => {
    // 0 … 8,000 on a 312 px plot at 16.2 px type: "2000" is ~41 px, the ticks 78 px apart.
    const kept = xLabelsThatFit(at([0, 2000, 4000, 6000, 8000], 100, 78), 16.2, 100 + 312 + 30);
    expect(kept.map((l) => l.value)).toEqual([0, 2000, 4000, 6000, 8000]);
    expect(kept.every((l) => l.anchor === 'middle')).toBe(true);
  });

  it('ends the last label at its tick when centring it would pass the chart edge', () => {
    const kept = xLabelsThatFit(at([0, 2000, 4000, 6000, 8000], 100, 78), 16.2, 100 + 312 + 10);
    expect(kept.at(-1)).toEqual({ value: 8000, x: 412, anchor: 'end' });
    expect(kept).toHaveLength(5);
  });

  it("on a narrow plot drops labels that would collide, keeping the last (as recharts' preserveEnd)", () => {
    // 0, 20, … 120 on a 210 px phone plot: 35 px apart, "100" and "120" are ~31 px each.
    const kept = xLabelsThatFit(at([0, 20, 40, 60, 80, 100, 120], 60, 35), 16.2, 60 + 210 + 16);
    expect(kept.at(-1)?.value).toBe(120);
    expect(kept.map((l) => l.value)).not.toContain(100);
    // No two kept labels overlap, reading each one's width from its length.
    const boxes = kept.map((l) => {
      const width = String(l.value).length * 0.64 * 16.2;
      return l.anchor === 'end' ? [l.x - width, l.x] : [l.x - width / 2, l.x + width / 2];
    });
    for (let i = 1; i < boxes.length; i++) expect(boxes[i][0]).toBeGreaterThan(boxes[i - 1][1]);
  });
});
