import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { parseCsvData } from '../engine/csv-data';
import { trainExperimentFloat32 } from '../engine/experiment/js-engine';
import { planExperiment } from '../engine/experiment/plan';
import { summarizeExperiment } from '../engine/experiment/results';
import type { ExperimentSpec } from '../engine/experiment/spec';
import { experimentCsv, experimentNumber } from './experiment-csv';
import { buildExperimentScript, experimentScriptFilename } from './experiment-script';
import { findPython, findTorchPython, runPython, runPythonScripts, writeTempFiles } from './run-python.mjs';

/** The app's experiment CSV for a grid: the plain-JS float32 engine, bit for bit PyTorch's runs. */
function appCsv(base: RunConfig, spec: ExperimentSpec): string {
  const plan = planExperiment(base, spec);
  const losses = trainExperimentFloat32(plan);
  const results = summarizeExperiment(
    plan.runs,
    losses,
    plan.stepOffset,
    plan.stepsPerEpoch,
    plan.epochs,
    spec.targetLoss,
  );
  return experimentCsv(results.rows);
}

function csvData(text: string) {
  const parsed = parseCsvData(text);
  if (!parsed.ok) throw new Error(parsed.problem.key);
  return parsed.data;
}

const grid = (over: Partial<ExperimentSpec>): ExperimentSpec => ({
  batchSizes: [1, 10],
  learningRates: [0.01, 0.05],
  shuffle: 'both',
  seedsPerSetting: 2,
  targetLoss: 0.01,
  ...over,
});

const sineMlp: RunConfig = {
  ...DEFAULT_CONFIG,
  ...{ dataset: 'sine', samples: 24, model: 'mlp', hiddenUnits: 16, activation: 'relu', epochs: 3 },
  ...{ replacement: true, seed: '18446744073709551615' },
};

const cases: [RunConfig, ExperimentSpec][] = [
  // The tutorial: 2 batch sizes × 2 learning rates (0.05 diverges) × shuffle on and off × 2 seeds.
  [DEFAULT_CONFIG, grid({})],
  // Generated data (seeded per run), a validation split, drop_last, a short last batch.
  [
    { ...DEFAULT_CONFIG, dataset: 'line', samples: 40, validationSplit: 0.25, dropLast: true, seed: 7, epochs: 4 },
    grid({ batchSizes: [4, 7, 30], learningRates: [0.003, 0.05], targetLoss: 2 }),
  ],
  // The MLP (ReLU: tanh's last bit is SLEEF's, docs/fidelity.md) on the sine, with replacement,
  // from the largest seed: seed + 1 wraps to the smallest.
  [sineMlp, grid({ batchSizes: [8], learningRates: [0.05, 3], shuffle: 'on', seedsPerSetting: 3, targetLoss: 0.2 })],
  // The user's CSV (written into the script), shuffle off only.
  [
    {
      ...DEFAULT_CONFIG,
      dataset: 'custom',
      customData: csvData('x,y\n0.5,1.1\n1,2.9\n1.5,4.2\n2,5\n2.5,6.1\n-1,-1.3\n3,7.7\n'),
    },
    grid({ batchSizes: [2, 3], learningRates: [0.02, 0.6], shuffle: 'off', targetLoss: 0.5 }),
  ],
];

const python = findPython();
const torchPython = findTorchPython();
if (!torchPython) {
  console.warn(
    'experiment-script.test: skipping the runs against PyTorch: neither /usr/bin/python3 nor python3 ' +
      'can `import torch` (Debian: apt-get install python3-torch).',
  );
}

const files = writeTempFiles(
  Object.fromEntries(
    cases.map(([base, spec], i) => [`grid${i}_${experimentScriptFilename(base)}`, buildExperimentScript(base, spec)]),
  ),
);
afterAll(() => files.remove());

describe('buildExperimentScript', () => {
  it('loops over the grid in the results order, each run the single run with its four settings', () => {
    const script = buildExperimentScript(DEFAULT_CONFIG, grid({}));
    expect(script).toContain('def train(batch_size, learning_rate, shuffle, seed):\n    """');
    expect(script).toContain('    torch.manual_seed(seed)\n');
    expect(script).toContain(
      '    loader = DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, drop_last=False)',
    );
    expect(script).toContain('    optimizer = optim.SGD(model.parameters(), lr=learning_rate)');
    expect(script.indexOf('    loader = DataLoader(')).toBeLessThan(script.indexOf('    model = nn.Linear(1, 1)'));
    expect(script).toContain(
      'shuffles = [True, False]\nbatch_sizes = [1, 10]\nlearning_rates = [0.01, 0.05]\nseeds = [0, 1]',
    );
    expect(script).toContain("print('batch_size,learning_rate,shuffle,seed,final_loss,steps_to_target,diverged')");
    const line = buildExperimentScript({ ...DEFAULT_CONFIG, dataset: 'line', seed: -1 }, grid({ shuffle: 'off' }));
    expect(line).toContain('    data_generator = torch.Generator().manual_seed((seed + 1) % 2**64)');
    expect(line).toContain('shuffles = [False]');
    expect(line).toContain('seeds = [-1, 0]');
    expect(experimentScriptFilename({ ...DEFAULT_CONFIG, seed: -1 })).toBe('minibatch_lab_experiment_seedm1.py');
  });

  it('is valid Python (python3 -m py_compile)', async () => {
    expect(python, 'no python3 found: install python3 to check the exported script').not.toBeNull();
    const result = await runPython(python!, ['-m', 'py_compile', ...files.paths]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it("lays numbers out as the app's CSV does (csv_number = experimentNumber)", async () => {
    expect(python).not.toBeNull();
    const values = [
      0.01,
      1e-7,
      1e-6,
      0.000123,
      5,
      100,
      1e16,
      1e21,
      1.5e300,
      5e-324,
      -2.5,
      0.1 + 0.2,
      123.456,
      2 ** -20,
    ];
    const script = buildExperimentScript(DEFAULT_CONFIG, grid({}));
    const functions = script.slice(script.indexOf('def csv_number'), script.indexOf('\n\n\n# The grid'));
    const program = `import decimal, math\n${functions}\nfor v in ${JSON.stringify(values.map(String))} + ['nan', 'inf', '-inf', '-0.0']:\n    print(csv_number(float(v)))`;
    const result = await runPython(python!, ['-c', program]);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n')).toEqual([...values, NaN, Infinity, -Infinity, -0].map(experimentNumber));
  });
});

describe.skipIf(!torchPython)('the exported experiment script run by PyTorch', () => {
  let runs: ReturnType<typeof runPythonScripts> | null = null;
  const allRuns = () => (runs ??= runPythonScripts(torchPython!, files.paths));

  it('runs every script without a warning', { timeout: 120_000 }, async () => {
    const { status, stderr, scripts } = await allRuns();
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(scripts).toHaveLength(cases.length);
  });

  it.for(cases.map((c, i) => [i, ...c] as const))(
    "grid %i prints the app's experiment CSV, line for line and bit for bit",
    { timeout: 120_000 },
    async ([i, base, spec]) => {
      const { stdout, error } = (await allRuns()).scripts[i];
      expect(error).toBeNull();
      const expected = appCsv(base, spec);
      expect(stdout.split('\n')).toEqual(expected.split('\n'));
      // The grids hold what the comparison must cover: diverged runs, runs that never reach the target.
      const rows = expected.trim().split('\n').slice(1);
      expect(rows.some((r) => r.endsWith(',1'))).toBe(true);
      expect(rows.some((r) => r.endsWith(',0'))).toBe(true);
    },
  );
});
