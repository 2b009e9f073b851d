// The role="status" region: which tfjs backend really runs (and why others were refused), the run
// state in words and the progress. Machine-readable copies sit in data-* attributes for the tests.
// When the run or the worker fails, an alert beside it says what happened and offers a restart
// that keeps the run's history. The GPU diagnostics (adapter, where ops run, tensors held) are for
// whoever asks: the backend badge opens them (a disclosure button); the data-* attributes stay.
import { useId, useState } from 'react';
import type { BackendName } from '../engine/config';
import type { AdapterInfo, BackendInfo, Failover, RunState } from '../protocol';
import { EN, type I18n, type MessageKey } from '../i18n/translate';
import { Fill } from '../i18n/Fill';
import { useI18n } from '../i18n/react';
import type { RunSnapshot } from '../state/run-store';
import './robustness.css';

const BACKEND_TITLES: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' };

const STATE_WORDS: Record<RunState, MessageKey> = {
  starting: 'status.starting',
  ready: 'status.ready',
  running: 'status.running',
  paused: 'status.paused',
  finished: 'status.finished',
  error: 'status.error',
};

export function adapterText(adapter: AdapterInfo, i18n: I18n = EN): string {
  const parts = [adapter.vendor, adapter.architecture, adapter.description || adapter.device].filter(Boolean);
  const name = parts.length > 0 ? parts.join(' · ') : i18n.t('status.unnamedAdapter');
  return adapter.isFallbackAdapter ? i18n.t('status.fallbackAdapter', { name }) : name;
}

/** "WebGPU unavailable: no adapter … — using WebGL": each refused backend and why, in the reader's language. */
export function fallbackText(info: BackendInfo, i18n: I18n = EN): string | null {
  // A backend that failed mid-run has its own, fuller line (failoverText).
  const lines = info.fallbackReasons.filter(({ backend }) => backend !== info.failover?.from);
  if (lines.length === 0) return null;
  const reasons = lines.map(({ backend, reason }) =>
    i18n.t('status.unavailable', { backend: BACKEND_TITLES[backend], reason: i18n.say(reason) }),
  );
  return i18n.t('status.using', {
    reasons: reasons.join(i18n.locale === 'en' ? '; ' : '；'),
    backend: BACKEND_TITLES[info.name],
  });
}

/** "WebGPU stopped working: the GPU device was lost (…). Switched to WebGL; the run goes on from step 12, nothing lost." */
export function failoverText(failover: Failover, now: BackendName, i18n: I18n = EN): string {
  const where =
    failover.resumedAtStep === null
      ? ''
      : failover.resumedAtStep === 0
        ? i18n.t('status.failoverFromStart')
        : i18n.t('status.failoverResumed', { step: i18n.count(failover.resumedAtStep) });
  const reason = i18n.say(failover.reason).replace(/[.。]$/, '');
  return i18n.t('status.failover', { from: BACKEND_TITLES[failover.from], reason, to: BACKEND_TITLES[now], where });
}

/** What the backend reports about where ops run, in a short line; the tfjs flag's name as code. */
function ComputeLine({ info, i18n }: { info: BackendInfo; i18n: I18n }) {
  if (info.name === 'cpu') return <>{i18n.t('status.computeCpu')}</>;
  const flag = <code translate="no">{`${info.name.toUpperCase()}_CPU_FORWARD`}</code>;
  if (info.cpuForward) return <Fill text={i18n.t('status.cpuForwardOn')} slots={{ flag }} />;
  const verified = info.gpuVerified ? i18n.t('status.gpuVerified') : '';
  return <Fill text={i18n.t('status.cpuForwardOff', { verified })} slots={{ flag }} />;
}

function progressText(run: RunSnapshot, i18n: I18n): string {
  const { stepsDone, stepsPerEpoch, config } = run;
  if (run.state === 'starting') return '';
  if (stepsPerEpoch === 0) return i18n.t('status.noBatches');
  const epoch = stepsDone === 0 ? 0 : Math.ceil(stepsDone / stepsPerEpoch);
  const stepInEpoch = stepsDone === 0 ? 0 : stepsDone - (epoch - 1) * stepsPerEpoch;
  const total = stepsPerEpoch * config.epochs;
  return i18n.t('status.progress', {
    epoch: i18n.count(epoch),
    epochs: i18n.count(config.epochs),
    step: i18n.count(stepInEpoch),
    steps: i18n.count(stepsPerEpoch),
    done: i18n.count(stepsDone),
    total: i18n.count(total),
  });
}

interface Props {
  run: RunSnapshot;
  /** Replaces the worker and carries the run on from its last step (offered after an error). */
  onRestart?: () => void;
}

export function StatusBar({ run, onRestart }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const { backend, state } = run;
  const fallback = backend && fallbackText(backend, i18n);
  const [diagnosticsOpen, setDiagnosticsOpen] = useState(false);
  const diagnosticsId = useId();
  const backendText = t('status.backend', { name: backend ? backend.name : t('status.choosing') });
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
          <strong className="status-state">{t(STATE_WORDS[state])}</strong>
          {backend ? (
            <button
              type="button"
              className="status-backend"
              aria-expanded={diagnosticsOpen}
              aria-controls={diagnosticsId}
              title={t('status.diagnostics')}
              onClick={() => setDiagnosticsOpen(!diagnosticsOpen)}
            >
              {backendText}
              <span aria-hidden="true">{diagnosticsOpen ? ' ▴' : ' ▾'}</span>
            </button>
          ) : (
            <span className="status-backend">{backendText}</span>
          )}
          {/* Progress changes many times a second; announcing each change would drown the rest. */}
          <span className="status-progress" aria-live="off">
            {progressText(run, i18n)}
          </span>
        </p>
        {run.notice && <p className="status-notice">{i18n.say(run.notice)}</p>}
        {backend?.failover && <p className="status-failover">{failoverText(backend.failover, backend.name, i18n)}</p>}
        {fallback && <p className="status-fallback">{fallback}</p>}
        {backend && (
          <p id={diagnosticsId} className="status-details" hidden={!diagnosticsOpen}>
            {/* The hardware's own names, as the browser reports them: not for translating. */}
            {backend.adapter && (
              <span>
                <Fill
                  text={t('status.adapter')}
                  slots={{ name: <span translate="no">{adapterText(backend.adapter, i18n)}</span> }}
                />
              </span>
            )}
            {backend.renderer && (
              <span>
                <Fill text={t('status.renderer')} slots={{ name: <span translate="no">{backend.renderer}</span> }} />
              </span>
            )}
            <span>
              <ComputeLine info={backend} i18n={i18n} />
            </span>
            {run.tensorCount !== null && <span>{t('status.tensors', { count: run.tensorCount })}</span>}
          </p>
        )}
      </div>
      {state === 'error' && (
        <div className="run-error" role="alert">
          <p className="status-error">
            {t('status.stopped', { error: run.error ? i18n.say(run.error) : t('status.unknownError') })}
          </p>
          <p>{run.stepsDone > 0 ? i18n.tp('status.nothingLost', run.stepsDone) : t('status.restartFresh')}</p>
          {onRestart && (
            <button type="button" onClick={onRestart}>
              {t('status.restart')}
            </button>
          )}
        </div>
      )}
    </>
  );
}
