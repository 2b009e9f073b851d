// English only the page says, apart from en.ts for the reason the glossary is (glossary-en.ts): the
// training worker imports en.ts for the English of its own messages and errors, and its bundle has
// no room for words it never says. A key the page alone uses may live here; the other languages
// keep theirs in their one catalogue.
export const enPage = {
  'noise.stepBefore': 'Step {step}, at the parameters before its update.',
  'noise.replayed':
    "The page keeps the MLP's parameters after each chunk of steps it receives; these were replayed from those after step {from}, each step on its own batch, in PyTorch's float32 arithmetic.",
  'noise.replayedFromStart':
    "The page keeps the MLP's parameters after each chunk of steps it receives; these were replayed from the initial ones, each step on its own batch, in PyTorch's float32 arithmetic.",
  'noise.stepMlpLatest': "Step {step}, at the MLP's latest parameters: {why}",
  'noise.stepAfterRun': "After the last step, at the MLP's final parameters: {why}",
  'noise.whyGone': 'this step cannot be replayed, because a large run keeps the batches of its newest epochs only.',
  'noise.whyLarge': 'this step is not replayed, because replaying its batches would take too much memory and time.',
  'noise.whyNotKept': 'the page holds no parameters from before this step.',
  'export.csvNoiseProgress': "Working out the MLP's gradient-noise columns for the CSV: step {done} of {total}…",
  'export.csvCancel': 'Save without them',
  'export.csvNoiseFailed':
    "The MLP's gradient-noise columns could not be worked out ({reason}); the CSV was saved without them.",

  'x.summary': 'Experiments: which batch size, which learning rate?',
  'x.loading': 'Loading the experiments…',
  'x.intro':
    "An experiment trains a grid of runs at once — every batch size with every learning rate, each with several seeds — on the run's data, model, epochs, drop_last and seed. Run s of a setting uses seed = Seed + s and is exactly the single run with those settings: the same batches, initial weights and losses.",
  'x.presets': 'Experiment presets',
  'x.presetFastest': 'Which batch size is fastest?',
  'x.presetFastestNote':
    'Look at Steps to target: how many steps, and how many samples (steps × B), each batch size needs at its best learning rate. Where more samples per step stop saving steps is the critical batch size.',
  'x.presetShuffling': 'Does shuffling matter?',
  'x.presetShufflingNote':
    'Compare the heatmap for Shuffle on and off: without shuffling, every epoch feeds the samples in the same order, 1 to 10.',
  'x.formLabel': 'Experiment grid',
  'x.batchSizes': 'Batch sizes',
  'x.learningRates': 'Learning rates',
  'x.listHint': 'comma list',
  'x.shuffle': 'Shuffle',
  'x.shuffleOn': 'On',
  'x.shuffleOff': 'Off',
  'x.shuffleBoth': 'Both',
  'x.seeds': 'Seeds per setting',
  'x.seedsHint': '1 to 64',
  'x.target': 'Target loss',
  'x.targetHint': 'a run reaches it at its first batch loss at or below it',
  'x.gridSize': '{runs} runs of {epochs} epochs, seeds from {seed}.',
  'x.run': 'Run experiment',
  'x.cancel': 'Cancel experiment',
  'x.progressLabel': 'Experiment progress',
  'x.planning': 'Planning the runs…',
  'x.running': 'Training {runs} runs {engine}: {percent}%',
  'x.done': '{runs} runs, {steps} steps in {seconds} s, {engine}.',
  'x.cancelled': 'Experiment cancelled.',
  'x.error': 'The experiment failed: {reason}',
  'x.engineGpu': 'on WebGPU ({adapter}) in fused WGSL kernels, {schedule}',
  'x.engineJsBackend': "in plain-JS float32 on the CPU (the page's backend is not WebGPU)",
  'x.engineJsNoGpu': 'in plain-JS float32 on the CPU: this browser offers no WebGPU adapter',
  'x.engineJsMlp': "in plain-JS float32 on the CPU: the experiment's GPU kernel trains MLPs up to 256 hidden units",
  'x.engineJsFailed': 'in plain-JS float32 on the CPU: the GPU kernels could not be set up',
  'x.table': 'Experiment results',
  'x.colBatch': 'Batch size',
  'x.colLr': 'Learning rate',
  'x.colShuffle': 'Shuffle',
  'x.colSeed': 'Seed',
  'x.colFinal': 'Final loss',
  'x.colSteps': 'Steps to target',
  'x.colDiverged': 'Diverged',
  'x.never': 'never',
  'x.summarySeeds': 'median of {count}',
  'x.divergedOf': '{count} of {seeds}',
  'x.yes': 'yes',
  'x.no': 'no',
  'error.xBatchSizes': 'Batch sizes: a comma list of whole numbers from 1 up, e.g. 1,2,3,5,10.',
  'error.xLearningRates': 'Learning rates: a comma list of positive numbers, e.g. 0.001,0.01,0.03.',
  'error.xShuffle': 'Shuffle must be On, Off or Both.',
  'error.xSeeds': 'Seeds per setting must be a whole number from 1 to {max}.',
  'error.xTarget': 'Target loss must be a positive number.',
  'error.xTooManyRuns': 'That grid has {runs} runs; an experiment has at most {max}.',
  'error.xTooManySteps': "That grid trains {steps} steps in all; an experiment keeps at most {max} steps' losses.",
  'x.shuffledRuns': 'Shuffle on',
  'x.unshuffledRuns': 'Shuffle off',
  'x.cornerLabel': 'B \\ lr',
  'x.cellLabel':
    'B = {batch}, lr = {lr}, shuffle {shuffle}: median final loss {loss}, {diverged} of {seeds} seeds diverged. Load this setting into the run above.',
  'x.cellDiverged': '{count}/{seeds} diverged',
  'x.heatmapNote':
    'Each cell: the median over its seeds of the final loss (the mean batch loss of the last epoch), darker is lower, on a log scale; a dashed border counts the seeds that diverged. Choose a cell to load its setting into the run above.',
  'x.boundNote':
    'The dashed line is the full batch’s stability bound, lr < 2/λmax = {bound}: gradient descent on all the data diverges to its right.',
  'x.boundAbove':
    'The full batch’s stability bound, lr < 2/λmax = {bound}, lies beyond every learning rate in the grid.',
  'x.boundBelow':
    'The full batch’s stability bound, lr < 2/λmax = {bound}, lies below every learning rate in the grid.',
  'x.heatmapCaption': 'Batch size × learning rate',
  'x.stepsCaption': 'Steps to target',
  'x.seedsCaption': 'Across seeds',
  'x.lrShown': 'Learning rate shown',
  'x.csv': 'Download experiment CSV',
  'x.png': 'Download experiment PNG',
  'x.script': 'Export experiment as PyTorch script',
  'x.figures': 'the experiment’s figures',
  'x.axisToTarget': 'to the target',
  'x.seriesSteps': 'steps (median, 10–90% band)',
  'x.seriesSamples': 'samples = steps × B',
  'x.seriesFit': 'fitted trade-off',
  'x.axisStep': 'step',
  'x.axisEpoch': 'epoch',
  'x.stepsAria':
    'Steps and samples to reach a batch loss of {target}, against batch size, each batch size at its best learning rate in the grid, on log axes.',
  'x.noneReached':
    'No batch size reached the target loss {target} with most of its seeds at any learning rate in the grid.',
  'x.critical':
    'Fitted (S/S_min − 1)(E/E_min − 1) = 1 (McCandlish et al. 2018): at least S_min ≈ {sMin} steps and E_min ≈ {eMin} samples; the critical batch size E_min/S_min ≈ {bCrit}. Below it a larger batch saves steps almost for free; above it, it mostly costs more samples.',
  'x.noFit':
    'These points do not fit the steps/samples trade-off (steps that do not fall as the batch grows, or too few batch sizes reach the target), so no critical batch size is given.',
  'x.shuffleShown': 'Shuffle shown',
  'x.seedsAxis': 'Across seeds by',
  'x.seedsAria':
    'The batch loss at learning rate {lr}: per batch size the median over seeds and the 10–90% band, on log axes.',
  'x.seedsNote':
    'Line: the median over seeds; band: from the 10% to the 90% quantile. A wide band is luck — the seed — at work.',
};
