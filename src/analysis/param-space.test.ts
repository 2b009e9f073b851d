import { describe, expect, it } from 'vitest';
import { dataMoments, fullLoss, optimum } from './linear-loss';
import { contourLevels, levelEllipse, paramBox, stepArrows } from './param-space';
import { evenIndices, evenPick } from './sampling';

const xs = Array.from({ length: 10 }, (_, i) => i + 1);
const tutorial = dataMoments(
  xs,
  xs.map((x) => 2 * x),
);

describe('parameter space', () => {
  it('draws level sets on which the loss really is the level', () => {
    const best = optimum(tutorial)!;
    for (const level of [0.1, 5, 120]) {
      const ring = levelEllipse(tutorial, best, level);
      expect(ring.length).toBe(121);
      for (const p of ring) expect(fullLoss(tutorial, p.w, p.b)).toBeCloseTo(level, 6);
    }
    expect(levelEllipse(tutorial, best, 0)).toEqual([]);
  });

  it('spaces contour levels geometrically between the lowest and highest loss in the window', () => {
    const box = paramBox(
      [
        { w: -0.0075, b: 0.5364 },
        { w: 2, b: 0.01 },
      ],
      { w: 2, b: 0 },
    );
    const levels = contourLevels(tutorial, box, 8);
    expect(levels).toHaveLength(8);
    for (let k = 1; k < levels.length; k++) expect(levels[k] / levels[k - 1]).toBeCloseTo(levels[1] / levels[0], 9);
    const corners = [fullLoss(tutorial, box.wMin, box.bMin), fullLoss(tutorial, box.wMax, box.bMax)];
    expect(levels[7]).toBeLessThan(Math.max(...corners));
  });

  it('frames the path and the minimum, padded, and ignores a path that has run off to infinity', () => {
    const box = paramBox(
      [
        { w: 0, b: 0.5 },
        { w: 1, b: 0.2 },
        { w: 1e30, b: -1e30 },
        { w: Number.NaN, b: 0 },
      ],
      { w: 2, b: 0 },
    );
    expect(box.wMin).toBeLessThan(0);
    expect(box.wMax).toBeGreaterThan(2);
    expect(box.wMax).toBeLessThan(10);
    expect(box.bMin).toBeLessThan(0);
    expect(box.bMax).toBeGreaterThan(0.5);
  });

  it('gives the batch step as after − before and the full step as −lr·∇L', () => {
    const arrows = stepArrows(tutorial, { w: 0, b: 0 }, { w: 1, b: 0.1 }, 0.01);
    expect(arrows.batch).toEqual({ w: 1, b: 0.1 });
    // ∇L(0, 0) = [−2·E[xy], −2·E[y]] = [−154, −22]
    expect(arrows.full.w).toBeCloseTo(1.54, 12);
    expect(arrows.full.b).toBeCloseTo(0.22, 12);
  });
});

describe('even sampling', () => {
  it('keeps everything below the limit, and the ends above it', () => {
    expect(evenIndices(3, 5)).toEqual([0, 1, 2]);
    expect(evenIndices(1_000_000, 3)).toEqual([0, 500_000, 999_999]);
    expect(evenIndices(0, 3)).toEqual([]);
    expect(evenPick(Int32Array.from([9, 8, 7, 6, 5]), 2)).toEqual([9, 5]);
  });
});
