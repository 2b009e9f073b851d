import { describe, expect, it } from 'vitest';
import { ViewStore } from './view-store';

describe('the view store', () => {
  it('takes the order from the link and says every change of it, with the axis and scale, for the link', () => {
    const heard: unknown[] = [];
    const store = new ViewStore({ order: 'sample' }, (view) => heard.push(view));
    expect(store.getSnapshot().order).toBe('sample');
    store.setOrder('sample');
    expect(heard).toEqual([]);
    store.setOrder('drawn');
    store.setLogScale(true);
    expect(heard).toEqual([
      { xAxis: 'step', logScale: false, order: 'drawn' },
      { xAxis: 'step', logScale: true, order: 'drawn' },
    ]);
  });

  it('leaves the order to the chart when the link does not say it', () => {
    const heard: unknown[] = [];
    const store = new ViewStore({}, (view) => heard.push(view));
    expect(store.getSnapshot().order).toBeNull();
    store.setXAxis('epoch');
    expect(heard).toEqual([{ xAxis: 'epoch', logScale: false, order: null }]);
  });
});
