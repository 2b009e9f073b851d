// The training-log line the store keeps for a step. Up to LOG_BATCH_LISTED samples it is exactly the
// line PyTorch prints; a larger batch is listed by its first four indices and its last, with the
// count. A batch of 65,536 would otherwise make a 500 KB string per step — 1,600 steps of N =
// 1,000,000 held 900 MB of log text that no one can read.
import { formatLogLine } from '../engine/format';

export const LOG_BATCH_LISTED = 64;

const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function logLineText(
  epoch: number,
  epochs: number,
  stepInEpoch: number,
  stepsPerEpoch: number,
  batch: readonly number[],
  loss: number,
): string {
  if (batch.length <= LOG_BATCH_LISTED) return formatLogLine(epoch, epochs, stepInEpoch, stepsPerEpoch, batch, loss);
  const listed = `[${batch.slice(0, 4).join(', ')}, …, ${batch[batch.length - 1]}] (${count(batch.length)} samples)`;
  return formatLogLine(epoch, epochs, stepInEpoch, stepsPerEpoch, listed, loss);
}
