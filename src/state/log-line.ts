// The training-log line the store keeps for a step, and the one the log panel shows: the only
// shortening rule. Up to LOG_BATCH_LISTED samples it is exactly the line PyTorch prints; a larger
// batch is listed by its first four indices and its last, with the count. A batch of 65,536 would
// otherwise make a 500 KB string per step: a long run at N = 1,000,000 would hold hundreds of MB of
// log text that no one can read.
import { formatLogLine } from '../engine/format';

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
  if (!isShortened(batch.length))
    return formatLogLine(epoch, epochs, stepInEpoch, stepsPerEpoch, Array.from(batch), loss);
  const listed = `[${batch.slice(0, 4).join(', ')}, …, ${batch[batch.length - 1]}] (${count(batch.length)} samples)`;
  return formatLogLine(epoch, epochs, stepInEpoch, stepsPerEpoch, listed, loss);
}
