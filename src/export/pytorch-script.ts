// "Export as PyTorch script": the tutorial's program with the settings of the user's run, which
// prints exactly the lines of the app's training log (src/engine/format.ts), so anyone with PyTorch
// can check the app. The program is built from sections, one per dataset and per model, so later
// datasets and models add a case without touching the rest.
import type { RunConfig } from '../engine/config';
import { batchesPerEpoch } from '../engine/dataloader';
import { createRunPlan, datasetFor } from '../engine/plan';
import { pythonBool, pythonFloat, pythonInt } from './python-literal';

/** `minibatch_lab_seed0_batch3.py`: a valid Python module name, telling runs apart. */
export function pytorchScriptFilename(config: RunConfig): string {
  const parts = ['minibatch_lab'];
  if (config.dataset !== 'tutorial') parts.push(config.dataset);
  if (config.model !== 'linear') parts.push(config.model);
  parts.push(`seed${config.seed}`, `batch${config.batchSize}`);
  return `${parts.join('_')}.py`;
}

function datasetSection(config: RunConfig): string[] {
  switch (config.dataset) {
    case 'tutorial':
      return [
        '# The data: ten samples, x = 1, 2, ..., 10, and the label y = 2x, the line the model',
        '# should learn. One row per sample, one column per feature: shape [10, 1].',
        'x = torch.arange(1, 11, dtype=torch.float32).reshape(-1, 1)',
        'y = 2 * x',
      ];
    default:
      return unreachable(config.dataset);
  }
}

function modelSection(config: RunConfig): string[] {
  switch (config.model) {
    case 'linear':
      return [
        '# The model: y_hat = w * x + b. nn.Linear draws its starting w, then b, from the seeded',
        '# generator, uniformly in [-1, 1] (1/sqrt(in_features) with one input feature).',
        'model = nn.Linear(1, 1)',
      ];
    default:
      return unreachable(config.model);
  }
}

function unreachable(value: never): never {
  throw new Error(`No PyTorch export for ${String(value)}`);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function loaderComments(config: RunConfig, datasetSize: number): string[] {
  const steps = batchesPerEpoch(datasetSize, config.batchSize, config.dropLast);
  const lines = [
    `# The DataLoader cuts the dataset into mini-batches of batch_size samples, ${steps} per epoch.`,
  ];
  lines.push(
    config.shuffle
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

export function buildPytorchScript(config: RunConfig): string {
  const dataset = datasetFor(config);
  const n = dataset.x.length;
  const plan = createRunPlan(config);
  const { w, b } = plan.initialParams;
  const lr = pythonFloat(config.learningRate);
  const filename = pytorchScriptFilename(config);

  const lines = [
    '# minibatch-lab: the PyTorch tutorial on mini-batch SGD, with the settings of your run:',
    `#   batch size ${config.batchSize}, shuffle ${config.shuffle ? 'on' : 'off'}, ` +
      `drop last ${config.dropLast ? 'on' : 'off'}, learning rate ${lr}, ` +
      `${plural(config.epochs, 'epoch')}, seed ${config.seed}`,
    '#',
    `# Run it where PyTorch is installed:   python3 ${filename}`,
    "# It prints the lines of the app's training log, one per step (per mini-batch):",
    '#   Epoch [e/E], Step [s/S], Batch [sample indices], Loss: the batch loss',
    '# The batch lists the 0-based indices of the samples it holds, in the order the DataLoader gave',
    "# them. On the CPU they should be identical to the app's lines (minibatch-lab's",
    '# docs/fidelity.md says which PyTorch versions match, and where they cannot).',
    `# With this seed PyTorch starts from w = ${pythonFloat(w)}, b = ${pythonFloat(b)}, the`,
    '# initial values the app shows; uncomment the print below model = ... to see them.',
    '',
    'import torch',
    'from torch import nn, optim',
    'from torch.utils.data import DataLoader, TensorDataset',
    '',
    '# Seed the global random number generator before anything random happens: it decides the',
    "# model's starting weights and the DataLoader's shuffling, so a seed gives one exact run.",
    `torch.manual_seed(${pythonInt(config.seed)})`,
    '',
    ...datasetSection(config),
    '',
    '# A third column with each sample\'s index, only so that the log can show which samples are',
    '# in a batch. TensorDataset just slices the tensors; it draws no random numbers.',
    'sample_index = torch.arange(len(x))',
    'dataset = TensorDataset(x, y, sample_index)',
    '',
    ...loaderComments(config, n),
    `loader = DataLoader(dataset, batch_size=${pythonInt(config.batchSize)}, ` +
      `shuffle=${pythonBool(config.shuffle)}, drop_last=${pythonBool(config.dropLast)})`,
    '',
    ...modelSection(config),
    "# print(f'initial w = {model.weight.item()!r}, b = {model.bias.item()!r}')",
    '',
    '# The loss: mean squared error, averaged over the samples of the batch (however many it has).',
    'loss_fn = nn.MSELoss()',
    '# Stochastic gradient descent: after each batch, every parameter p -= lr * d(loss)/dp.',
    `optimizer = optim.SGD(model.parameters(), lr=${lr})`,
    '',
    `num_epochs = ${pythonInt(config.epochs)}`,
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
    '',
  ];
  return lines.join('\n');
}
