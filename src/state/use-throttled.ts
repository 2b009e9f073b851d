import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * `value`, but changing at most every `ms` milliseconds unless `immediate`. The loss chart and the
 * log are the costly views (SVG, 1,000 lines); at full speed they follow at ~15 Hz while the status
 * and the canvas follow every frame, and the moment a run stops they show its final state.
 */
export function useThrottled<T>(value: T, ms: number, immediate: boolean): T {
  const [shown, setShown] = useState(value);
  const lastShown = useRef(0);

  useEffect(() => {
    const show = () => {
      lastShown.current = performance.now();
      // A transition: React renders the costly views in slices of a few ms, yielding to input and
      // to the every-frame views in between, instead of one long task (recharts' SVG takes ~50 ms).
      startTransition(() => setShown(value));
    };
    if (immediate) {
      show();
      return;
    }
    // Always a task of its own, never inside the frame that rendered `value`: the costly views and
    // the every-frame ones then make two short tasks instead of one long one.
    const timer = setTimeout(show, Math.max(0, lastShown.current + ms - performance.now()));
    return () => clearTimeout(timer);
  }, [value, ms, immediate]);

  return immediate ? value : shown;
}
