import { describe, expect, it } from 'vitest';
import { mlpPredictor } from './mlp-curve';

describe('mlpPredictor', () => {
  it('computes b2 + Σ w2·act(w1·x + b1) in state_dict order', () => {
    // h = 2: w1 = [1, -2], b1 = [0.5, 1], w2 = [3, 4], b2 = -1
    const params = [1, -2, 0.5, 1, 3, 4, -1];
    const relu = mlpPredictor(params, 2, 'relu');
    expect(relu(1)).toBeCloseTo(-1 + 3 * 1.5 + 4 * 0);
    expect(relu(-1)).toBeCloseTo(-1 + 0 + 4 * 3);
    expect(mlpPredictor(params, 2, 'tanh')(0)).toBeCloseTo(-1 + 3 * Math.tanh(0.5) + 4 * Math.tanh(1));
    expect(mlpPredictor(params, 2, 'sigmoid')(0)).toBeCloseTo(-1 + 3 / (1 + Math.exp(-0.5)) + 4 / (1 + Math.exp(-1)));
  });
});
