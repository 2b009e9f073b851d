// "Export experiment as PyTorch script": the tutorial's program (pytorch-script.ts, whose sections
// it reuses) in a loop over the grid, in the results' order (shuffle, batch size, learning rate,
// seed). Each run seeds torch.manual_seed(seed) and builds its data, DataLoader and model exactly as
// the single run's script does, so each run is that run. The script prints the app's experiment CSV
// (experiment-csv.ts): its header, then one line per run, field for field and character for
// character — the final loss summed in float64 over the last epoch's float32 batch losses in step
// order as the app sums them, the divergence rule ported from src/engine/divergence.ts, and numbers
// laid out as JavaScript writes them — so `python3 script.py > out.csv` can be compared by diff.
import type { RunConfig } from '../engine/config';
import { describeModel, modelSpecFor } from '../engine/models';
import { datasetSizeFor } from '../engine/plan';
import { seedPlus, shufflesOf, type ExperimentSpec } from '../engine/experiment/spec';
import { EXPERIMENT_CSV_COLUMNS } from './experiment-csv';
import { pythonBool, pythonFloat, pythonInt, pythonSeed } from './python-literal';
import { importLines, plural, runSetupLines, scriptNameParts, type SettingNames } from './pytorch-script';

const GRID_NAMES: SettingNames = {
  batchSize: 'batch_size',
  learningRate: 'learning_rate',
  shuffle: 'shuffle',
  seed: 'seed',
};

/** `minibatch_lab_experiment_seed0.py` (with the data and model when not the tutorial's). */
export function experimentScriptFilename(config: RunConfig): string {
  return `${scriptNameParts(config, 'minibatch_lab_experiment').join('_')}.py`;
}

const indent = (lines: string[]): string[] =>
  lines.flatMap((l) => l.split('\n')).map((l) => (l === '' ? '' : `    ${l}`));

/** The app's summary of a run (engine/experiment/results.ts, engine/divergence.ts), in Python. */
const SUMMARY_LINES = [
  "# The app's summary of a run (src/engine/experiment/results.ts and divergence.ts), step for step.",
  'RISING_WINDOWS = 6  # window means that rise this many windows in a row...',
  "RISE_FACTOR = 10  # ...to this many times the first window's mean,",
  'BLOW_UP_FACTOR = 100  # or this many times it however they got there: the run diverged.',
  '',
  '',
  'def diverged_from(losses, steps_per_epoch):',
  '    """A loss that is not finite, or window means of min(50, max(4, steps per epoch)) steps that grew."""',
  '    window = min(50, max(4, steps_per_epoch))',
  '    first = previous = None',
  '    rising, total, count = 0, 0.0, 0',
  '    for loss in losses:',
  '        if not math.isfinite(loss):',
  '            return True',
  '        total += loss',
  '        count += 1',
  '        if count < window:',
  '            continue',
  '        mean = total / count',
  '        total, count = 0.0, 0',
  '        if first is None:',
  '            first = previous = mean',
  '            continue',
  '        rising = rising + 1 if mean > previous else 0',
  '        previous = mean',
  '        if (rising >= RISING_WINDOWS and mean > RISE_FACTOR * first) or mean > BLOW_UP_FACTOR * first:',
  '            return True',
  '    return False',
  '',
  '',
  'def summarize(losses, steps_per_epoch, target_loss):',
  '    """The final loss, the steps to the target (1-based; None: never) and whether the run diverged."""',
  '    final_loss = float("nan")',
  '    if 0 < steps_per_epoch <= len(losses):',
  '        # The mean batch loss of the last epoch: a float64 sum in step order, as the app takes it',
  "        # (not sum(), which Python 3.12 made compensated, nor torch's float32 mean).",
  '        total = 0.0',
  '        for loss in losses[len(losses) - steps_per_epoch:]:',
  '            total += loss',
  '        final_loss = total / steps_per_epoch',
  '    steps_to_target = next((i + 1 for i, loss in enumerate(losses) if loss <= target_loss), None)',
  '    diverged = diverged_from(losses, steps_per_epoch) or not math.isfinite(final_loss)',
  '    return final_loss, steps_to_target, diverged',
  '',
  '',
  'def csv_number(value):',
  '    """A float as the app\'s CSV writes it: repr\'s shortest digits in JavaScript\'s layout; nan, inf, -inf."""',
  '    if math.isnan(value) or math.isinf(value):',
  '        return repr(value)',
  '    if value == 0:',
  "        return '0'",
  '    digits, exponent = decimal.Decimal(repr(abs(value))).normalize().as_tuple()[1:]',
  "    digits = ''.join(map(str, digits))",
  '    k, n = len(digits), exponent + len(digits)  # value = 0.digits * 10**n',
  "    sign = '-' if value < 0 else ''",
  '    if k <= n <= 21:',
  "        return sign + digits + '0' * (n - k)",
  '    if 0 < n <= 21:',
  "        return sign + digits[:n] + '.' + digits[n:]",
  '    if -6 < n <= 0:',
  "        return sign + '0.' + '0' * -n + digits",
  "    fraction = '.' + digits[1:] if k > 1 else ''",
  "    return f'{sign}{digits[0]}{fraction}e{n - 1:+d}'",
];

export function buildExperimentScript(base: RunConfig, spec: ExperimentSpec): string {
  const model = modelSpecFor(base);
  const seeds = Array.from({ length: spec.seedsPerSetting }, (_, s) => seedPlus(base.seed, s));
  const shuffles = shufflesOf(spec.shuffle);
  const runs = shuffles.length * spec.batchSizes.length * spec.learningRates.length * seeds.length;
  const list = (values: string[]) => `[${values.join(', ')}]`;
  const lines = [
    "# minibatch-lab: the PyTorch tutorial on mini-batch SGD, as the app's experiment: a grid of runs,",
    `#   batch sizes ${spec.batchSizes.join(', ')}; learning rates ${spec.learningRates.map(pythonFloat).join(', ')}; ` +
      `shuffle ${base.replacement ? 'unused (sampling with replacement)' : { on: 'on', off: 'off', both: 'on and off' }[spec.shuffle]}; ` +
      `${plural(spec.seedsPerSetting, 'seed')} per setting (seed ${base.seed} + s): ${plural(runs, 'run')}`,
    `#   ${plural(base.epochs, 'epoch')}, drop last ${base.dropLast ? 'on' : 'off'}, target loss ${pythonFloat(spec.targetLoss)}` +
      (base.validationSplit > 0 ? `, validation split ${pythonFloat(base.validationSplit)}` : ''),
    `#   data: ${base.dataset === 'tutorial' ? "the tutorial's" : `${base.dataset}, ${plural(datasetSizeFor(base), 'sample')}`}; ` +
      `model: ${describeModel(model)}`,
    '#',
    `# Run it where PyTorch is installed:   python3 ${experimentScriptFilename(base)} > experiment.csv`,
    "# It prints the app's experiment CSV (Download experiment CSV), a header and one line per run:",
    `#   ${EXPERIMENT_CSV_COLUMNS.join(',')}`,
    '# Each run is the single run with its settings (the app\'s "Export as PyTorch script"): it seeds',
    "# the global generator, then builds its data, DataLoader and model in the tutorial's order.",
    '',
    'import decimal',
    'import math',
    ...importLines(base).filter((l, i, all) => l !== 'import math' && !(l === '' && all[i - 1] === 'import math')),
    '',
    '',
    'def train(batch_size, learning_rate, shuffle, seed):',
    '    """One run of the grid: every step\'s batch loss, and the steps per epoch."""',
    '    torch.manual_seed(seed)',
    ...indent(runSetupLines(base, GRID_NAMES)),
    '',
    `    num_epochs = ${pythonInt(base.epochs)}`,
    '    losses = []',
    '    for epoch in range(num_epochs):',
    '        for inputs, targets, batch_index in loader:',
    '            loss = loss_fn(model(inputs), targets)',
    '            optimizer.zero_grad()',
    '            loss.backward()',
    '            optimizer.step()',
    '            losses.append(loss.item())  # the float32 loss, exactly, as a Python float',
    '    return losses, len(loader)',
    '',
    '',
    ...SUMMARY_LINES,
    '',
    '',
    "# The grid, in the order of the app's results: shuffle, then batch size, learning rate, seed.",
    `shuffles = ${list(shuffles.map(pythonBool))}`,
    `batch_sizes = ${list(spec.batchSizes.map(pythonInt))}`,
    `learning_rates = ${list(spec.learningRates.map(pythonFloat))}`,
    `seeds = ${list(seeds.map(pythonSeed))}  # seed ${base.seed} + s, wrapping as torch.manual_seed's range does`,
    `target_loss = ${pythonFloat(spec.targetLoss)}`,
    '',
    `print('${EXPERIMENT_CSV_COLUMNS.join(',')}')`,
    'for shuffle in shuffles:',
    '    for batch_size in batch_sizes:',
    '        for learning_rate in learning_rates:',
    '            for seed in seeds:',
    '                losses, steps_per_epoch = train(batch_size, learning_rate, shuffle, seed)',
    '                final_loss, steps_to_target, diverged = summarize(losses, steps_per_epoch, target_loss)',
    "                steps = '' if steps_to_target is None else str(steps_to_target)",
    '                fields = [batch_size, csv_number(learning_rate), int(shuffle), seed, csv_number(final_loss), steps, int(diverged)]',
    "                print(','.join(map(str, fields)))",
    '',
  ];
  return lines.join('\n');
}
