// One value that changes over time, and the components that follow it. It hands new data to a part
// of a memoised tree without rendering the tree again: the loss chart's curves follow the run while
// recharts' chart, axes and legend (a large part of a redraw when re-rendered) stay as they are.
import { useSyncExternalStore } from 'react';

export class Latest<T> {
  private readonly listeners = new Set<() => void>();

  constructor(private value: T) {}

  get = (): T => this.value;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(value: T): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const listener of this.listeners) listener();
  }
}

export function useLatest<T>(latest: Latest<T>): T {
  return useSyncExternalStore(latest.subscribe, latest.get);
}
