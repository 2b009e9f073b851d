// A training-log line as the log panel shows it. A batch of 65,536 samples makes a 500 KB line that
// no one can read and that costs the browser hundreds of milliseconds to lay out, so long batch
// lists are shortened on screen ("Batch [3, 8, 1, 7, …, 5] (65,536 samples)"); short lines — every
// line of the tutorial — are shown exactly as PyTorch prints them.
import { count } from './numbers';

export const MAX_SHOWN_LINE = 240;
const LISTED = 4;

/** The run's batch sizes: the size of a batch follows from its place in the epoch. */
export interface BatchSizes {
  batchSize: number;
  datasetSize: number;
}

const STEP = /^Epoch \[\d+\/\d+\], Step \[(\d+)\/(\d+)\]/;

/** Samples in the line's batch, from "Step [s/S]": B, or what is left for the last one. */
function samplesIn(text: string, sizes: BatchSizes): number | null {
  const m = STEP.exec(text);
  if (!m || sizes.batchSize <= 0 || sizes.datasetSize <= 0) return null;
  const [s, perEpoch] = [Number(m[1]), Number(m[2])];
  return s < perEpoch ? sizes.batchSize : Math.min(sizes.batchSize, sizes.datasetSize - (perEpoch - 1) * sizes.batchSize);
}

/** Shortens a long line; O(length of what is kept), never a scan of the whole 500 KB. */
export function shownLogLine(text: string, sizes: BatchSizes): string {
  if (text.length <= MAX_SHOWN_LINE) return text;
  const open = text.indexOf('Batch [');
  const close = text.lastIndexOf('], Loss:');
  if (open < 0 || close < open) return `${text.slice(0, MAX_SHOWN_LINE)}…`;
  let cut = open + 'Batch ['.length;
  for (let k = 0; k < LISTED && cut >= 0; k++) cut = text.indexOf(', ', cut + (k === 0 ? 0 : 2));
  if (cut < 0 || cut >= close) return text;
  const last = text.slice(text.lastIndexOf(', ', close) + 2, close);
  const samples = samplesIn(text, sizes);
  const note = samples === null ? '' : ` (${count(samples)} samples)`;
  return `${text.slice(0, cut)}, …, ${last}]${note}${text.slice(close + 1)}`;
}

// Each line is shortened once: the log re-renders many times a second.
const shown = new WeakMap<object, string>();

export function shownLogLineOf(line: { text: string }, sizes: BatchSizes): string {
  let text = shown.get(line);
  if (text === undefined) {
    text = shownLogLine(line.text, sizes);
    shown.set(line, text);
  }
  return text;
}
