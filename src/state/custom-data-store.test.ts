import { describe, expect, it } from 'vitest';
import { parseCsvData } from '../engine/csv-data';
import { CUSTOM_DATA_KEY, loadCustomData, saveCustomData } from './custom-data-store';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

describe('custom data in storage', () => {
  it('round-trips the float32 columns exactly', () => {
    const r = parseCsvData('0.1,1e-30\n-3.4e38,2\n5,6');
    if (!r.ok) throw new Error(r.problem.key);
    const storage = memoryStorage();
    expect(saveCustomData(r.data, storage)).toBe(true);
    const back = loadCustomData(storage)!;
    expect(Array.from(back.x)).toEqual(Array.from(r.data.x));
    expect(Array.from(back.y)).toEqual(Array.from(r.data.y));
  });

  it('is null when missing, corrupt or unavailable, and false when storage refuses', () => {
    const storage = memoryStorage();
    expect(loadCustomData(storage)).toBeNull();
    storage.items.set(CUSTOM_DATA_KEY, '{"v":1,"n":3,"data":"AAAA"}');
    expect(loadCustomData(storage)).toBeNull();
    expect(loadCustomData(null)).toBeNull();
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(saveCustomData({ x: new Float32Array(1), y: new Float32Array(1) }, full)).toBe(false);
  });
});
