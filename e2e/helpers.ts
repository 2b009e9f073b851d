import { expect, type Page } from '@playwright/test';
import { DEFAULT_CONFIG, type RunConfig } from '../src/engine/config';
import { createRunPlan } from '../src/engine/plan';
import { trainReference, type LinearReferenceStep, type Precision, type ReferenceStep } from '../src/engine/reference';

export interface LogLine {
  epoch: number;
  epochs: number;
  stepInEpoch: number;
  stepsPerEpoch: number;
  batch: number[];
  lossText: string;
  loss: number;
}

// The public training-log format (README): Epoch [1/10], Step [1/4], Batch [7, 2, 9], Loss: 41.2093
const LOG_LINE =
  /^Epoch \[(\d+)\/(\d+)\], Step \[(\d+)\/(\d+)\], Batch \[([\d, ]*)\], Loss: (-?\d+\.\d{4}|nan|inf|-inf)$/;

export function parseLogLine(text: string): LogLine {
  const m = LOG_LINE.exec(text.trim());
  if (!m) throw new Error(`Not a training-log line: ${JSON.stringify(text)}`);
  return {
    epoch: Number(m[1]),
    epochs: Number(m[2]),
    stepInEpoch: Number(m[3]),
    stepsPerEpoch: Number(m[4]),
    batch: m[5] === '' ? [] : m[5].split(', ').map(Number),
    lossText: m[6],
    loss: Number(m[6]),
  };
}

// The two servers of playwright.config.ts (their ports can be moved with E2E_PORT / E2E_SUBPATH_PORT).
export const SITE_URL = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}/`;
export const SUBPATH_URL = `http://127.0.0.1:${process.env.E2E_SUBPATH_PORT ?? 4174}/course/minibatch-lab/`;

export const status = (page: Page) => page.getByRole('status');
export const trainingLog = (page: Page) => page.getByRole('log', { name: 'Training log' });

/**
 * `query` with `speed=0` (as fast as possible) unless it names a speed: a page without speed= trains
 * tutorial-sized data at 5 steps/s (engine/classroom-speed.ts), and most specs want the run's end.
 * A spec about the default speed opens the page itself.
 */
export function atFullSpeed(query: string): string {
  if (new URLSearchParams(query).has('speed')) return query;
  return query ? `${query}&speed=0` : 'speed=0';
}

/** Opens the app with a query string (at full speed unless it says speed=) and waits until the worker has a backend and a ready run. */
export async function openApp(page: Page, query = '', base = '/'): Promise<void> {
  await page.goto(`${base}?${atFullSpeed(query)}`);
  await expect(status(page)).toHaveAttribute('data-backend', /^(webgpu|webgl|cpu)$/);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
}

/** Opens "Use your own data" (closed unless the run trains on it), where the CSV box and its buttons are. */
export async function openOwnData(page: Page): Promise<void> {
  const details = page.locator('details.own-data');
  if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) await details.locator('summary').click();
}

export async function trainToEnd(page: Page, timeout?: number): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'finished', timeout ? { timeout } : {});
}

/** Points at step `step` (1-based) of `steps` on the loss chart, and waits until the chart says so. */
export async function pointAtStep(page: Page, step: number, steps: number): Promise<void> {
  const area = page.getByRole('figure', { name: 'Loss', exact: true }).locator('.loss-pointer-area');
  const box = (await area.boundingBox())!;
  await area.hover({ position: { x: box.width * (step / steps), y: box.height / 2 } });
  await expect(page.locator('.loss-hover')).toHaveAttribute('data-step', String(step));
}

export async function logLines(page: Page): Promise<LogLine[]> {
  const texts = await trainingLog(page).getByRole('listitem').allTextContents();
  return texts.map(parseLogLine);
}

/** The engine's plain-JS trainer on the same seed and settings: independent of tfjs. Linear model. */
export function referenceTrace(
  overrides: Partial<RunConfig> = {},
  precision: Precision = 'float64',
): { steps: LinearReferenceStep[]; initial: { w: number; b: number } } {
  const { steps, plan } = referenceRun(overrides, precision);
  if (!plan.initialParams) throw new Error('referenceTrace is for nn.Linear(1, 1); use referenceRun');
  return { steps: steps as LinearReferenceStep[], initial: plan.initialParams };
}

/** The engine's plain-JS trainer for any dataset and model; with every parameter after each step. */
export function referenceRun(overrides: Partial<RunConfig> = {}, precision: Precision = 'float64') {
  const config = { ...DEFAULT_CONFIG, ...overrides };
  const plan = createRunPlan(config);
  const steps: ReferenceStep[] = trainReference(
    { ...plan, learningRate: config.learningRate, epochs: config.epochs },
    precision,
    true,
  );
  return { steps, plan };
}

export function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12);
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Counts, in `png`'s region `box` (CSS pixels × scale), the pixels within 40 of each colour; decoded by the page's own PNG decoder. */
export async function coloursIn(
  page: Page,
  png: Buffer,
  box: { x: number; y: number; width: number; height: number },
  scale: number,
  colours: string[],
) {
  return page.evaluate(
    async ({ base64, box, scale, colours }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const [x, y, w, h] = [box.x, box.y, box.width, box.height].map((v) => Math.round(v * scale));
      const { data } = ctx.getImageData(x, y, w, h);
      const rgb = colours.map((hex) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)));
      const counts = colours.map(() => 0);
      let white = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] > 245 && data[i + 1] > 245 && data[i + 2] > 245) white++;
        rgb.forEach(([r, g, b], k) => {
          if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) <= 40) counts[k]++;
        });
      }
      return { counts, white, total: data.length / 4 };
    },
    { base64: png.toString('base64'), box, scale, colours },
  );
}

/** Keeps the duration of every main-thread task over 50 ms from the page's start (no timing asserted). */
export async function recordLongTasks(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
}

/** The long tasks recorded since the last call. */
export const takeLongTasks = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    const taken = w.longTasks;
    w.longTasks = [];
    return taken;
  });
