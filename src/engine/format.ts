// The training log's line format — a public contract (README "Training log format"):
//   Epoch [1/10], Step [1/4], Batch [7, 2, 9], Loss: 41.2093
// It extends the tutorial's `print(f'Epoch [{epoch+1}/{num_epochs}], Loss: {loss.item():.4f}')`.

/**
 * Python's `f'{x:.4f}'`: rounds the exact binary value half-to-even. JS toFixed rounds exact ties
 * up (0.03125 → "0.0313" where Python prints "0.0312"), so ties are settled here.
 */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const exact = Math.abs(x).toFixed(100); // exact for every double of practical magnitude
  const dot = exact.indexOf('.');
  const tail = exact.slice(dot + 1 + digits);
  const isTie = /^50*$/.test(tail);
  if (!isTie) return x.toFixed(digits);
  const kept = exact.slice(0, dot + 1 + digits).replace(/\.$/, '');
  const lastDigit = Number(kept[kept.length - 1]);
  const roundedUp = lastDigit % 2 === 1;
  const magnitude = roundedUp ? (Math.abs(x) + 10 ** -digits / 2).toFixed(digits) : kept;
  return (x < 0 ? '-' : '') + magnitude;
}

export function formatBatch(batch: readonly number[]): string {
  return `[${batch.join(', ')}]`;
}

export function formatLogLine(
  epoch: number,
  epochs: number,
  stepInEpoch: number,
  stepsPerEpoch: number,
  batch: readonly number[],
  loss: number,
): string {
  return (
    `Epoch [${epoch}/${epochs}], Step [${stepInEpoch}/${stepsPerEpoch}], ` +
    `Batch ${formatBatch(batch)}, Loss: ${formatFixed(loss, 4)}`
  );
}
