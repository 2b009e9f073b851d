// The role="status" region: which tfjs backend really runs (and why others were refused), the run
// state in words and the progress. Machine-readable copies sit in data-* attributes for the tests.
// When the run or the worker fails, an alert beside it says what happened and offers a restart
// that keeps the run's history.
import type { BackendName } from '../engine/config';
import type { AdapterInfo, BackendInfo, Failover, RunState } from '../protocol';
import type { RunSnapshot } from '../state/run-store';
import { count } from './numbers';
import './robustness.css';

const BACKEND_TITLES: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' };

const STATE_WORDS: Record<RunState, string> = {
  starting: 'Starting…',
  ready: 'Ready',
  running: 'Training…',
  paused: 'Paused',
  finished: 'Finished',
  error: 'Error',
};

export function adapterText(adapter: AdapterInfo): string {
  const parts = [adapter.vendor, adapter.architecture, adapter.description || adapter.device].filter(Boolean);
  const name = parts.length > 0 ? parts.join(' · ') : 'unnamed adapter';
  return adapter.isFallbackAdapter ? `${name} (fallback adapter)` : name;
}

/** "webgpu: no adapter" → "WebGPU unavailable: no adapter"; the worker's lines are `name: reason`. */
export function fallbackText(info: BackendInfo): string | null {
  // A backend that failed mid-run has its own, fuller line (failoverText).
  const failed = info.failover ? `${info.failover.from}: ${info.failover.reason}` : null;
  const lines = info.fallbackReasons.filter((line) => line !== failed);
  if (lines.length === 0) return null;
  const reasons = lines.map((line) => {
    const colon = line.indexOf(': ');
    const name = line.slice(0, colon) as BackendName;
    return colon > 0 && name in BACKEND_TITLES
      ? `${BACKEND_TITLES[name]} unavailable: ${line.slice(colon + 2)}`
      : line;
  });
  return `${reasons.join('; ')} — using ${BACKEND_TITLES[info.name]}`;
}

/** "WebGPU stopped working: the GPU device was lost (…). Switched to WebGL; the run goes on from step 12, nothing lost." */
export function failoverText(failover: Failover, now: BackendName): string {
  const where =
    failover.resumedAtStep === null
      ? ''
      : failover.resumedAtStep === 0
        ? '; the run starts again from step 0'
        : `; the run goes on from step ${count(failover.resumedAtStep)}, nothing lost`;
  const reason = failover.reason.replace(/\.$/, '');
  return `${BACKEND_TITLES[failover.from]} stopped working: ${reason}. Switched to ${BACKEND_TITLES[now]}${where}.`;
}

/** What the backend reports about where ops run, in a short line. */
export function computeText(info: BackendInfo): string {
  if (info.name === 'cpu') return 'tfjs runs every op on the CPU (plain JavaScript).';
  if (info.cpuForward) return `${info.name.toUpperCase()}_CPU_FORWARD is on: small ops may run on the CPU.`;
  const verified = info.gpuVerified ? ' (checked: results live in GPU buffers)' : '';
  return `${info.name.toUpperCase()}_CPU_FORWARD is off: every op runs on the GPU${verified}.`;
}

function progressText(run: RunSnapshot): string {
  const { stepsDone, stepsPerEpoch, config } = run;
  if (run.state === 'starting') return '';
  if (stepsPerEpoch === 0) return 'No mini-batches: with Drop last, a batch larger than the dataset leaves none.';
  const epoch = stepsDone === 0 ? 0 : Math.ceil(stepsDone / stepsPerEpoch);
  const stepInEpoch = stepsDone === 0 ? 0 : stepsDone - (epoch - 1) * stepsPerEpoch;
  const total = stepsPerEpoch * config.epochs;
  return `Epoch ${epoch}/${config.epochs} · Step ${stepInEpoch}/${stepsPerEpoch} (${count(stepsDone)} of ${count(total)} steps)`;
}

interface Props {
  run: RunSnapshot;
  /** Replaces the worker and carries the run on from its last step (offered after an error). */
  onRestart?: () => void;
}

export function StatusBar({ run, onRestart }: Props) {
  const { backend, state } = run;
  const fallback = backend && fallbackText(backend);
  return (
    <>
      <div
        role="status"
        aria-live="polite"
        className={`status status-${state}`}
        data-backend={backend?.name}
        data-state={state}
        data-steps-done={run.stepsDone}
        data-tensors={run.tensorCount ?? undefined}
        data-w={run.currentParams?.w}
        data-b={run.currentParams?.b}
      >
        <p className="status-main">
          <strong className="status-state">{STATE_WORDS[state]}</strong>
          <span className="status-backend">Backend: {backend ? backend.name : 'choosing…'}</span>
          {/* Progress changes many times a second; announcing each change would drown the rest. */}
          <span className="status-progress" aria-live="off">
            {progressText(run)}
          </span>
        </p>
        {run.notice && <p className="status-notice">{run.notice}</p>}
        {backend?.failover && <p className="status-failover">{failoverText(backend.failover, backend.name)}</p>}
        {fallback && <p className="status-fallback">{fallback}</p>}
        {backend && (
          <p className="status-details">
            {backend.adapter && <span>Adapter: {adapterText(backend.adapter)}</span>}
            {backend.renderer && <span>Renderer: {backend.renderer}</span>}
            <span>{computeText(backend)}</span>
            {run.tensorCount !== null && <span>tfjs tensors held: {run.tensorCount}</span>}
          </p>
        )}
      </div>
      {state === 'error' && (
        <div className="run-error" role="alert">
          <p className="status-error">Training stopped: {run.error ?? 'an unknown error.'}</p>
          <p>
            {run.stepsDone > 0
              ? `Nothing is lost: the charts and the log keep all ${count(run.stepsDone)} steps so far, and a restart carries the run on from there.`
              : 'A restart starts the training worker again with the same settings.'}
          </p>
          {onRestart && (
            <button type="button" onClick={onRestart}>
              Restart worker
            </button>
          )}
        </div>
      )}
    </>
  );
}
