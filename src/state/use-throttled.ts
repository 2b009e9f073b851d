import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/**
 * `value`, but changing at most every `ms` milliseconds unless `immediate`. The loss chart and the
 * log are the costly views (SVG, 1,000 lines); at full speed they follow at ~15 Hz while the status
 * and the canvas follow every message.
 *
 * A true throttle: one timer per period, started by the first change and kept while more arrive
 * (at full speed the worker's messages come in bursts: clearing the timer on each change, or
 * rendering in a transition that each message restarts, left the views still until the run
 * stopped). When it fires it shows the latest value, in a task of its own, so the log and the chart
 * (two instances) redraw in two tasks instead of one long one.
 *
 * When full speed stops (a run finishes or pauses) the views catch up the same way, and only once
 * caught up follow `value` directly (slow motion, stepping: one step's drawing per change).
 * `caughtUp` says whether `shown` is `value`.
 */
export function useThrottled<T>(value: T, ms: number, immediate: boolean): { shown: T; caughtUp: boolean } {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastShown = useRef(0);
  // Whether the last commit showed the value it was given: only then may the views follow `value`
  // directly.
  const wasCaughtUp = useRef(true);

  useEffect(() => {
    latest.current = value;
    if (timer.current !== null) return; // the period's timer shows it
    const wait = immediate ? 0 : Math.max(0, lastShown.current + ms - performance.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      lastShown.current = performance.now();
      setShown(latest.current);
    }, wait);
  }, [value, ms, immediate]);

  useEffect(
    () => () => {
      // Forgotten too, not only cleared: StrictMode's second mount must start a timer of its own.
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );

  const current = immediate && wasCaughtUp.current ? value : shown;
  const caughtUp = current === value;
  useLayoutEffect(() => {
    wasCaughtUp.current = caughtUp;
  });
  return { shown: current, caughtUp };
}
