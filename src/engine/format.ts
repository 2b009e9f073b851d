// The training log's line format — a public contract (README "Training log format"):
//   Epoch [1/10], Step [1/4], Batch [7, 2, 9], Loss: 41.2093
// It extends the tutorial's `print(f'Epoch [{epoch+1}/{num_epochs}], Loss: {loss.item():.4f}')`.

/**
 * Python's `f'{x:.{digits}f}'`. It rounds the exact binary value half-to-even, where JS toFixed
 * rounds exact ties away from zero (0.03125 → "0.0313", Python "0.0312"); it keeps the sign of
 * −0.0 and writes every digit of huge values, where toFixed switches to "1e+21".
 */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const magnitude = Math.abs(x);
  if (magnitude >= 1e21) {
    // Every double this large is an integer; BigInt writes it out exactly, as Python does.
    return `${sign}${BigInt(magnitude)}${digits > 0 ? '.' + '0'.repeat(digits) : ''}`;
  }
  // toFixed is exact to 100 places, and a tie at `digits` places is a short dyadic fraction.
  const exact = magnitude.toFixed(100);
  const dot = exact.indexOf('.');
  const isTie = /^50*$/.test(exact.slice(dot + 1 + digits));
  if (!isTie) return sign + magnitude.toFixed(digits);
  const truncated = exact.slice(0, dot + 1 + digits).replace(/\.$/, '');
  const lastDigitIsOdd = Number(truncated[truncated.length - 1]) % 2 === 1;
  return sign + (lastDigitIsOdd ? magnitude.toFixed(digits) : truncated);
}

export function formatBatch(batch: readonly number[]): string {
  return `[${batch.join(', ')}]`;
}

export function formatLogLine(
  epoch: number,
  epochs: number,
  stepInEpoch: number,
  stepsPerEpoch: number,
  batch: readonly number[] | string,
  loss: number,
): string {
  // A string is a batch already written out (the log shortens very large batches: state/log-line.ts).
  const batchText = typeof batch === 'string' ? batch : formatBatch(batch);
  return (
    `Epoch [${epoch}/${epochs}], Step [${stepInEpoch}/${stepsPerEpoch}], ` +
    `Batch ${batchText}, Loss: ${formatFixed(loss, 4)}`
  );
}

/** After each epoch of a run with a validation split: `Epoch [3/10], Validation loss: 0.4117`. */
export function formatValidationLine(epoch: number, epochs: number, loss: number): string {
  return `Epoch [${epoch}/${epochs}], Validation loss: ${formatFixed(loss, 4)}`;
}
