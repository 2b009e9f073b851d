// The numbers behind the experiment's figures "Batch size × learning rate" and "Steps to target",
// read from its results (one row per run, in the grid's order: shuffle, batch size, learning rate,
// seed). Every statistic is over the seeds of one setting, with the quantiles of quantile.ts.
import { runLosses, type ExperimentResults, type ExperimentRow } from '../engine/experiment/results';
import { shufflesOf, type ExperimentSpec } from '../engine/experiment/spec';
import { quantileSorted, sortedValues, spreadOf, BAND_HIGH, BAND_LOW } from './quantile';

/** One setting of the grid: the shuffle, batch size and learning rate its seeds share. */
export interface Setting {
  shuffle: boolean;
  batchSize: number;
  learningRate: number;
}

const keyOf = (s: Setting) => `${s.shuffle ? 1 : 0}|${s.batchSize}|${s.learningRate}`;

/** The rows of each setting, seeds in order. */
export function rowsBySetting(results: Pick<ExperimentResults, 'rows'>): Map<string, ExperimentRow[]> {
  const groups = new Map<string, ExperimentRow[]>();
  for (const row of results.rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** The settings of the spec, in the results' order (shuffle, then batch size, then learning rate). */
function settingsOf(spec: ExperimentSpec): Setting[] {
  return shufflesOf(spec.shuffle).flatMap((shuffle) =>
    spec.batchSizes.flatMap((batchSize) =>
      spec.learningRates.map((learningRate) => ({ shuffle, batchSize, learningRate })),
    ),
  );
}

/**
 * A run's final loss as the heatmap ranks it. A diverged seed counts as +Infinity (whatever finite
 * number its last epoch happened to average, and NaN too): dropping it would make a setting where
 * most seeds blow up look as good as its few survivors, so the median stays honest — it is +Infinity
 * as soon as half or more of the seeds diverged.
 */
export const rankedFinalLoss = (row: Pick<ExperimentRow, 'finalLoss' | 'diverged'>): number =>
  row.diverged || !Number.isFinite(row.finalLoss) ? Infinity : row.finalLoss;

export interface HeatmapCell extends Setting {
  /** The median over seeds of the final loss (rankedFinalLoss); +Infinity when half or more diverged; NaN for no seed. */
  medianFinalLoss: number;
  /** Seeds whose run diverged. */
  diverged: number;
  /** Seeds the cell holds (runs found in the results). */
  seeds: number;
  /** Their rows' indices in results.rows, seed order. */
  rows: number[];
}

export interface Heatmap {
  /** One cell per setting of the spec, in the results' order. */
  cells: HeatmapCell[];
  shuffles: boolean[];
  batchSizes: number[];
  learningRates: number[];
  /** [min, max] of the finite positive medians, for a log colour scale; null when there is none. */
  colourDomain: [number, number] | null;
}

export function heatmapCells(results: Pick<ExperimentResults, 'rows'>, spec: ExperimentSpec): Heatmap {
  const groups = rowsBySetting(results);
  const cells = settingsOf(spec).map((setting): HeatmapCell => {
    const rows = groups.get(keyOf(setting)) ?? [];
    return {
      ...setting,
      medianFinalLoss: quantileSorted(sortedValues(rows.map(rankedFinalLoss)), 0.5),
      diverged: rows.filter((r) => r.diverged).length,
      seeds: rows.length,
      rows: rows.map((r) => r.index),
    };
  });
  const shown = cells.map((c) => c.medianFinalLoss).filter((m) => Number.isFinite(m) && m > 0);
  return {
    cells,
    shuffles: shufflesOf(spec.shuffle),
    batchSizes: [...spec.batchSizes],
    learningRates: [...spec.learningRates],
    colourDomain: shown.length > 0 ? [Math.min(...shown), Math.max(...shown)] : null,
  };
}

/** A run's steps to the target as the figure ranks it: +Infinity when it never got there. */
const rankedSteps = (row: Pick<ExperimentRow, 'stepsToTarget'>): number => row.stepsToTarget ?? Infinity;

export interface StepsPoint extends Setting {
  /** Seeds of this setting, and how many of them reached the target. */
  seeds: number;
  reached: number;
  /** Over seeds: the median and the 10% / 90% quantiles of the steps to the target; +Infinity: past the runs that reached it. */
  steps: { low: number; median: number; high: number };
  /** The same, times the batch size: samples = steps × B. */
  samples: { low: number; median: number; high: number };
}

export interface StepsSeries {
  shuffle: boolean;
  /** One point per batch size that has a best learning rate, ascending batch size. */
  points: StepsPoint[];
}

/**
 * Per shuffle setting and batch size, the point at its best learning rate in the grid: the one with
 * the lowest median steps to the target among those whose median is finite (more than half of the
 * seeds reach the target); a tie goes to the smaller learning rate. A batch size where no learning
 * rate has a finite median has no point.
 */
export function stepsToTarget(results: Pick<ExperimentResults, 'rows'>, spec: ExperimentSpec): StepsSeries[] {
  const groups = rowsBySetting(results);
  const learningRates = [...spec.learningRates].sort((a, b) => a - b);
  const batchSizes = [...spec.batchSizes].sort((a, b) => a - b);
  return shufflesOf(spec.shuffle).map((shuffle) => {
    const points: StepsPoint[] = [];
    for (const batchSize of batchSizes) {
      let best: StepsPoint | null = null;
      for (const learningRate of learningRates) {
        const rows = groups.get(keyOf({ shuffle, batchSize, learningRate })) ?? [];
        const steps = spreadOf(rows.map(rankedSteps));
        if (!Number.isFinite(steps.median) || (best && steps.median >= best.steps.median)) continue;
        const times = (v: number) => v * batchSize;
        best = {
          shuffle,
          batchSize,
          learningRate,
          seeds: rows.length,
          reached: rows.filter((r) => r.stepsToTarget !== null).length,
          steps,
          samples: { low: times(steps.low), median: times(steps.median), high: times(steps.high) },
        };
      }
      if (best) points.push(best);
    }
    return { shuffle, points };
  });
}

/** Per-step (or per-epoch) quantiles over seeds. */
export interface Band {
  low: Float64Array;
  median: Float64Array;
  high: Float64Array;
}

export interface SeedCurves {
  batchSize: number;
  seeds: number;
  /** Step i's batch loss over seeds (i from 0; as long as the shortest run). NaN counts as +Infinity. */
  byStep: Band;
  /** Epoch e's mean batch loss over seeds (e from 0; complete epochs of the shortest run). */
  byEpoch: Band;
}

function bandOf(columns: Float64Array[], length: number): Band {
  const band: Band = {
    low: new Float64Array(length),
    median: new Float64Array(length),
    high: new Float64Array(length),
  };
  const at = new Float64Array(columns.length);
  for (let i = 0; i < length; i++) {
    for (let s = 0; s < columns.length; s++) at[s] = Number.isNaN(columns[s][i]) ? Infinity : columns[s][i];
    at.sort();
    band.low[i] = quantileSorted(at, BAND_LOW);
    band.median[i] = quantileSorted(at, 0.5);
    band.high[i] = quantileSorted(at, BAND_HIGH);
  }
  return band;
}

/** Each epoch's mean batch loss (float64 sum in step order, as the final loss is taken). */
function epochMeans(losses: Float32Array, stepsPerEpoch: number): Float64Array {
  const epochs = stepsPerEpoch > 0 ? Math.floor(losses.length / stepsPerEpoch) : 0;
  const means = new Float64Array(epochs);
  for (let e = 0; e < epochs; e++) {
    let sum = 0;
    for (let i = e * stepsPerEpoch; i < (e + 1) * stepsPerEpoch; i++) sum += losses[i];
    means[e] = sum / stepsPerEpoch;
  }
  return means;
}

/** The figure "Across seeds": per batch size (ascending), at learning rate `lr` and the shuffle setting, the loss over seeds. */
export function acrossSeeds(results: ExperimentResults, lr: number, shuffle: boolean): SeedCurves[] {
  const byBatch = new Map<number, ExperimentRow[]>();
  for (const row of results.rows) {
    if (row.learningRate !== lr || row.shuffle !== shuffle) continue;
    byBatch.set(row.batchSize, [...(byBatch.get(row.batchSize) ?? []), row]);
  }
  return [...byBatch.entries()]
    .sort(([a], [b]) => a - b)
    .map(([batchSize, rows]) => {
      const steps = rows.map((r) => Float64Array.from(runLosses(results, r.index).subarray(0, r.steps)));
      const epochs = rows.map((r) =>
        epochMeans(runLosses(results, r.index).subarray(0, r.steps), results.stepsPerEpoch[r.index]),
      );
      return {
        batchSize,
        seeds: rows.length,
        byStep: bandOf(steps, Math.min(...steps.map((s) => s.length))),
        byEpoch: bandOf(epochs, Math.min(...epochs.map((s) => s.length))),
      };
    });
}
