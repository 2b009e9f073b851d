import { describe, expect, it } from 'vitest';
import { fitStepsSamples, type TradeoffPoint } from './steps-tradeoff';

/** Points on S = S_min(1 + B_crit/B), E = S·B, optionally scaled by factors. */
function onCurve(sMin: number, eMin: number, batchSizes: number[], noise: number[] = []): TradeoffPoint[] {
  return batchSizes.map((b, i) => {
    const steps = (sMin + eMin / b) * (noise[i] ?? 1);
    return { steps, samples: steps * b };
  });
}

describe('fitStepsSamples', () => {
  it('recovers S_min, E_min and B_crit = E_min/S_min from exact points', () => {
    const fit = fitStepsSamples(onCurve(20, 100, [1, 2, 3, 5, 10]))!;
    expect(fit.sMin).toBeCloseTo(20, 6);
    expect(fit.eMin).toBeCloseTo(100, 5);
    expect(fit.bCrit).toBeCloseTo(5, 6);
    expect(fit.rmsLogResidual).toBeLessThan(1e-9);
    // The curve is the trade-off itself: (S/S_min − 1)(E/E_min − 1) = 1 at every point.
    expect(fit.curve).toHaveLength(64);
    expect(fit.curve[0].batchSize).toBeCloseTo(1, 12);
    expect(fit.curve.at(-1)!.batchSize).toBeCloseTo(10, 12);
    for (const p of fit.curve) expect((p.steps / fit.sMin - 1) * (p.samples / fit.eMin - 1)).toBeCloseTo(1, 9);
  });

  it('fits two points exactly, and spans a given range', () => {
    const fit = fitStepsSamples(onCurve(300, 40, [4, 64]), [1, 1000])!;
    expect(fit.sMin).toBeCloseTo(300, 5);
    expect(fit.bCrit).toBeCloseTo(40 / 300, 8);
    expect(fit.curve[0].batchSize).toBeCloseTo(1, 9);
    expect(fit.curve.at(-1)!.batchSize).toBeCloseTo(1000, 9);
  });

  it('comes close with noisy points (±5% on the steps)', () => {
    const noise = [1.05, 0.96, 1.03, 0.95, 1.04, 0.98, 1.02];
    const fit = fitStepsSamples(onCurve(50, 2000, [1, 4, 16, 64, 256, 1024, 4096], noise))!;
    expect(fit.sMin / 50).toBeGreaterThan(0.9);
    expect(fit.sMin / 50).toBeLessThan(1.1);
    expect(fit.bCrit / 40).toBeGreaterThan(0.85);
    expect(fit.bCrit / 40).toBeLessThan(1.15);
    expect(fit.rmsLogResidual).toBeGreaterThan(0.01);
    expect(fit.rmsLogResidual).toBeLessThan(0.06);
  });

  it('gives no fit for fewer than 2 usable points, one batch size, or points with no critical batch size', () => {
    expect(fitStepsSamples([])).toBeNull();
    expect(fitStepsSamples(onCurve(20, 100, [3]))).toBeNull();
    expect(fitStepsSamples([...onCurve(20, 100, [3]), { steps: Infinity, samples: Infinity }])).toBeNull();
    expect(
      fitStepsSamples([
        { steps: 10, samples: 20 },
        { steps: 12, samples: 24 },
      ]),
    ).toBeNull();
    // Steps that do not fall with B (B_crit → 0), and steps ∝ 1/B throughout (B_crit → ∞).
    expect(fitStepsSamples([1, 10, 100].map((b) => ({ steps: 50, samples: 50 * b })))).toBeNull();
    expect(fitStepsSamples([1, 10, 100].map((b) => ({ steps: 1000 / b, samples: 1000 })))).toBeNull();
  });
});
