import { formatFixed } from '../engine/format';

/** Four decimals as Python's `:.4f` prints them (the log's and the exported script's format). */
export const fourDecimals = (x: number): string => formatFixed(x, 4);

/** Thousands separators for counts shown to a class ("1,000"), whatever the browser's locale. */
export const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
