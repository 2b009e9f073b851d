import type { RunData } from './run-data';
import { DivergenceWatch, windowFor, type Divergence } from './divergence';

// One watch per run (RunData identity); it only ever scans the steps it has not seen.
const watches = new WeakMap<RunData, DivergenceWatch>();

/** Whether the run's losses so far show divergence; cheap to call on every frame. */
export function useDivergence(data: RunData, stepsDone: number, stepsPerEpoch: number): Divergence | null {
  if (stepsDone === 0) return null;
  let watch = watches.get(data);
  if (!watch) {
    watch = new DivergenceWatch(windowFor(stepsPerEpoch));
    watches.set(data, watch);
  }
  return watch.scan(data.stepLoss.view(), stepsDone);
}
