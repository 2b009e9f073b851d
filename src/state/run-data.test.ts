import { describe, expect, it } from 'vitest';
import { linearParamsAround, RunData } from './run-data';

describe('linearParamsAround', () => {
  const initial = { w: -0.0075, b: 0.5364 };
  const data = new RunData();
  // Parameters after steps 1 and 2.
  data.paramW.push(0.66);
  data.paramB.push(0.63);
  data.paramW.push(1.2);
  data.paramB.push(0.7);

  it("gives a step's parameters before its update (the initial ones for the first) and after it", () => {
    expect(linearParamsAround(data, initial, 0)).toEqual({ before: initial, after: { w: 0.66, b: 0.63 } });
    expect(linearParamsAround(data, initial, 1)).toEqual({ before: { w: 0.66, b: 0.63 }, after: { w: 1.2, b: 0.7 } });
  });

  it('knows nothing of a step not trained yet, nor of the first without initial parameters', () => {
    expect(linearParamsAround(data, initial, 2)).toEqual({ before: { w: 1.2, b: 0.7 }, after: null });
    expect(linearParamsAround(data, initial, 5)).toEqual({ before: null, after: null });
    expect(linearParamsAround(data, null, 0).before).toBeNull();
  });
});
