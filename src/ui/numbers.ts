import { formatFixed } from '../engine/format';

/** Four decimals as Python's `:.4f` prints them (the log's and the exported script's format). */
export const fourDecimals = (x: number): string => formatFixed(x, 4);

/** Beyond these, four decimals stop being readable: 29 digits, or 0.0000 for a value that is not 0. */
const HUGE = 1e6;
const TINY = 1e-4;

/**
 * A value shown to a class (status, panels, tooltips, tables): four decimals as the log prints them
 * while they read well, else scientific notation with five significant digits — 2.0884e+28, 3.1416e-7.
 * The log itself keeps PyTorch's `:.4f` (engine/format.ts): it is PyTorch's output, not ours.
 */
export function readable(x: number): string {
  return nonFinite(x) ?? (isExtreme(x) ? x.toExponential(4) : fourDecimals(x));
}

/** The same rule with a few significant digits in the readable range (noise figures, sweep table). */
export function significant(x: number, digits = 4): string {
  return nonFinite(x) ?? (isExtreme(x) ? x.toExponential(4) : String(Number(x.toPrecision(digits))));
}

function isExtreme(x: number): boolean {
  const magnitude = Math.abs(x);
  return magnitude >= HUGE || (magnitude > 0 && magnitude < TINY);
}

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return 'NaN';
  return Number.isFinite(x) ? null : x > 0 ? 'Infinity' : '-Infinity';
}

/** Thousands separators for counts shown to a class ("1,000"), whatever the browser's locale. */
export const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A line y = w·x + b in readable numbers, with a true minus sign before a negative intercept. */
export function lineText(w: number, b: number): string {
  return `y = ${readable(w)}·x ${b < 0 || Object.is(b, -0) ? '−' : '+'} ${readable(Math.abs(b))}`;
}
