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
};
