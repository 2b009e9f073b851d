import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import type { SweepPoint } from '../protocol';
import { SWEEP_CSV_COLUMNS, sweepCsv, sweepCsvFilename } from './sweep-csv';

const point: SweepPoint = {
  batchSize: 4,
  stepsPerEpoch: 3,
  steps: 1234,
  samples: 4112,
  seconds: 0.5012345678901,
  samplesPerSecond: 8203.7125,
  rateRepeats: [8100, 8203.7125, 8300],
  stepsPerSecond: 2461.9,
  secondsPerEpoch: 0.001218545,
  epochs: 10,
  finalLoss: 0.00123456789,
  curve: [{ seconds: 0.1, epochs: 1, loss: 2 }],
  engine: 'fused WGSL, sequential',
};

describe('sweepCsv', () => {
  it('has a header and one row per batch size, numbers at full precision', () => {
    const lines = sweepCsv([point, { ...point, batchSize: 8, finalLoss: NaN }], 'webgpu')
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe(SWEEP_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(3);
    const row = Object.fromEntries(lines[1].split(',').map((v, i) => [SWEEP_CSV_COLUMNS[i], v]));
    expect(row).toMatchObject({
      batch_size: '4',
      seconds: '0.5012345678901',
      samples_per_second: '8203.7125',
      final_loss: '0.00123456789',
      backend: 'webgpu',
    });
    // A field with a comma is quoted.
    expect(lines[1].endsWith(',webgpu,"fused WGSL, sequential"')).toBe(true);
    expect(lines[2].split(',')[9]).toBe('NaN');
  });

  it('names the file after the dataset, model and backend', () => {
    expect(sweepCsvFilename({ ...DEFAULT_CONFIG }, 'webgpu')).toBe('throughput-sweep-tutorial-n10-linear-webgpu.csv');
    expect(
      sweepCsvFilename({ ...DEFAULT_CONFIG, dataset: 'line', samples: 10000, model: 'mlp', hiddenUnits: 32 }, null),
    ).toBe('throughput-sweep-line-n10000-mlp32.csv');
  });
});
