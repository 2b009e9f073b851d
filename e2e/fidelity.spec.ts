// Issue "Fidelity to PyTorch": with seed 0 and the tutorial's example, the app's 40 log lines
// (batches and 4-decimal losses) equal a trace computed without tfjs — the engine's float32
// reference on the PyTorch RNG. Runs in both projects: on WebGPU and on the fallback backend.
import { expect, test } from '@playwright/test';
import { formatLogLine } from '../src/engine/format';
import { openApp, referenceTrace, status, trainingLog, trainToEnd } from './helpers';

test('seed 0: the training log equals the PyTorch-RNG reference line for line', async ({ page }, info) => {
  await openApp(page, 'seed=0');
  const backend = await status(page).getAttribute('data-backend');
  expect(backend).toBe(info.project.name === 'webgpu' ? 'webgpu' : backend === 'cpu' ? 'cpu' : 'webgl');

  const { steps, initial } = referenceTrace({ seed: 0 }, 'float32');
  // nn.Linear(1, 1) after torch.manual_seed(0): PyTorch prints w = -0.0075, b = 0.5364.
  await expect(page.getByText(/Initial w = -0\.0075, b = 0\.5364/)).toBeVisible();
  expect(initial.w).toBe(Math.fround(-0.007486820220947266));

  await trainToEnd(page);
  const shown = await trainingLog(page).getByRole('listitem').allTextContents();
  const expected = steps.map((s) => formatLogLine(s.epoch, 10, s.stepInEpoch, 4, s.batch, s.loss));
  expect(shown.map((t) => t.trim())).toEqual(expected);
});
