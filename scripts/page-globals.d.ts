// What scripts/bench.mjs reads back from the pages it drives (its page.evaluate callbacks run there).
interface Window {
  __bench?: { done: boolean };
  __perf: { longTasks: number[]; frames: number; t0?: number };
}
