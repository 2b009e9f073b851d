// The store with a validation split: the held-out samples from run-ready, and each epoch's
// held-out MSE as its own log line right after the line of the epoch's last step, and as a point.
import { expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { epochMessage } from '../protocol';
import { validationLinesUpTo } from './run-data';
import { RunStore } from './run-store';

const config: RunConfig = { ...DEFAULT_CONFIG, epochs: 2, batchSize: 4, validationSplit: 0.2 };

it('logs `Epoch [e/E], Validation loss: x.xxxx` after the epoch’s last step, and keeps the held-out samples', () => {
  const flushes: Array<() => void> = [];
  const store = new RunStore(config, (flush) => flushes.push(flush));
  store.beginRun(1, config);
  const heldOut = Int32Array.of(6, 2);
  store.handle({ type: 'run-ready', runId: 1, config, stepsPerEpoch: 2, datasetSize: 10, tensorCount: 4, heldOut });
  store.handle(
    epochMessage(
      1,
      1,
      [
        [4, 1, 7, 5],
        [3, 9, 0, 8],
      ],
      4,
    ),
  );
  const step = (s: number, stepInEpoch: number, loss: number) => ({ step: s, epoch: 1, stepInEpoch, loss });
  store.handle({
    type: 'progress',
    runId: 1,
    tensorCount: 4,
    steps: [step(0, 1, 50), step(1, 2, 20)],
    validation: [{ epoch: 1, loss: 31.41592 }],
  });
  flushes.splice(0).forEach((f) => f());
  const snap = store.getSnapshot();
  // The log's count: one validation line once the epoch's last step (2) is done, none before it.
  expect(validationLinesUpTo(snap.data, 1)).toBe(0);
  expect(validationLinesUpTo(snap.data, 2)).toBe(1);
  expect(Array.from(snap.heldOut!)).toEqual([6, 2]);
  expect(snap.data.recentLog.map((l) => l.text)).toEqual([
    'Epoch [1/2], Step [1/2], Batch [4, 1, 7, 5], Loss: 50.0000',
    'Epoch [1/2], Step [2/2], Batch [3, 9, 0, 8], Loss: 20.0000',
    'Epoch [1/2], Validation loss: 31.4159',
  ]);
  expect(snap.data.recentLog[2]).toMatchObject({ step: 1, validation: true });
  expect(Array.from(snap.data.validationLoss.view())).toEqual([31.41592]);
  expect(Array.from(snap.data.validationStep.view())).toEqual([2]);
  expect(snap.stepsDone).toBe(2);
});
