// Which of many items to draw. Evenly spaced picks keep the first and the last, need no random
// numbers (the same run draws the same points every time) and cost O(max), not O(n).

/** Up to `max` indices in [0, n), evenly spaced, first and last included. */
export function evenIndices(n: number, max: number): number[] {
  if (n <= 0 || max <= 0) return [];
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  if (max === 1) return [n - 1];
  return Array.from({ length: max }, (_, k) => Math.round((k * (n - 1)) / (max - 1)));
}

/** Up to `max` of `items`, evenly spaced. */
export function evenPick<T extends ArrayLike<number>>(items: T, max: number): number[] {
  return evenIndices(items.length, max).map((i) => items[i]);
}
