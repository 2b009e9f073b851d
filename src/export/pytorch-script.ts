// "Export as PyTorch script": the tutorial's program with the settings of the user's run, which
// prints exactly the lines of the app's training log (src/engine/format.ts), so anyone with PyTorch
// can check the app. The program is built from sections, one per dataset and per model, so later
// datasets and models add a case without touching the rest.
import { SEED_MAX, type RunConfig } from '../engine/config';
import { batchesPerEpoch } from '../engine/dataloader';
import { LINE, SINE } from '../engine/datasets';
import { describeModel, modelSpecFor } from '../engine/models';
import { createRunPlan, datasetSizeFor } from '../engine/plan';
import { heldOutCount } from '../engine/validation';
import { isUnused, SETTINGS, type SettingRow } from '../engine/settings';
import { pythonBool, pythonFloat, pythonInt, pythonSeed } from './python-literal';

/**
 * Python names that stand for settings: an experiment's script trains its grid in a function whose
 * parameters are these four, where the single run's script writes their values.
 */
export type SettingNames = Partial<Record<'batchSize' | 'learningRate' | 'shuffle' | 'seed', string>>;

/** A setting's value as the Python literal of its type (or the name standing for it). */
function literalOf(spec: SettingRow, config: RunConfig, names: SettingNames = {}): string {
  const name = (names as Partial<Record<string, string>>)[spec.field];
  if (name !== undefined) return name;
  const value = config[spec.field];
  switch (spec.kind.type) {
    case 'int':
      return pythonInt(Number(value));
    case 'number':
      return pythonFloat(Number(value));
    case 'flag':
      return pythonBool(value === true);
    case 'seed':
      return pythonSeed(value as RunConfig['seed']);
    case 'choice':
      return `'${String(value)}'`;
  }
}

/** `batch_size=3, shuffle=True, drop_last=False`: the table's arguments of `call`, in its order. */
function argumentsOf(
  call: 'DataLoader' | 'RandomSampler' | 'optim.SGD',
  config: RunConfig,
  names: SettingNames = {},
): string[] {
  return SETTINGS.flatMap((spec) => {
    const place = spec.script;
    if (!place || !('call' in place) || place.call !== call || !('arg' in place)) return [];
    return isUnused(spec, config) ? [] : [`${place.arg}=${literalOf(spec, config, names)}`];
  });
}

/**
 * The DataLoader's arguments; with replacement, `sampler=RandomSampler(dataset, replacement=True)`
 * after batch_size, where shuffle= would be (PyTorch refuses shuffle=True beside a sampler).
 */
function loaderArguments(config: RunConfig, names: SettingNames = {}): string {
  const args = argumentsOf('DataLoader', config, names);
  if (!config.replacement) return args.join(', ');
  const sampler = `sampler=RandomSampler(${trainSetName(config)}, ${argumentsOf('RandomSampler', config).join(', ')})`;
  const at = args.findIndex((a) => a.startsWith('batch_size=')) + 1;
  return [...args.slice(0, at), sampler, ...args.slice(at)].join(', ');
}

/** What the DataLoader walks: the whole dataset, or random_split's train_set. */
export function trainSetName(config: RunConfig): string {
  return heldOutCount(config.validationSplit, datasetSizeFor(config)) > 0 ? 'train_set' : 'dataset';
}

/** random_split, right after the dataset: it draws before the model, as a user writes it. */
function splitLines(config: RunConfig, n: number): string[] {
  const k = heldOutCount(config.validationSplit, n);
  if (k === 0) return [];
  return [
    `# The validation split: int(${pythonFloat(config.validationSplit)} * ${n}) = ${k} of the ${n} samples are held out, never`,
    '# trained on. random_split draws one random permutation from the seeded generator (here, before',
    '# the model draws its starting weights): train_set gets its first N - k indices, val_set the rest.',
    `num_held_out = int(${pythonFloat(config.validationSplit)} * len(dataset))`,
    'train_set, val_set = random_split(dataset, [len(dataset) - num_held_out, num_held_out])',
    'val_inputs, val_targets, _ = dataset[val_set.indices]',
    '',
  ];
}

/** After each epoch, with a validation split: the held-out samples' loss, printed as the app logs it. */
function validationLines(config: RunConfig): string[] {
  if (trainSetName(config) === 'dataset') return [];
  return [
    "    # The loss on the held-out samples after this epoch's last step; no_grad: nothing is trained.",
    '    with torch.no_grad():',
    '        val_loss = loss_fn(model(val_inputs), val_targets)',
    "    print(f'Epoch [{epoch + 1}/{num_epochs}], Validation loss: {val_loss.item():.4f}')",
  ];
}

/** The literal of the one setting the table says at `call`: the seed, the number of epochs. */
function valueAt(call: 'torch.manual_seed' | 'num_epochs', config: RunConfig): string {
  const spec = SETTINGS.find((s) => s.script && 'call' in s.script && s.script.call === call);
  if (!spec) throw new Error(`no setting at ${call}`);
  return literalOf(spec, config);
}

/** `minibatch_lab_sine_mlp_seed0`'s parts: the data and model when not the tutorial's, the seed. */
export function scriptNameParts(config: RunConfig, first: string): string[] {
  const parts = [first];
  if (config.dataset !== 'tutorial') parts.push(config.dataset);
  if (config.model !== 'linear') parts.push(config.model);
  // A negative seed's '-' has no place in a module name: seed -1 → seedm1.
  parts.push(`seed${String(config.seed).replace('-', 'm')}`);
  return parts;
}

/** `minibatch_lab_seed0_batch3.py`: a valid Python module name, telling runs apart. */
export function pytorchScriptFilename(config: RunConfig): string {
  const parts = [...scriptNameParts(config, 'minibatch_lab'), `batch${config.batchSize}`];
  if (config.replacement) parts.push('replacement');
  return `${parts.join('_')}.py`;
}

/** The shared part of the generated sets: their generator, x's uniforms, and the noise. */
function generatedDataLines(config: RunConfig, what: string, xLine: string, names: SettingNames): string[] {
  const n = pythonInt(config.samples);
  return [
    `# The data: ${plural(config.samples, 'sample')} of ${what}.`,
    '# They are drawn from a generator of their own, so that making them leaves the global generator',
    "# alone: the model's starting weights and the shuffling are drawn just as in the tutorial. Its",
    "# seed is seed + 1, a stream unrelated to the global generator's.",
    // seed + 1 overflows manual_seed for the largest seed; the app's generator keeps its low 32
    // bits, which are those of 0.
    names.seed !== undefined
      ? `data_generator = torch.Generator().manual_seed((${names.seed} + 1) % 2**64)  # the largest seed's + 1 is 2**64: 0`
      : BigInt(config.seed) === SEED_MAX
        ? 'data_generator = torch.Generator().manual_seed(0)  # seed + 1 = 2**64, taken mod 2**64'
        : `data_generator = torch.Generator().manual_seed(${pythonSeed(config.seed)} + 1)`,
    `u = torch.rand(${n}, 1, generator=data_generator)  # one row per sample, one column per feature`,
    `v = torch.rand(${n}, 4, generator=data_generator)`,
    '# Noise with mean 0 and standard deviation 1, close to a normal distribution: the sum of four',
    '# uniform numbers, centred and scaled (Irwin-Hall). torch.randn would do as well, but its last',
    '# bits depend on the CPU; these are the same everywhere, and in the app.',
    'noise = (v[:, 0:1] + v[:, 1:2] + v[:, 2:3] + v[:, 3:4] - 2) * math.sqrt(3)',
    xLine,
  ];
}

function datasetSection(config: RunConfig, names: SettingNames): string[] {
  switch (config.dataset) {
    case 'tutorial':
      return [
        '# The data: ten samples, x = 1, 2, ..., 10, and the label y = 2x, the line the model',
        '# should learn. One row per sample, one column per feature: shape [10, 1].',
        'x = torch.arange(1, 11, dtype=torch.float32).reshape(-1, 1)',
        'y = 2 * x',
      ];
    case 'line':
      return [
        ...generatedDataLines(
          config,
          `y = ${LINE.slope}x + ${LINE.intercept} + noise, x uniform in [0, ${LINE.xScale})`,
          `x = ${LINE.xScale} * u`,
          names,
        ),
        `y = ${LINE.slope} * x + ${LINE.intercept} + noise`,
      ];
    case 'sine':
      return [
        '# sin(x) from its Taylor series up to x**15: within 1.1e-6 of torch.sin on [-pi, pi], and',
        '# made of float32 multiplies and adds only, so that it gives the same bits on every machine',
        "# (torch.sin's last bit depends on the CPU's vector math library).",
        'SINE_TAYLOR = [(-1) ** k / math.factorial(2 * k + 1) for k in range(7, -1, -1)]',
        '',
        '',
        'def sine(x):',
        '    x2 = x * x',
        '    p = torch.full_like(x, SINE_TAYLOR[0])',
        '    for c in SINE_TAYLOR[1:]:',
        '        p = p * x2 + c',
        '    return p * x',
        '',
        '',
        ...generatedDataLines(
          config,
          `y = sin(x) + ${pythonFloat(SINE.noise)} * noise, x uniform in [-pi, pi) (one period)`,
          'x = 2 * math.pi * u - math.pi',
          names,
        ),
        `y = sine(x) + ${pythonFloat(SINE.noise)} * noise`,
      ];
    case 'custom':
      return customDataLines(config);
    default:
      return unreachable(config.dataset);
  }
}

/** Up to this many rows the script holds the custom data itself; beyond, it reads the CSV file. */
export const CUSTOM_LITERAL_MAX_ROWS = 10_000;
/** The file the script reads for larger custom data: the user's CSV, saved under this name. */
export const CUSTOM_CSV_FILENAME = 'minibatch_lab_data.csv';

function customDataLines(config: RunConfig): string[] {
  const data = config.customData;
  if (!data) throw new Error('dataset custom without customData');
  const n = data.x.length;
  if (n <= CUSTOM_LITERAL_MAX_ROWS) {
    const list = (column: Float32Array) => `[${Array.from(column, pythonFloat).join(', ')}]`;
    return [
      `# The data: your CSV, ${plural(n, 'row')} of x,y, as the app read them (float32).`,
      '# One row per sample, one column per feature: shape [N, 1].',
      `x = torch.tensor(${list(data.x)}, dtype=torch.float32).reshape(-1, 1)`,
      `y = torch.tensor(${list(data.y)}, dtype=torch.float32).reshape(-1, 1)`,
    ];
  }
  return [
    `# The data: your CSV, ${plural(n, 'row')} of x,y - too many to write into this script. Save`,
    `# your CSV file as ${CUSTOM_CSV_FILENAME} next to this script: it is read here with Python's csv`,
    '# module, as the app read it (blank lines skipped, a first row without numbers is a header).',
    'def number(text):',
    '    try:',
    '        return float(text)',
    '    except ValueError:',
    '        return None',
    '',
    '',
    `with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '${CUSTOM_CSV_FILENAME}'), newline='') as f:`,
    '    rows = [row for row in csv.reader(f) if any(cell.strip() for cell in row)]',
    'if all(number(cell) is None for cell in rows[0]):',
    '    rows = rows[1:]  # the header',
    `assert len(rows) == ${pythonInt(n)}, f'expected ${pythonInt(n)} rows in ${CUSTOM_CSV_FILENAME}, found {len(rows)}'`,
    'x = torch.tensor([float(row[0]) for row in rows], dtype=torch.float32).reshape(-1, 1)',
    'y = torch.tensor([float(row[1]) for row in rows], dtype=torch.float32).reshape(-1, 1)',
  ];
}

function modelSection(config: RunConfig): string[] {
  const spec = modelSpecFor(config);
  switch (spec.kind) {
    case 'linear':
      return [
        '# The model: y_hat = w * x + b. nn.Linear draws its starting w, then b, from the seeded',
        '# generator, uniformly in [-1, 1] (1/sqrt(in_features) with one input feature).',
        `model = ${describeModel(spec)}`,
      ];
    case 'mlp': {
      const h = spec.hiddenUnits;
      return [
        `# The model: a small neural network, 1 input -> ${plural(h, 'hidden unit')} (${spec.activation}) -> 1 output.`,
        '# Each nn.Linear draws its starting weights, then its biases, from the seeded generator as it',
        `# is built: the first layer uniformly in [-1, 1], the second in [-1/sqrt(${h}), 1/sqrt(${h})].`,
        `model = ${describeModel(spec)}`,
      ];
    }
    default:
      return unreachable(spec);
  }
}

function unreachable(value: never): never {
  throw new Error(`No PyTorch export for ${String(value)}`);
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function loaderComments(config: RunConfig, datasetSize: number): string[] {
  const steps = batchesPerEpoch(datasetSize, config.batchSize, config.dropLast);
  const lines = [`# The DataLoader cuts the dataset into mini-batches of batch_size samples, ${steps} per epoch.`];
  lines.push(
    config.replacement
      ? '# sampler=RandomSampler(dataset, replacement=True): every epoch draws len(dataset) sample\n' +
          '# indices at random, each one on its own, from a generator seeded by the seeded generator: a\n' +
          '# sample can come twice in an epoch and another not at all.'
      : config.shuffle
        ? '# shuffle=True: every epoch walks the samples in a new random order, drawn from the seeded\n' +
          '# generator, so the batches change from epoch to epoch.'
        : '# shuffle=False: every epoch walks the samples in order 0, 1, 2, ..., so the batches are\n' +
          '# the same in every epoch.',
  );
  const remainder = datasetSize % config.batchSize;
  if (remainder === 0) {
    lines.push(
      `# drop_last=${pythonBool(config.dropLast)}: only matters when batch_size does not divide the number of`,
      `# samples; here ${datasetSize} / ${config.batchSize} leaves no short batch.`,
    );
  } else if (config.dropLast) {
    lines.push(
      `# drop_last=True: the last ${plural(remainder, 'sample')} of each epoch do not fill a batch of`,
      `# ${config.batchSize}, so they are skipped in that epoch.`,
    );
  } else {
    lines.push(
      `# drop_last=False: the last batch of each epoch keeps the ${plural(remainder, 'sample')} left over`,
      `# when batch_size ${config.batchSize} does not divide ${datasetSize}.`,
    );
  }
  return lines;
}

function datasetSummary(config: RunConfig): string {
  switch (config.dataset) {
    case 'tutorial':
      return "the tutorial's data (x = 1..10, y = 2x)";
    case 'line':
      return `a noisy line, ${plural(config.samples, 'sample')}`;
    case 'sine':
      return `a noisy sine, ${plural(config.samples, 'sample')}`;
    case 'custom':
      return `your CSV data, ${plural(datasetSizeFor(config), 'sample')}`;
  }
}

function initialValuesComment(plan: ReturnType<typeof createRunPlan>): string[] {
  if (plan.initialParams) {
    const { w, b } = plan.initialParams;
    return [
      `# With this seed PyTorch starts from w = ${pythonFloat(w)}, b = ${pythonFloat(b)}, the`,
      '# initial values the app shows; uncomment the print below model = ... to see them.',
    ];
  }
  const p = plan.initialParameters;
  return [
    `# With this seed PyTorch starts from the weights the app shows (the first is ${pythonFloat(p[0])});`,
    '# uncomment the print below model = ... to see them all.',
  ];
}

/**
 * The numbers of the app's figure "Gradient noise" at the final parameters, with autograd one sample
 * at a time (torch 1.13 has no torch.func); a commented-out call, so the script prints the log only.
 */
function gradientNoiseSection(config: RunConfig): string[] {
  return [
    '',
    '# The app\'s figure "Gradient noise" at the final parameters: the per-sample gradients g_i of',
    '# (f(x_i) - y_i)**2, their mean G (the full-data gradient), tr(Sigma) with Sigma their covariance',
    '# divided by N, the spread E|g_B - G|^2 of a batch-mean gradient and B_simple = tr(Sigma) / |G|^2',
    '# (McCandlish et al. 2018). One backward pass per sample: minutes at N = 1,000,000.',
    'def gradient_noise(model, x, y, batch_size, replacement):',
    '    rows = []',
    '    for i in range(len(x)):',
    '        model.zero_grad()',
    '        ((model(x[i:i + 1]) - y[i:i + 1]) ** 2).sum().backward()',
    '        rows.append(torch.cat([p.grad.reshape(-1) for p in model.parameters()]).double())',
    '    g = torch.stack(rows)',
    '    full = g.mean(dim=0)',
    '    n, b = len(x), min(batch_size, len(x))',
    '    trace = ((g - full) ** 2).sum(dim=1).mean().item()',
    '    norm2 = (full @ full).item()',
    '    spread = trace / b if replacement else (trace / b * (n - b) / (n - 1) if n > 1 else 0.0)',
    "    scale = trace / norm2 if norm2 > 0 else float('inf')",
    "    print(f'Gradient noise: tr(Sigma) = {trace!r}, |G|^2 = {norm2!r}, '",
    "          f'E|g_B - G|^2 = {spread!r} (B = {b}), B_simple = {scale!r}')",
    '',
    // With a validation split SGD's gradients are the training samples': the call says which.
    `# gradient_noise(model, ${trainSetName(config) === 'train_set' ? 'x[train_set.indices], y[train_set.indices]' : 'x, y'}, ` +
      `batch_size=${pythonInt(config.batchSize)}, replacement=${pythonBool(config.replacement)})`,
  ];
}

/** The imports: torch's, and what the data section needs. */
export function importLines(config: RunConfig): string[] {
  const generated = config.dataset === 'line' || config.dataset === 'sine';
  const csvFile = config.dataset === 'custom' && datasetSizeFor(config) > CUSTOM_LITERAL_MAX_ROWS;
  return [
    ...(generated ? ['', 'import math'] : []),
    ...(csvFile ? ['', 'import csv', 'import os'] : []),
    '',
    'import torch',
    'from torch import nn, optim',
    `from torch.utils.data import DataLoader, ${config.replacement ? 'RandomSampler, ' : ''}TensorDataset` +
      (trainSetName(config) === 'train_set' ? ', random_split' : ''),
  ];
}

/**
 * What a run builds once torch.manual_seed has seeded it, in the tutorial's order (the order of the
 * draws): the data, the DataLoader, the model, the loss and the optimizer. With `names`, the grid's
 * settings are those Python names and the comments that tell one setting's numbers are left out.
 */
export function runSetupLines(config: RunConfig, names?: SettingNames): string[] {
  const n = datasetSizeFor(config);
  const plan = createRunPlan(config);
  const spec = plan.model;
  return [
    ...datasetSection(config, names ?? {}),
    '',
    "# A third column with each sample's index, only so that the log can show which samples are",
    '# in a batch. TensorDataset just slices the tensors; it draws no random numbers.',
    'sample_index = torch.arange(len(x))',
    'dataset = TensorDataset(x, y, sample_index)',
    '',
    ...splitLines(config, n),
    ...(names ? [] : loaderComments(config, n - heldOutCount(config.validationSplit, n))),
    `loader = DataLoader(${trainSetName(config)}, ${loaderArguments(config, names)})`,
    '',
    ...modelSection(config),
    ...(names
      ? []
      : [
          spec.kind === 'linear'
            ? "# print(f'initial w = {model.weight.item()!r}, b = {model.bias.item()!r}')"
            : '# print(model.state_dict())',
        ]),
    '',
    '# The loss: mean squared error, averaged over the samples of the batch (however many it has).',
    'loss_fn = nn.MSELoss()',
    '# Stochastic gradient descent: after each batch, every parameter p -= lr * d(loss)/dp.',
    `optimizer = optim.SGD(model.parameters(), ${argumentsOf('optim.SGD', config, names).join(', ')})`,
  ];
}

export function buildPytorchScript(config: RunConfig): string {
  const plan = createRunPlan(config);
  const spec = plan.model;
  const lr = pythonFloat(config.learningRate);
  const filename = pytorchScriptFilename(config);

  const lines = [
    '# minibatch-lab: the PyTorch tutorial on mini-batch SGD, with the settings of your run:',
    `#   batch size ${config.batchSize}, ${config.replacement ? 'sampling with replacement' : `shuffle ${config.shuffle ? 'on' : 'off'}`}, ` +
      `drop last ${config.dropLast ? 'on' : 'off'}, learning rate ${lr}, ` +
      `${plural(config.epochs, 'epoch')}, seed ${config.seed}` +
      (config.validationSplit > 0 ? `, validation split ${pythonFloat(config.validationSplit)}` : ''),
    ...(config.dataset !== 'tutorial' || spec.kind !== 'linear'
      ? [`#   data: ${datasetSummary(config)}; model: ${describeModel(spec)}`]
      : []),
    '#',
    `# Run it where PyTorch is installed:   python3 ${filename}`,
    "# It prints the lines of the app's training log, one per step (per mini-batch):",
    '#   Epoch [e/E], Step [s/S], Batch [sample indices], Loss: the batch loss',
    ...(trainSetName(config) === 'train_set'
      ? ['# and after each epoch the loss on the held-out samples:', '#   Epoch [e/E], Validation loss: the loss']
      : []),
    '# The batch lists the 0-based indices of the samples it holds, in the order the DataLoader gave',
    "# them. On the CPU they should be identical to the app's lines (minibatch-lab's",
    '# docs/fidelity.md says which PyTorch versions match, and where they cannot).',
    ...initialValuesComment(plan),
    ...importLines(config),
    '',
    '# Seed the global random number generator before anything random happens: it decides the',
    "# model's starting weights and the DataLoader's shuffling, so a seed gives one exact run.",
    `torch.manual_seed(${valueAt('torch.manual_seed', config)})`,
    '',
    ...runSetupLines(config),
    '',
    `num_epochs = ${valueAt('num_epochs', config)}`,
    'steps_per_epoch = len(loader)',
    'for epoch in range(num_epochs):',
    '    # Iterating over the loader starts a new epoch (and, with shuffle=True, a new order).',
    '    for step, (inputs, targets, batch_index) in enumerate(loader):',
    '        predictions = model(inputs)  # forward pass on this mini-batch',
    '        loss = loss_fn(predictions, targets)',
    "        optimizer.zero_grad()  # forget the previous step's gradients",
    '        loss.backward()  # gradients of this batch loss with respect to every parameter',
    '        optimizer.step()  # one SGD update',
    "        print(f'Epoch [{epoch + 1}/{num_epochs}], Step [{step + 1}/{steps_per_epoch}], '",
    "              f'Batch {batch_index.tolist()}, Loss: {loss.item():.4f}')",
    ...validationLines(config),
    ...gradientNoiseSection(config),
    '',
  ];
  return lines.join('\n');
}
