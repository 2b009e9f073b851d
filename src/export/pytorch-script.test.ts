import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { formatLogLine, formatValidationLine } from '../engine/format';
import { createRunPlan } from '../engine/plan';
import { trainReference } from '../engine/reference';
import { parseCsvData } from '../engine/csv-data';
import { buildPytorchScript, CUSTOM_CSV_FILENAME, pytorchScriptFilename } from './pytorch-script';
import { pythonFloat } from './python-literal';
import { trainingSet } from '../analysis/training-set';
import { gradientNoise } from '../analysis/gradient-noise';
import { gradientsFor } from '../analysis/per-sample-gradients';
import { findPython, findTorchPython, runPython, runPythonScripts, writeTempFiles } from './run-python.mjs';

function mlp(hiddenUnits: number, activation: RunConfig['activation']): Partial<RunConfig> {
  return { model: 'mlp', hiddenUnits, activation };
}

/** The app's training log for a run: the engine's float32 reference, as the UI prints it. */
function appLogLines(config: RunConfig): string[] {
  const plan = createRunPlan(config);
  const run = { ...plan, learningRate: config.learningRate, epochs: config.epochs };
  return trainReference(run, 'float32').flatMap((s) => [
    formatLogLine(s.epoch, config.epochs, s.stepInEpoch, plan.stepsPerEpoch, s.batch, s.loss),
    ...(s.validationLoss === undefined ? [] : [formatValidationLine(s.epoch, config.epochs, s.validationLoss)]),
  ]);
}

const SMALL_CSV = 'x,y\n0.5,1.1\n1,2.9\n\n1.5,4.2\n2,5\n2.5,6.1\n-1,-1.3\n3,7.7\n';
/** 10,001 rows: one more than the script writes out, so it reads the CSV file. */
const LARGE_CSV = `time,value\n${Array.from({ length: 10_001 }, (_, i) => `${(i / 1000).toFixed(3)},${((i % 97) / 7 - 3).toPrecision(9)}`).join('\n')}\n`;

function csvData(text: string) {
  const parsed = parseCsvData(text);
  if (!parsed.ok) throw new Error(parsed.problem.key);
  return parsed.data;
}

const configs: RunConfig[] = [
  { ...DEFAULT_CONFIG },
  { ...DEFAULT_CONFIG, batchSize: 4, shuffle: false, seed: 42 },
  { ...DEFAULT_CONFIG, batchSize: 3, dropLast: true, seed: 123456789, epochs: 4 },
  { ...DEFAULT_CONFIG, batchSize: 1, learningRate: 0.05, seed: 1, epochs: 10 }, // diverges to nan
  { ...DEFAULT_CONFIG, batchSize: 11, dropLast: true, epochs: 2 }, // no step at all
  { ...DEFAULT_CONFIG, batchSize: 10, learningRate: 1e-5, seed: 2 ** 53 - 1, epochs: 3 },
  // torch.manual_seed's whole range: negative seeds (mod 2^64), and beyond 2^53 as exact text.
  { ...DEFAULT_CONFIG, seed: -1, epochs: 2 },
  { ...DEFAULT_CONFIG, seed: '9223372036854775808', epochs: 2 },
  { ...DEFAULT_CONFIG, seed: '-9223372036854775808', batchSize: 4, epochs: 2 },
  { ...DEFAULT_CONFIG, batchSize: 7, learningRate: 0.125, seed: 7, epochs: 3 },
  // RandomSampler(replacement=True): shuffle does not apply (off, and on, give the same run).
  { ...DEFAULT_CONFIG, replacement: true, seed: 3 },
  { ...DEFAULT_CONFIG, replacement: true, shuffle: false, batchSize: 4, dropLast: true, seed: 11, epochs: 4 },
  { ...DEFAULT_CONFIG, dataset: 'line', samples: 70, batchSize: 16, replacement: true, seed: 9, epochs: 2 },
  // A validation split: random_split before the model, the held-out loss after each epoch.
  { ...DEFAULT_CONFIG, validationSplit: 0.2 },
  { ...DEFAULT_CONFIG, validationSplit: 0.3, shuffle: false, batchSize: 2, seed: 5, epochs: 3 },
  { ...DEFAULT_CONFIG, validationSplit: 0.4, replacement: true, dropLast: true, seed: 8, epochs: 3 },
  { ...DEFAULT_CONFIG, validationSplit: 0.05, epochs: 2 }, // k = 0: no split
  {
    ...DEFAULT_CONFIG,
    ...{ dataset: 'sine', samples: 16, validationSplit: 0.25, batchSize: 4, learningRate: 0.02, seed: 1 },
    ...{ epochs: 4, ...mlp(128, 'relu') },
  },
  // The generated sets and the MLP (small N: the whole suite stays fast).
  { ...DEFAULT_CONFIG, dataset: 'line', samples: 50, epochs: 3 },
  { ...DEFAULT_CONFIG, dataset: 'line', samples: 1000, batchSize: 100, seed: 7, epochs: 2 },
  { ...DEFAULT_CONFIG, dataset: 'line', samples: 12, batchSize: 5, seed: '18446744073709551615', epochs: 2 },
  { ...DEFAULT_CONFIG, dataset: 'sine', samples: 40, seed: 5, learningRate: 0.05, epochs: 3, ...mlp(16, 'tanh') },
  {
    ...DEFAULT_CONFIG,
    dataset: 'sine',
    samples: 30,
    batchSize: 8,
    dropLast: true,
    learningRate: 0.1,
    seed: 2 ** 53 - 1,
    epochs: 3,
    ...mlp(32, 'relu'),
  },
  { ...DEFAULT_CONFIG, epochs: 2, learningRate: 0.001, ...mlp(3, 'sigmoid') },
  // The user's own CSV data: a literal list up to 10,000 rows, the CSV file next to the script beyond.
  {
    ...DEFAULT_CONFIG,
    dataset: 'custom',
    customData: csvData(SMALL_CSV),
    samples: 7,
    batchSize: 3,
    epochs: 3,
    learningRate: 0.02,
  },
  {
    ...DEFAULT_CONFIG,
    dataset: 'custom',
    customData: csvData(SMALL_CSV),
    samples: 7,
    batchSize: 2,
    seed: 3,
    epochs: 2,
    ...mlp(4, 'relu'),
  },
  {
    ...DEFAULT_CONFIG,
    dataset: 'custom',
    customData: csvData(LARGE_CSV),
    samples: 10_001,
    batchSize: 1000,
    epochs: 1,
    learningRate: 0.001,
  },
];

const python = findPython();
const torchPython = findTorchPython();
if (!torchPython) {
  console.warn(
    'pytorch-script.test: skipping the runs against PyTorch: neither /usr/bin/python3 nor python3 ' +
      'can `import torch` (Debian: apt-get install python3-torch).',
  );
}

const scripts = Object.fromEntries(
  configs.map((c, i) => [`run${i}_${pytorchScriptFilename(c)}`, buildPytorchScript(c)]),
);
// The CSV the large custom run reads sits next to the scripts, as the export asks.
const files = writeTempFiles({ ...scripts, [CUSTOM_CSV_FILENAME]: LARGE_CSV });
const scriptPaths = files.paths.filter((path) => path.endsWith('.py'));
afterAll(() => files.remove());

describe('buildPytorchScript', () => {
  it('seeds first, and writes the settings as Python literals', () => {
    const script = buildPytorchScript({ ...DEFAULT_CONFIG, learningRate: 1e-5, seed: 9, dropLast: true });
    const code = script.split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    expect(code.slice(0, 3)).toEqual([
      'import torch',
      'from torch import nn, optim',
      'from torch.utils.data import DataLoader, TensorDataset',
    ]);
    expect(code[3]).toBe('torch.manual_seed(9)');
    expect(script).toContain('batch_size=3, shuffle=True, drop_last=True');
    expect(script).toContain('optim.SGD(model.parameters(), lr=1e-05)');
    expect(script).toContain('num_epochs = 10');
    // The DataLoader is built before the model, as in the tutorial: the order of the draws.
    expect(script.indexOf('loader = DataLoader(')).toBeLessThan(script.indexOf('model = nn.Linear(1, 1)'));
  });

  it('splits right after the dataset, before the model draws, and prints the held-out loss each epoch', () => {
    const script = buildPytorchScript({ ...DEFAULT_CONFIG, validationSplit: 0.2, replacement: true });
    expect(script).toContain('from torch.utils.data import DataLoader, RandomSampler, TensorDataset, random_split');
    expect(script).toContain('num_held_out = int(0.2 * len(dataset))');
    expect(script).toContain('train_set, val_set = random_split(dataset, [len(dataset) - num_held_out, num_held_out])');
    expect(script).toContain('loader = DataLoader(train_set, batch_size=3, sampler=RandomSampler(train_set, ');
    expect(script.indexOf('random_split(dataset')).toBeLessThan(script.indexOf('model = nn.Linear(1, 1)'));
    expect(script).toContain("print(f'Epoch [{epoch + 1}/{num_epochs}], Validation loss: {val_loss.item():.4f}')");
    // k = 0 (0.05 of 10 samples): no split at all, the tutorial's program.
    const none = buildPytorchScript({ ...DEFAULT_CONFIG, validationSplit: 0.05 });
    expect(none).not.toContain('random_split');
    expect(none).not.toContain('Validation loss');
  });

  it("states the seed's initial w and b in a comment", () => {
    expect(buildPytorchScript(DEFAULT_CONFIG)).toContain(
      '# With this seed PyTorch starts from w = -0.007486820220947266, b = 0.5364435911178589',
    );
  });

  it('generates the line and the sine from a generator of their own, seeded seed + 1', () => {
    const script = buildPytorchScript({ ...DEFAULT_CONFIG, dataset: 'line', samples: 1_000_000, seed: 42 });
    const code = script.split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    expect(code.slice(0, 2)).toEqual(['import math', 'import torch']);
    expect(code).toContain('torch.manual_seed(42)');
    expect(code).toContain('data_generator = torch.Generator().manual_seed(42 + 1)');
    expect(script).toContain('u = torch.rand(1000000, 1, generator=data_generator)');
    expect(code).toContain('y = 2 * x + 1 + noise');
    // The data first, then the DataLoader, then the model: the global generator's order is the tutorial's.
    expect(script.indexOf('data_generator =')).toBeLessThan(script.indexOf('loader = DataLoader('));
    const sine = buildPytorchScript({ ...DEFAULT_CONFIG, dataset: 'sine', ...mlp(64, 'relu') });
    expect(sine).toContain('y = sine(x) + 0.1 * noise');
    expect(sine).toContain('model = nn.Sequential(nn.Linear(1, 64), nn.ReLU(), nn.Linear(64, 1))');
    expect(sine).toContain('# print(model.state_dict())');
    expect(pytorchScriptFilename({ ...DEFAULT_CONFIG, dataset: 'sine', model: 'mlp' })).toBe(
      'minibatch_lab_sine_mlp_seed0_batch3.py',
    );
  });

  it('writes custom data up to 10,000 rows as a literal, and reads the CSV file beyond', () => {
    const small = buildPytorchScript(configs.find((c) => c.dataset === 'custom')!);
    expect(small).toContain(
      'x = torch.tensor([0.5, 1.0, 1.5, 2.0, 2.5, -1.0, 3.0], dtype=torch.float32).reshape(-1, 1)',
    );
    expect(small).not.toContain('import csv');
    const large = buildPytorchScript(configs.find((c) => c.samples === 10_001)!);
    expect(large).toContain(`Save\n# your CSV file as ${CUSTOM_CSV_FILENAME} next to this script`);
    expect(large).toContain('import csv');
    expect(large.length).toBeLessThan(10_000);
  });

  it('names the file after the run, as a valid module name', () => {
    expect(pytorchScriptFilename(DEFAULT_CONFIG)).toBe('minibatch_lab_seed0_batch3.py');
    expect(pytorchScriptFilename({ ...DEFAULT_CONFIG, seed: -1 })).toBe('minibatch_lab_seedm1_batch3.py');
    for (const c of configs) expect(pytorchScriptFilename(c)).toMatch(/^[A-Za-z_][A-Za-z0-9_]*\.py$/);
  });

  it("writes 64-bit seeds exactly, and wraps the data generator's seed + 1 as the app does", () => {
    expect(buildPytorchScript({ ...DEFAULT_CONFIG, seed: '9223372036854775808' })).toContain(
      'torch.manual_seed(9223372036854775808)',
    );
    expect(buildPytorchScript({ ...DEFAULT_CONFIG, seed: -1 })).toContain('torch.manual_seed(-1)');
    expect(buildPytorchScript({ ...DEFAULT_CONFIG, dataset: 'line', seed: '18446744073709551615' })).toContain(
      'data_generator = torch.Generator().manual_seed(0)',
    );
  });

  it('is valid Python for every configuration (python3 -m py_compile)', async () => {
    expect(python, 'no python3 found: install python3 to check the exported script').not.toBeNull();
    const result = await runPython(python!, ['-m', 'py_compile', ...scriptPaths]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('writes floats as Python reads them back (repr layout)', async () => {
    const values = [0.01, 0.05, 1e-5, 1e-4, 0.1 + 0.2, 5, 1e15, 1e16, 1.5e300, 5e-324, 123.456, 2 ** -20];
    for (const v of values) expect(Number(pythonFloat(v).replace(/e([+-])0*(\d)/, 'e$1$2'))).toBe(v);
    expect(python).not.toBeNull();
    const program = `print('\\n'.join(repr(float(s)) for s in ${JSON.stringify(values.map(String))}))`;
    const result = await runPython(python!, ['-c', program]);
    expect(result.stdout.trim().split('\n')).toEqual(values.map(pythonFloat));
  });
});

describe.skipIf(!torchPython)('the exported script run by PyTorch', () => {
  // All scripts in one Python process: importing torch once, not once per script, keeps the suite fast.
  let runs: ReturnType<typeof runPythonScripts> | null = null;
  const allRuns = () => (runs ??= runPythonScripts(torchPython!, scriptPaths));

  it('runs every script without a warning', { timeout: 120_000 }, async () => {
    const { status, stderr, scripts } = await allRuns();
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(scripts).toHaveLength(configs.length);
  });

  it.for(configs.map((c, i) => [i, c] as const))(
    'config %i prints exactly the app log lines',
    { timeout: 120_000 },
    async ([i, config]) => {
      const { stdout, error } = (await allRuns()).scripts[i];
      expect(error).toBeNull();
      const printed = stdout === '' ? [] : stdout.replace(/\n$/, '').split('\n');
      expect(printed).toEqual(appLogLines(config));
      const diverges = config.dataset === 'tutorial' && config.learningRate === 0.05;
      if (diverges) expect(printed.at(-1)).toMatch(/Loss: (nan|inf)$/);
    },
  );
});

describe.skipIf(!torchPython)("the exported script's gradient_noise() run by PyTorch", () => {
  const noiseConfigs: RunConfig[] = [
    { ...DEFAULT_CONFIG },
    { ...DEFAULT_CONFIG, replacement: true, batchSize: 4, seed: 5, epochs: 3 },
    // A validation split: the noise of the training samples' gradients only.
    { ...DEFAULT_CONFIG, validationSplit: 0.3, seed: 7, epochs: 4 },
    { ...DEFAULT_CONFIG, dataset: 'sine', samples: 40, seed: 5, learningRate: 0.05, epochs: 3, ...mlp(16, 'tanh') },
  ];

  it.for(noiseConfigs.map((c, i) => [i, c] as const))(
    "config %i prints the engine's tr Σ, |G|², E|g_B − G|² and B_simple at the final parameters",
    { timeout: 120_000 },
    async ([i, config]) => {
      const script = buildPytorchScript(config).replace('\n# gradient_noise(', '\ngradient_noise(');
      const temp = writeTempFiles({ [`noise${i}.py`]: script });
      try {
        const { stdout, stderr, status } = await runPython(torchPython!, temp.paths);
        expect(stderr).toBe('');
        expect(status).toBe(0);
        const line = stdout.trim().split('\n').at(-1) ?? '';
        const match =
          /^Gradient noise: tr\(Sigma\) = (\S+), \|G\|\^2 = (\S+), E\|g_B - G\|\^2 = (\S+) \(B = (\d+)\), B_simple = (\S+)$/.exec(
            line,
          );
        expect(match, line).not.toBeNull();
        const [trace, norm2, spread, b, scale] = match!.slice(1).map(Number);
        // The engine at the parameters the float32 reference (PyTorch's, to the bit) ends with.
        const plan = createRunPlan(config);
        const steps = trainReference(
          { ...plan, learningRate: config.learningRate, epochs: config.epochs },
          'float32',
          true,
        );
        const final = steps.at(-1)!.parameters!;
        const { x, y } = trainingSet(plan.dataset.x, plan.dataset.y, plan.heldOut);
        const noise = gradientNoise(gradientsFor(plan.model, x, y, final), {
          batchSize: config.batchSize,
          replacement: config.replacement,
          seed: 0,
          actualBatch: null,
        });
        // PyTorch differentiates in float32 (the model's dtype); the engine in float64.
        const close = (a: number, e: number) => expect(Math.abs(a - e) / Math.abs(e)).toBeLessThan(2e-5);
        expect(b).toBe(noise.batchSize);
        close(trace, noise.trace);
        close(norm2, noise.gradNormSq);
        close(spread, noise.varianceFormula);
        close(scale, noise.noiseScale);
      } finally {
        temp.remove();
      }
    },
  );
});
