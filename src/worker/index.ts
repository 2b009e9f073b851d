// The training worker's entry: message handling only. It owns tfjs; the UI thread never imports it.
import { DEFAULT_CONFIG } from '../engine/config';
import { assertNever, type FromWorker, type ToWorker } from '../protocol';
import { selectBackend } from './backend';
import { TrainingRun } from './run';

const post = (message: FromWorker) => self.postMessage(message);

let run: TrainingRun | null = null;
// Messages are handled one after another: a Reset that arrives during backend start-up waits for it.
let queue: Promise<void> = Promise.resolve();

/** Compiles the shaders the first real steps need, so the first loss appears soon after Train. */
async function warmUp(): Promise<void> {
  const warm = new TrainingRun(-1, { ...DEFAULT_CONFIG, epochs: 1 }, () => {});
  await warm.step(); // a batch of 3
  await warm.step();
  await warm.step();
  await warm.step(); // the short last batch of 1
  await warm.dispose();
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'init': {
      const info = await selectBackend(message.backend);
      post({ type: 'backend', info });
      await warmUp();
      return;
    }
    case 'reset': {
      const previous = run;
      run = null;
      if (previous) await previous.dispose();
      run = new TrainingRun(message.runId, { ...message.config }, post);
      return;
    }
    case 'train':
      if (run?.runId === message.runId) run.train();
      return;
    case 'pause':
      if (run?.runId === message.runId) run.pause();
      return;
    case 'step':
      if (run?.runId === message.runId) await run.step();
      return;
    case 'set-speed':
      if (run?.runId === message.runId) run.setSpeed(message.speed);
      return;
    default:
      assertNever(message);
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  // Pause must not wait behind a long Step or Reset; everything else keeps its order.
  if (message.type === 'pause') {
    void handle(message);
    return;
  }
  queue = queue
    .then(() => handle(message))
    .catch((e: unknown) => {
      const runId = 'runId' in message ? message.runId : null;
      post({ type: 'error', runId, message: e instanceof Error ? e.message : String(e) });
    });
};
