import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * A view may keep the page's thread busy at most this share of the time at full speed: after a
 * redraw that took `took` ms the next waits at least `took / MAX_BUSY_SHARE - took`. On a fast
 * machine the period governs (~66 ms); on a slow one (a classroom laptop, the bench's 4× CPU
 * throttling) the views redraw less often rather than leave no time for frames and input.
 */
export const MAX_BUSY_SHARE = 0.25;

/** Milliseconds from one redraw's start to the next one's at the earliest. */
export function redrawGap(ms: number, took: number): number {
  return Math.max(ms, took / MAX_BUSY_SHARE);
}

/**
 * `value`, but changing at most every `ms` milliseconds unless `immediate`. The loss chart and the
 * log are the costly views (SVG, hundreds of lines); at full speed they follow at ~15 Hz while the
 * status and the canvas follow every message.
 *
 * A true throttle: one timer per period, started by the first change and kept while more arrive
 * (at full speed the worker's messages come in bursts: clearing the timer on each change, or
 * rendering in a transition that each message restarts, left the views still until the run
 * stopped). When it fires it renders the latest value at once (flushSync), in the timer's own task:
 * left to React's scheduler, the updates of all the instances whose timers had fired were batched
 * into one long render. `phase` is the wait for a redraw that no period holds back (the first after
 * a quiet spell, a catch-up), so that instances with the same period take turns (chart, log, other
 * views) instead of running back to back.
 *
 * When full speed stops (a run finishes or pauses) the views catch up the same way, in turn, and
 * only once caught up follow `value` directly (slow motion, stepping: one step's drawing per change).
 * `caughtUp` says whether `shown` is `value`.
 */
export function useThrottled<T>(value: T, ms: number, immediate: boolean, phase = 0): { shown: T; caughtUp: boolean } {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastShown = useRef(0);
  const gap = useRef(ms);
  // Whether the last commit followed `value` directly. Only then may this one: when full speed
  // stops, a view that happened to be caught up must still redraw from its timer, in its own task,
  // not with all the others in the render that says the run stopped.
  const followed = useRef(true);

  useEffect(() => {
    latest.current = value;
    if (timer.current !== null) return; // the period's timer shows it
    const due = lastShown.current + (immediate ? ms : gap.current) - performance.now();
    const wait = immediate || due <= 0 ? phase : due;
    timer.current = setTimeout(() => {
      timer.current = null;
      const start = performance.now();
      lastShown.current = start;
      flushSync(() => setShown(latest.current));
      gap.current = redrawGap(ms, performance.now() - start);
    }, wait);
  }, [value, ms, immediate, phase]);

  useEffect(
    () => () => {
      // Forgotten too, not only cleared: StrictMode's second mount must start a timer of its own.
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );

  const current = immediate && followed.current ? value : shown;
  const caughtUp = current === value;
  useLayoutEffect(() => {
    followed.current = immediate && caughtUp;
  });
  return { shown: current, caughtUp };
}
