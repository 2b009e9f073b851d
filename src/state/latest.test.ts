import { describe, expect, it } from 'vitest';
import { Latest } from './latest';

describe('Latest', () => {
  it('tells its listeners of a new value, once per change, and not after they unsubscribe', () => {
    const latest = new Latest({ steps: 0 });
    const seen: number[] = [];
    const unsubscribe = latest.subscribe(() => seen.push(latest.get().steps));
    latest.set({ steps: 1 });
    const same = latest.get();
    latest.set(same); // the same value: nothing to redraw
    latest.set({ steps: 2 });
    unsubscribe();
    latest.set({ steps: 3 });
    expect(seen).toEqual([1, 2]);
    expect(latest.get().steps).toBe(3);
  });
});
