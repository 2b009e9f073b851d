import { useSyncExternalStore } from 'react';
import type { RunSnapshot, RunStore } from './run-store';

/** The store's latest snapshot; re-renders at most once per animation frame. */
export function useRunSnapshot(store: RunStore): RunSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** One field of the store's latest snapshot: re-renders only when that field changes. */
export function useRunField<K extends keyof RunSnapshot>(store: RunStore, field: K): RunSnapshot[K] {
  return useSyncExternalStore(store.subscribe, () => store.getSnapshot()[field]);
}
