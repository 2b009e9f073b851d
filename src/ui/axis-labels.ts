// Which x-axis tick labels to draw, from their lengths: recharts measures each label in the DOM to
// decide, which is what the loss chart's own axes (LossAxes) avoid. DOM-free, unit-tested.
import { tickLabel } from '../analysis/ticks';

/** Digits and the exponent letter are about this wide, in ems (DejaVu Sans, the page's fallback). */
const CHAR_EM = 0.64;
/** The least room between two x labels, in pixels. */
const LABEL_GAP = 6;

/**
 * The x labels to draw: all that fit, the last one kept (and ending at the chart's right edge if it
 * would pass it), as recharts' default 'preserveEnd' does — but from the labels' lengths, not the DOM.
 */
export function xLabelsThatFit(
  positions: readonly { value: number; x: number }[],
  fontPx: number,
  rightEdge: number,
): { value: number; x: number; anchor: 'middle' | 'end' }[] {
  const kept: { value: number; x: number; anchor: 'middle' | 'end' }[] = [];
  let leftOfKept = Infinity;
  for (let i = positions.length - 1; i >= 0; i--) {
    const { value, x } = positions[i];
    const width = tickLabel(value).length * CHAR_EM * fontPx;
    const anchor = i === positions.length - 1 && x + width / 2 > rightEdge ? 'end' : 'middle';
    const right = anchor === 'end' ? x : x + width / 2;
    if (right + LABEL_GAP > leftOfKept) continue;
    kept.unshift({ value, x, anchor });
    leftOfKept = anchor === 'end' ? x - width : x - width / 2;
  }
  return kept;
}
