import { expect, type Page } from '@playwright/test';
import { DEFAULT_CONFIG, type RunConfig } from '../src/engine/config';
import { createRunPlan } from '../src/engine/plan';
import {
  trainReference,
  type LinearReferenceStep,
  type Precision,
  type ReferenceStep,
} from '../src/engine/reference';

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

/** Opens the app with a query string and waits until the worker has a backend and a ready run. */
export async function openApp(page: Page, query = '', base = '/'): Promise<void> {
  await page.goto(`${base}${query ? `?${query}` : ''}`);
  await expect(status(page)).toHaveAttribute('data-backend', /^(webgpu|webgl|cpu)$/);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
}

export async function trainToEnd(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'finished');
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
