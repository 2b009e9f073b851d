// The names at the ends of compared curves: often at the same place (converged losses), so stacked a
// line apart; never under the x axis or above the plot (a clipped curve ends off the scale).

/**
 * `ys` (pixels, any order) moved the least so that they are `lineHeight` apart, top to bottom, and
 * all within [top + lineHeight, bottom] (a label is drawn above its y): returned in the order given.
 */
export function stackLabels(ys: readonly number[], top: number, bottom: number, lineHeight: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const highest = top + lineHeight;
  for (let k = 0; k < order.length; k++) {
    const above = k > 0 ? order[k - 1].y + lineHeight : highest;
    order[k].y = Math.max(order[k].y, above);
  }
  // Pushed below the plot: the stack moves up from the bottom (while there is room).
  for (let k = order.length - 1; k >= 0; k--) {
    const below = k < order.length - 1 ? order[k + 1].y - lineHeight : bottom;
    order[k].y = Math.max(Math.min(order[k].y, below), Math.min(highest, bottom));
  }
  const out = new Array<number>(ys.length);
  for (const { y, i } of order) out[i] = y;
  return out;
}
