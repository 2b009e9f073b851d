// More data and models, end to end on WebGPU (SwiftShader): the MLP on the sine, the noisy line
// with 100,000 samples, and a million samples, each against the engine's plain-JS reference.
//
// The log prints 4 decimals, so the unrounded numbers are taken from the worker's own messages:
// an init script wraps the page's Worker and keeps every 'run-ready', 'epoch' and 'progress' message.
import { expect, test, type Page } from '@playwright/test';
import { createRunPlan } from '../src/engine/plan';
import { DEFAULT_CONFIG, type RunConfig } from '../src/engine/config';
import { logLines, openApp, referenceRun, status, trainToEnd } from './helpers';

interface Recorded {
  type: string;
  epoch?: number;
  batches?: number[][];
  order?: Int32Array;
  batchSize?: number;
  /** A step's batch is not sent: it is batch stepInEpoch of its epoch's order. */
  steps?: { step: number; loss: number; epoch: number; stepInEpoch: number }[];
  modelParams?: number[];
  initialModelParams?: number[];
  tensorCount?: number;
}

declare global {
  interface Window {
    __workerMessages: Recorded[];
  }
}

async function recordWorkerMessages(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__workerMessages = [];
    const Original = window.Worker;
    window.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (event: MessageEvent<Recorded>) => {
          const { type, epoch, batches, order, batchSize, steps, modelParams, initialModelParams, tensorCount } =
            event.data ?? {};
          if (!['run-ready', 'epoch', 'progress'].includes(type)) return;
          window.__workerMessages.push({
            type,
            ...{ epoch, batches, order, batchSize, steps, modelParams, initialModelParams, tensorCount },
          });
        });
      }
    };
  });
}

/**
 * What the worker said about the run: every step's unrounded loss, the epochs, the parameters.
 * With `sampleIndices: false` batches and epochs come as their lengths and a checksum (moving a
 * million indices out of the page takes longer than training on them).
 */
async function workerRecord(page: Page, sampleIndices = true) {
  const messages = await page.evaluate((full) => {
    const digest = (indices: ArrayLike<number>): number[] =>
      full ? Array.from(indices) : [indices.length, Array.from(indices).reduce((h, v) => (h * 31 + v) >>> 0, 7)];
    // Each step's batch as the page derives it: from its epoch's order, posted before the step.
    const orders = new Map<number, { order: Int32Array; batchSize: number }>();
    const batchOf = (epoch: number, stepInEpoch: number): number[] => {
      const e = orders.get(epoch);
      if (!e) return [];
      const start = (stepInEpoch - 1) * e.batchSize;
      return digest(e.order.subarray(start, start + e.batchSize));
    };
    return window.__workerMessages.map((m) => {
      if (m.type === 'run-ready') orders.clear();
      if (m.type === 'epoch' && m.order) orders.set(m.epoch!, { order: m.order, batchSize: m.batchSize! });
      return {
        ...m,
        order: m.order ? digest(m.order) : undefined,
        batches: m.batches?.map(digest),
        steps: m.steps?.map(({ step, loss, epoch, stepInEpoch }) => ({
          step,
          loss,
          batch: batchOf(epoch, stepInEpoch),
        })),
      };
    });
  }, sampleIndices);
  const ready = messages.filter((m) => m.type === 'run-ready').at(-1)!;
  const after = messages.slice(messages.lastIndexOf(ready));
  const steps = after.flatMap((m) => m.steps ?? []);
  const epochs = after
    .filter((m) => m.type === 'epoch')
    .map((m) => (m.order ? (sampleIndices ? chunk(m.order, m.batchSize!) : m.order) : m.batches!));
  const progress = after.filter((m) => m.type === 'progress');
  return { ready, steps, epochs, finalParams: progress.at(-1)?.modelParams, progress };
}

/** The checksum workerRecord(page, false) gives for a list of sample indices. */
const digest = (indices: readonly number[]) => [indices.length, indices.reduce((h, v) => (h * 31 + v) >>> 0, 7)];

function chunk(order: number[], size: number): number[][] {
  return Array.from({ length: Math.ceil(order.length / size) }, (_, k) => order.slice(k * size, (k + 1) * size));
}

function query(config: Partial<RunConfig>): string {
  const keys: [Exclude<keyof RunConfig, 'customData'>, string][] = [
    ['dataset', 'dataset'],
    ['samples', 'n'],
    ['model', 'model'],
    ['hiddenUnits', 'hidden'],
    ['activation', 'act'],
    ['batchSize', 'batch'],
    ['learningRate', 'lr'],
    ['epochs', 'epochs'],
    ['seed', 'seed'],
  ];
  return keys
    .filter(([field]) => config[field] !== undefined)
    .map(([field, key]) => `${key}=${String(config[field])}`)
    .join('&');
}

const closeTo = (actual: number, expected: number) => Math.abs(actual - expected) <= 1e-4 * Math.abs(expected) + 1e-6;

test.beforeEach(async ({ page }) => {
  await recordWorkerMessages(page);
});

test('the MLP learns the sine on WebGPU: every loss within 1e-4 of the reference, tensors flat', async ({ page }) => {
  const config: Partial<RunConfig> = {
    dataset: 'sine',
    samples: 60,
    model: 'mlp',
    hiddenUnits: 16,
    activation: 'tanh',
    batchSize: 4,
    learningRate: 0.1,
    epochs: 4,
    seed: 3,
  };
  await openApp(page, `${query(config)}&backend=webgpu`);
  const st = status(page);
  await expect(st).toHaveAttribute('data-backend', 'webgpu');
  const tensorsAtReady = Number(await st.getAttribute('data-tensors'));

  await trainToEnd(page);
  const { steps: reference, plan } = referenceRun(config);
  const { ready, steps, finalParams, progress } = await workerRecord(page);
  expect(ready.initialModelParams).toEqual(Array.from(plan.initialParameters));
  expect(steps).toHaveLength(60); // 15 batches of 4, 4 epochs
  steps.forEach((s, k) => {
    expect(s.batch).toEqual(reference[k].batch);
    expect(closeTo(s.loss, reference[k].loss), `step ${k}: ${s.loss} vs ${reference[k].loss}`).toBe(true);
  });
  // The MLP trains: the last epoch's mean loss is well below the first's.
  const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  expect(mean(steps.slice(45).map((s) => s.loss))).toBeLessThan(0.7 * mean(steps.slice(0, 15).map((s) => s.loss)));
  // The parameters after the last step, for a fit view: 3h + 1 of them, close to the reference's.
  const expected = reference.at(-1)!.parameters!;
  expect(finalParams).toHaveLength(49);
  finalParams!.forEach((p, i) => expect(Math.abs(p - expected[i])).toBeLessThan(1e-4));
  // The log prints the same steps.
  const lines = await logLines(page);
  expect(lines.map((l) => l.batch)).toEqual(reference.map((s) => s.batch));
  // No tensor leaks: the count stays flat while training and after a Reset.
  expect(new Set(progress.map((m) => m.tensorCount)).size).toBe(1);
  expect(Number(await st.getAttribute('data-tensors'))).toBe(tensorsAtReady);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(st).toHaveAttribute('data-state', 'ready');
  await expect(st).toHaveAttribute('data-steps-done', '0');
  expect(Number(await st.getAttribute('data-tensors'))).toBe(tensorsAtReady);
});

test('the noisy line, 100,000 samples: the first epoch has the engine’s batches and losses', async ({ page }) => {
  const config: Partial<RunConfig> = { dataset: 'line', samples: 100_000, batchSize: 1000, epochs: 1, seed: 11 };
  await openApp(page, `${query(config)}&backend=webgpu`);
  await expect(status(page)).toHaveAttribute('data-backend', 'webgpu');
  await trainToEnd(page);

  const plan = createRunPlan({ ...DEFAULT_CONFIG, ...config });
  const firstEpoch = plan.nextEpochBatches().map((batch) => Array.from(batch));
  const { steps: reference } = referenceRun(config);
  const { ready, steps, epochs } = await workerRecord(page);
  expect(ready.initialModelParams).toEqual(Array.from(plan.initialParameters));
  expect(epochs).toHaveLength(1);
  expect(epochs[0]).toEqual(firstEpoch);
  expect(steps.map((s) => s.batch)).toEqual(firstEpoch);
  expect(new Set(firstEpoch.flat()).size).toBe(100_000);
  steps.forEach((s, k) => {
    expect(closeTo(s.loss, reference[k].loss), `step ${k}: ${s.loss} vs ${reference[k].loss}`).toBe(true);
  });
  // From the line's scale (losses in the hundreds at w ≈ 0) to about the noise's variance, 1.
  expect(steps[0].loss).toBeGreaterThan(50);
  expect(steps.at(-1)!.loss).toBeLessThan(5);
});

test('a million samples, one epoch of large batches, completes', async ({ page }) => {
  test.setTimeout(180_000);
  const config: Partial<RunConfig> = {
    dataset: 'sine',
    samples: 1_000_000,
    model: 'mlp',
    hiddenUnits: 4,
    activation: 'relu',
    batchSize: 100_000,
    learningRate: 0.05,
    epochs: 1,
  };
  await openApp(page, `${query(config)}&backend=webgpu`);
  await expect(status(page)).toHaveAttribute('data-backend', 'webgpu');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'finished', { timeout: 150_000 });
  const { steps, epochs } = await workerRecord(page, false);
  const { steps: reference } = referenceRun(config);
  expect(steps).toHaveLength(10);
  expect(epochs).toEqual([digest(reference.flatMap((s) => s.batch))]);
  steps.forEach((s, k) => {
    expect(s.batch).toEqual(digest(reference[k].batch));
    expect(closeTo(s.loss, reference[k].loss), `step ${k}: ${s.loss} vs ${reference[k].loss}`).toBe(true);
  });
});
