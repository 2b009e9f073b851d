// The training worker's entry: message handling, and carrying a run on when its backend fails.
// It owns tfjs; the UI thread never imports it.
import { DEFAULT_CONFIG } from '../engine/config';
import {
  assertNever,
  transferablesOf,
  type BackendInfo,
  type FromWorker,
  type TestHook,
  type ToWorker,
} from '../protocol';
import { message as messageOf, problemOf as saidProblem, type Message } from '../i18n/message';
import {
  BackendFault,
  backendSerial,
  canFallBackFrom,
  fallBackFrom,
  faultWithin,
  onBackendFault,
  selectBackend,
  webglContext,
  webgpuDevice,
} from './backend';
import { TrainingRun } from './run';
import { cancelSweep, runSweep } from './sweep';

// An epoch's order is transferred, not cloned: see transferablesOf.
const post = (message: FromWorker) => self.postMessage(message, transferablesOf(message));
const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** What the page says about a failure: the worker's own words when it knows them, else the error's text. */
const problemOf = (e: unknown): Message => (e instanceof BackendFault ? e.problem : saidProblem(e));

let run: TrainingRun | null = null;
let backend: BackendInfo | null = null;
let testHooks = false;
// Messages are handled one after another: a Reset that arrives during backend start-up waits for it.
let queue: Promise<void> = Promise.resolve();
const FAULT_REPORT_WAIT_MS = 300;

function enqueue(task: () => Promise<void>, runId: number | null): void {
  queue = queue.then(task).catch((e: unknown) => {
    post({ type: 'error', runId, message: describe(e), problem: problemOf(e) });
  });
}

/** Compiles the shaders the first real steps need, so the first loss appears soon after Train. */
async function warmUp(): Promise<void> {
  const warm = new TrainingRun(-1, { ...DEFAULT_CONFIG, epochs: 1 }, () => {});
  await warm.step(); // a batch of 3
  await warm.step();
  await warm.step();
  await warm.step(); // the short last batch of 1
  await warm.dispose();
}

/** The backend failed (a chunk threw, or the device was lost): the run goes on on the next one. */
function onRunFault(failed: TrainingRun, error: unknown): boolean {
  if (!backend || !canFallBackFrom(backend.name, backend.requested) || run !== failed) return false;
  failOver(backendSerial(), messageOf('reason.stepFailed', { detail: describe(error) }));
  return true;
}

function watchForFaults(): void {
  const serial = backendSerial();
  // A device can be lost while nothing runs: fall back at once, so the next Train just works.
  onBackendFault((fault) => {
    if (backend && canFallBackFrom(backend.name, backend.requested)) failOver(serial, fault.problem);
  });
}

function failOver(serial: number, error: Message): void {
  enqueue(async () => {
    if (serial !== backendSerial() || !backend) return; // already moved on from that backend
    // Say the real cause when there is one: a lost device fails its reads before it reports.
    const reason = (await faultWithin(FAULT_REPORT_WAIT_MS))?.problem ?? error;
    const failed = run;
    run = null;
    const goal = failed ? await failed.halt() : null;
    const resume = failed?.resumePoint;
    if (failed) await failed.dispose(); // every tensor goes before tfjs changes backend
    const info = await fallBackFrom(backend, reason, resume ? resume.stepsDone : null);
    backend = info;
    post({ type: 'backend', info });
    watchForFaults();
    if (!failed) return;
    run = new TrainingRun(failed.runId, failed.config, post, { resume, onFault: onRunFault });
    if (goal === 'end') run.train();
    else if (goal === 'epoch') run.stepEpoch();
  }, run?.runId ?? null);
}

function testHook(hook: TestHook): void {
  switch (hook) {
    case 'lose-device': {
      const device = webgpuDevice();
      if (device) device.destroy();
      else webglContext()?.getExtension('WEBGL_lose_context')?.loseContext();
      return;
    }
    case 'throw-next-chunk':
      run?.injectFault();
      return;
    case 'kill-worker':
      self.close();
      return;
    default:
      assertNever(hook);
  }
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'init': {
      testHooks = message.testHooks === true;
      backend = await selectBackend(message.backend);
      post({ type: 'backend', info: backend });
      await warmUp();
      watchForFaults();
      return;
    }
    case 'reset': {
      const previous = run;
      run = null;
      if (previous) await previous.dispose();
      run = new TrainingRun(message.runId, { ...message.config }, post, {
        resume: message.resume,
        onFault: onRunFault,
      });
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
    case 'step-epoch':
      if (run?.runId === message.runId) run.stepEpoch();
      return;
    case 'set-speed':
      if (run?.runId === message.runId) run.setSpeed(message.speed);
      return;
    case 'sweep':
      await runSweep(message, post, run?.state === 'running' ? messageOf('lab.reasonTraining') : null);
      return;
    case 'ping':
    case 'test-hook':
    case 'cancel-sweep':
      return; // answered on arrival, see onmessage
    default:
      assertNever(message);
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  // Liveness and test faults must not wait behind anything; every command keeps its order (a Pause
  // sent after a Train must not overtake it).
  if (message.type === 'ping') {
    post({ type: 'pong', id: message.id });
    return;
  }
  if (message.type === 'test-hook') {
    if (testHooks) testHook(message.hook);
    return;
  }
  // A sweep holds the queue: Cancel, and any run command (the run comes first), stop it at once.
  if (message.type === 'cancel-sweep') {
    cancelSweep(messageOf('lab.reasonCancelled'), message.sweepId);
    return;
  }
  if (
    message.type === 'reset' ||
    message.type === 'train' ||
    message.type === 'step' ||
    message.type === 'step-epoch'
  ) {
    cancelSweep(messageOf('lab.reasonRunFirst'));
  }
  enqueue(() => handle(message), 'runId' in message ? message.runId : null);
};

// A promise nobody awaited failed: say so rather than leave the UI waiting.
self.addEventListener('unhandledrejection', (event) => {
  post({ type: 'error', runId: run?.runId ?? null, message: describe(event.reason), problem: problemOf(event.reason) });
});
