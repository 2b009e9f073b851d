// The training-log line the store keeps for a step, and the one the log panel shows: the only
// shortening rule. Up to LOG_BATCH_LISTED samples it is exactly the line PyTorch prints; a larger
// batch is listed by its first four indices and its last, with the count. A batch of 65,536 would
// otherwise make a 500 KB string per step: a long run at N = 1,000,000 would hold hundreds of MB of
// log text that no one can read.
import { formatLogLine } from '../engine/format';
import type { LogLine } from './run-data';

export const LOG_BATCH_LISTED = 64;

const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Whether a batch of `samples` is listed by its first and last indices rather than in full. */
export const isShortened = (samples: number): boolean => samples > LOG_BATCH_LISTED;

export function logLineText(
  epoch: number,
  epochs: number,
  stepInEpoch: number,
  stepsPerEpoch: number,
  batch: readonly number[] | Int32Array,
  loss: number,
): string {
  return formatLogLine(epoch, epochs, stepInEpoch, stepsPerEpoch, listedBatch(batch), loss);
}

/** The batch as the line lists it: every index, or the first four, the last and the count. */
function listedBatch(batch: readonly number[] | Int32Array): number[] | string {
  if (!isShortened(batch.length)) return Array.from(batch);
  return `[${batch.slice(0, 4).join(', ')}, …, ${batch[batch.length - 1]}] (${count(batch.length)} samples)`;
}

/**
 * A step's line, its text made when first read (then kept): at full speed thousands of steps pass
 * between two redraws of the log, which shows only the newest, and formatting every loss as Python
 * does was a large part of handling the worker's messages. The batch is kept as listed, not as a
 * view: its epoch's order may be let go before the line is read.
 */
export function stepLogLine(step: number, ...fields: Parameters<typeof logLineText>): LogLine {
  const [epoch, epochs, stepInEpoch, stepsPerEpoch, batch, loss] = fields;
  const listed = listedBatch(batch);
  let text: string | undefined;
  const line = { step } as LogLine;
  // An own, enumerable property, so that the line reads (and compares) like a plain object.
  Object.defineProperty(line, 'text', {
    enumerable: true,
    get: () => (text ??= formatLogLine(epoch, epochs, stepInEpoch, stepsPerEpoch, listed, loss)),
  });
  if (typeof listed === 'string') line.shortened = true;
  return line;
}
