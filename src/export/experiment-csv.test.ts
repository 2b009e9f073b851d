import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { trainExperimentFloat32 } from '../engine/experiment/js-engine';
import { planExperiment } from '../engine/experiment/plan';
import { summarizeExperiment } from '../engine/experiment/results';
import type { ExperimentSpec } from '../engine/experiment/spec';
import { EXPERIMENT_CSV_COLUMNS, experimentCsv, experimentCsvFilename, experimentNumber } from './experiment-csv';

function experimentRows(base: RunConfig, spec: ExperimentSpec) {
  const plan = planExperiment(base, spec);
  const losses = trainExperimentFloat32(plan);
  return summarizeExperiment(plan.runs, losses, plan.stepOffset, plan.stepsPerEpoch, plan.epochs, spec.targetLoss).rows;
}

/** As Python's float() reads the file's numbers. */
const readNumber = (text: string) => ({ nan: NaN, inf: Infinity, '-inf': -Infinity })[text] ?? Number(text);

const spec: ExperimentSpec = {
  batchSizes: [1, 10],
  learningRates: [1e-7, 0.01, 0.05],
  shuffle: 'both',
  seedsPerSetting: 2,
  targetLoss: 0.01,
};

describe('experimentCsv', () => {
  it('writes one row per run, in the results order, with the issue columns', () => {
    const rows = experimentRows(DEFAULT_CONFIG, spec);
    const lines = experimentCsv(rows).split('\n');
    expect(lines[0]).toBe('batch_size,learning_rate,shuffle,seed,final_loss,steps_to_target,diverged');
    expect(EXPERIMENT_CSV_COLUMNS.join(',')).toBe(lines[0]);
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(rows.length + 2);
    rows.forEach((row, i) => {
      const [b, lr, shuffle, seed, loss, steps, diverged] = lines[i + 1].split(',');
      expect([b, lr, shuffle, seed]).toEqual([
        String(row.batchSize),
        String(row.learningRate),
        row.shuffle ? '1' : '0',
        String(row.seed),
      ]);
      // Full precision: the text reads back as the very double.
      expect(readNumber(loss)).toBe(row.finalLoss);
      expect(steps).toBe(row.stepsToTarget === null ? '' : String(row.stepsToTarget));
      expect(diverged).toBe(row.diverged ? '1' : '0');
    });
    expect(lines[1]).toMatch(/^1,1e-7,1,0,[\d.e+-]+,,0$/); // never reaches the target: empty
    // The grid has every kind of row: blown up to inf, diverged while still finite, reached, never reached.
    expect(lines.some((l) => /,inf,,1$/.test(l))).toBe(true);
    expect(rows.some((r) => r.diverged && Number.isFinite(r.finalLoss))).toBe(true);
    expect(rows.some((r) => r.stepsToTarget !== null && !r.diverged)).toBe(true);
  });

  it('writes seeds beyond 2^53 exactly, and nan/inf/-inf as Python reads them', () => {
    const rows = experimentRows(
      { ...DEFAULT_CONFIG, seed: '18446744073709551615', epochs: 1 },
      {
        ...spec,
        batchSizes: [5],
        learningRates: [0.01],
        shuffle: 'on',
      },
    );
    // Seed + 1 past torch.manual_seed's top wraps to its bottom (seedPlus).
    expect(
      experimentCsv(rows)
        .split('\n')
        .slice(1, 3)
        .map((l) => l.split(',')[3]),
    ).toEqual(['18446744073709551615', '-9223372036854775808']);
    expect([NaN, Infinity, -Infinity, 0.1 + 0.2, 1e21, -0].map(experimentNumber)).toEqual([
      'nan',
      'inf',
      '-inf',
      '0.30000000000000004',
      '1e+21',
      '0',
    ]);
  });

  it('names the file after the data, the model and the seed', () => {
    expect(experimentCsvFilename(DEFAULT_CONFIG)).toBe('minibatch-lab-experiment-tutorial-linear-seed0.csv');
    expect(experimentCsvFilename({ ...DEFAULT_CONFIG, dataset: 'sine', model: 'mlp', hiddenUnits: 16 })).toBe(
      'minibatch-lab-experiment-sine-mlp16-seed0.csv',
    );
  });
});
