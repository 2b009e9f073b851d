// The throughput lab's sweep as CSV: one row per batch size, numbers at full precision (the page
// rounds them for reading; the file keeps what was measured).
import type { BackendName, RunConfig } from '../engine/config';
import type { SweepPoint } from '../protocol';

export const SWEEP_CSV_COLUMNS = [
  'batch_size',
  'steps_per_epoch',
  'steps',
  'samples',
  'seconds',
  'samples_per_second',
  'steps_per_second',
  'seconds_per_epoch',
  'epochs_in_curve',
  'final_loss',
  'backend',
  'engine',
] as const;

/** Quotes a field only when it needs it (RFC 4180). */
function field(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function sweepCsv(points: readonly SweepPoint[], backend: BackendName | null): string {
  const rows = points.map((p) =>
    [
      p.batchSize,
      p.stepsPerEpoch,
      p.steps,
      p.samples,
      p.seconds,
      p.samplesPerSecond,
      p.stepsPerSecond,
      p.secondsPerEpoch,
      p.epochs,
      p.finalLoss,
      backend ?? '',
      p.engine,
    ]
      .map(field)
      .join(','),
  );
  return [SWEEP_CSV_COLUMNS.join(','), ...rows].join('\n') + '\n';
}

/** e.g. throughput-sweep-tutorial-n10-linear-webgpu.csv */
export function sweepCsvFilename(config: RunConfig, backend: BackendName | null, extension = 'csv'): string {
  const n = config.dataset === 'tutorial' ? 10 : config.samples;
  const model = config.model === 'mlp' ? `mlp${config.hiddenUnits}` : 'linear';
  return `throughput-sweep-${config.dataset}-n${n}-${model}${backend ? `-${backend}` : ''}.${extension}`;
}
