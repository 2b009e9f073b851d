import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import { RunData } from '../state/run-data';
import { gradientNoise } from '../analysis/gradient-noise';
import { linearGradients } from '../analysis/per-sample-gradients';
import { RUN_CSV_COLUMNS, runCsv, runCsvFilename } from './run-csv';

/** Two epochs of N=5, B=2: batches of 2, 2, 1. */
function linearRun(steps: number) {
  const data = new RunData();
  data.epochBatches.append([[4, 0], [3, 1], [2]]);
  data.epochBatches.append([[1, 2], [0, 4], [3]]);
  for (let i = 0; i < steps; i++) {
    data.stepLoss.push(10 - i + 0.123456789);
    data.paramW.push(i * 0.5);
    data.paramB.push(-i);
  }
  return data;
}

const parse = (csv: string) => csv.trimEnd().split('\n');

describe('runCsv', () => {
  it('writes one row per step with the batch, its size, the exact loss and w, b after the step', () => {
    const config = { ...DEFAULT_CONFIG, batchSize: 2 };
    const csv = runCsv({ config, data: linearRun(6), stepsDone: 6, stepsPerEpoch: 3, modelParams: null });
    const [header, ...rows] = parse(csv);
    expect(header).toBe(RUN_CSV_COLUMNS.join(','));
    expect(rows).toEqual([
      '1,1,1,"4 0",2,10.123456789,0,0,,,,,,',
      '2,1,2,"3 1",2,9.123456789,0.5,-1,,,,,,',
      '3,1,3,"2",1,8.123456789,1,-2,,,,,,',
      '4,2,1,"1 2",2,7.123456789,1.5,-3,,,,,,',
      '5,2,2,"0 4",2,6.123456789,2,-4,,,,,,',
      '6,2,3,"3",1,5.123456789,2.5,-5,,,,,,',
    ]);
    expect(csv.endsWith('\n')).toBe(true);
  });

  it('stops at the steps done (a run in progress) and writes only the header before the first step', () => {
    const config = { ...DEFAULT_CONFIG, batchSize: 2 };
    const data = linearRun(4);
    expect(parse(runCsv({ config, data, stepsDone: 4, stepsPerEpoch: 3, modelParams: null }))).toHaveLength(5);
    expect(parse(runCsv({ config, data: new RunData(), stepsDone: 0, stepsPerEpoch: 0, modelParams: null }))).toEqual([
      RUN_CSV_COLUMNS.join(','),
    ]);
  });

  it('writes nan for a diverged loss', () => {
    const data = new RunData();
    data.epochBatches.append([[0, 1]]);
    data.stepLoss.push(NaN);
    data.paramW.push(NaN);
    data.paramB.push(Infinity);
    const rows = parse(runCsv({ config: DEFAULT_CONFIG, data, stepsDone: 1, stepsPerEpoch: 1, modelParams: null }));
    expect(rows[1]).toBe('1,1,1,"0 1",2,nan,nan,Infinity,,,,,,');
  });

  it('MLP: no per-step w, b; the latest flat parameters on the last row only', () => {
    const config = { ...DEFAULT_CONFIG, model: 'mlp' as const, batchSize: 2 };
    const data = linearRun(3);
    const rows = parse(runCsv({ config, data, stepsDone: 3, stepsPerEpoch: 3, modelParams: [0.25, -1, 3] }));
    expect(rows[1]).toBe('1,1,1,"4 0",2,10.123456789,,,,,,,,');
    expect(rows[3]).toBe('3,1,3,"2",1,8.123456789,,,0.25 -1 3,,,,,');
  });

  it('MLP: the noise columns from the replay, full precision; empty where a row is not known', () => {
    const config = { ...DEFAULT_CONFIG, model: 'mlp' as const, batchSize: 2 };
    const data = linearRun(3);
    const values = Float64Array.of(1.5, 2.25, 0.1234567890123, 0.6666666666666666, 0, 0, 0, 0, NaN, 1, NaN, NaN);
    const mlpNoise = { values, known: Uint8Array.of(1, 0, 1) };
    const rows = parse(runCsv({ config, data, stepsDone: 3, stepsPerEpoch: 3, modelParams: [0.25, -1, 3], mlpNoise }));
    expect(rows[1]).toBe('1,1,1,"4 0",2,10.123456789,,,,,1.5,2.25,0.1234567890123,0.6666666666666666');
    expect(rows[2].endsWith(',,,,,')).toBe(true);
    expect(rows[3]).toBe('3,1,3,"2",1,8.123456789,,,0.25 -1 3,,nan,1,nan,nan');
  });

  it('writes each epoch’s held-out loss (a validation split) on its last step, empty elsewhere', () => {
    const config = { ...DEFAULT_CONFIG, batchSize: 2, validationSplit: 0.2 };
    const data = linearRun(6);
    data.validationLoss.push(0.123456789012);
    data.validationStep.push(3);
    data.validationLoss.push(NaN);
    data.validationStep.push(6);
    const rows = parse(runCsv({ config, data, stepsDone: 6, stepsPerEpoch: 3, modelParams: null }));
    const column = rows[0].split(',').indexOf('val_loss');
    expect(column).toBeGreaterThan(0);
    expect(rows.slice(1).map((r) => r.split(',')[column])).toEqual(['', '', '0.123456789012', '', '', 'nan']);
  });

  it('with a validation split, the noise columns are those of the training samples alone', () => {
    const config = { ...DEFAULT_CONFIG, batchSize: 2 };
    const x = Float32Array.of(1, 2, 3, 4, 5);
    const y = Float32Array.of(2, 4.5, 5.5, 8, 10);
    const input = { config, data: linearRun(1), stepsDone: 1, stepsPerEpoch: 1, modelParams: null };
    const initialParams = { w: 0.25, b: -0.5 };
    const split = runCsv({ ...input, dataColumns: { x, y }, initialParams, heldOut: Int32Array.of(3) });
    const trainOnly = runCsv({
      ...input,
      dataColumns: { x: Float32Array.of(1, 2, 3, 5), y: Float32Array.of(2, 4.5, 5.5, 10) },
      initialParams,
    });
    const whole = runCsv({ ...input, dataColumns: { x, y }, initialParams });
    expect(parse(split)[1]).toBe(parse(trainOnly)[1]);
    expect(parse(split)[1]).not.toBe(parse(whole)[1]);
  });

  it("writes the gradient noise at the parameters before each step's update (linear model)", () => {
    const config = { ...DEFAULT_CONFIG, batchSize: 2 };
    const x = Float32Array.of(1, 2, 3, 4, 5);
    const y = Float32Array.of(2, 4.5, 5.5, 8, 10);
    const initialParams = { w: 0.25, b: -0.5 };
    const csv = runCsv({
      config,
      data: linearRun(3),
      stepsDone: 3,
      stepsPerEpoch: 3,
      modelParams: null,
      dataColumns: { x, y },
      initialParams,
    });
    const rows = parse(csv)
      .slice(1)
      .map((row) => row.split(',').slice(-4).map(Number));
    // Step 1 at the initial (w, b); step 3 at (w, b) after step 2: (0.5, −1).
    for (const [row, [w, b]] of [
      [rows[0], [0.25, -0.5]],
      [rows[2], [0.5, -1]],
    ] as const) {
      const noise = gradientNoise(linearGradients(x, y, w, b), {
        batchSize: 2,
        replacement: false,
        seed: 0,
        actualBatch: null,
      });
      const expected = [noise.trace, noise.gradNormSq, noise.varianceFormula, noise.noiseScale];
      row.forEach((value, k) => expect(Math.abs(value - expected[k]) / expected[k]).toBeLessThan(1e-12));
    }
  });

  it('names the file after the run', () => {
    expect(runCsvFilename(DEFAULT_CONFIG)).toBe('minibatch-lab-run-tutorial-linear-b3-seed0.csv');
  });
});
