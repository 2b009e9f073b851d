// The throughput lab: sweeps the batch size on this device and backend, for the run's dataset and
// model, and shows why mini-batches exist — more samples per second on parallel hardware, fewer
// steps per epoch. Renders the sweep store; Run / Cancel / Download are the only commands.
import { useId, useState } from 'react';
import type { BackendName } from '../engine/config';
import type { RunState } from '../protocol';
import type { RunSnapshot } from '../state/run-store';
import { SWEEP_BUDGET_MS, useSweep, type SweepPhase, type SweepStore } from '../state/sweep-store';
import { sweepCsv, sweepCsvFilename } from '../export/sweep-csv';
import { downloadText } from './download';
import { compact, secondsText, sweepFindings } from './sweep-series';
import { LossCurves, RateChart } from './ThroughputCharts';
import './throughput.css';

interface Props {
  run: RunSnapshot;
  sweeps: SweepStore;
  onSweep: () => void;
  onCancel: () => void;
}

/** Why a sweep cannot start now, or null when it can. */
function refusal(state: RunState, hasBackend: boolean): string | null {
  if (!hasBackend || state === 'starting') return 'Waiting for the training worker to start.';
  if (state === 'running') return 'Pause the run first: a sweep would compete with it for the device.';
  if (state === 'error') return 'The training worker failed: restart it first.';
  return null;
}

const BACKEND_TITLES: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' };

const OUTCOME_WORDS: Partial<Record<SweepPhase, string>> = {
  cancelled: 'Sweep stopped',
  refused: 'Sweep refused',
  error: 'Sweep failed',
};

export function ThroughputLab({ run, sweeps, onSweep, onCancel }: Props) {
  const [open, setOpen] = useState(false);
  const sweep = useSweep(sweeps);
  const reasonId = useId();
  const running = sweep.phase === 'running';
  const blocked = refusal(run.state, run.backend !== null);
  const { points, batchSizes } = sweep;
  const current = running ? batchSizes[points.length] : undefined;
  const engine = points[0]?.engine;
  const backend = sweep.backend ?? run.backend?.name;
  const backendName = backend ? BACKEND_TITLES[backend] : undefined;

  return (
    <details className="throughput-lab" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Throughput lab: why mini-batches exist</summary>
      {open && (
        <div className="throughput-body" data-phase={sweep.phase} data-points={points.length} data-batch-sizes={batchSizes.join(' ')}>
          <p className="panel-note">
            Trains this run&rsquo;s dataset and model at batch sizes 1, 2, 4, … N on this device
            {backendName ? ` (${backendName}${engine ? `, ${engine}` : ''})` : ''}, about {SWEEP_BUDGET_MS / 1000} s each
            from the same seed, and measures how many samples per second each one gets through. The run itself is not
            touched.
          </p>
          <div className="chart-tools throughput-tools">
            <button type="button" onClick={onSweep} disabled={running || blocked !== null} aria-describedby={blocked ? reasonId : undefined}>
              Run throughput sweep
            </button>
            <button type="button" onClick={onCancel} disabled={!running}>
              Cancel sweep
            </button>
            <button
              type="button"
              disabled={points.length === 0 || running}
              onClick={() => downloadText(sweepCsvFilename(sweep.config!, sweep.backend), sweepCsv(points, sweep.backend), 'text/csv')}
            >
              Download sweep CSV
            </button>
            {blocked && !running && (
              <span id={reasonId} className="panel-note">
                {blocked}
              </span>
            )}
          </div>
          <div className="throughput-progress" aria-live="polite">
            {running && (
              <>
                <progress aria-label="Sweep progress" value={points.length} max={batchSizes.length} />{' '}
                <span>
                  Batch size {current} ({points.length + 1} of {batchSizes.length})…
                </span>
              </>
            )}
            {OUTCOME_WORDS[sweep.phase] && (
              <span className="sweep-outcome">
                {OUTCOME_WORDS[sweep.phase]}: {sweep.reason}.
              </span>
            )}
            {sweep.phase === 'complete' && <span className="sweep-outcome">Sweep complete: {points.length} batch sizes.</span>}
            {sweep.tensorCount !== null && (
              <span
                className="panel-note sweep-tensors"
                data-tensors-before={sweep.tensorCountBefore ?? undefined}
                data-tensors-after={sweep.tensorCount}
              >
                {' '}
                Tensors and GPU buffers held: {sweep.tensorCountBefore} before, {sweep.tensorCount} after.
              </span>
            )}
          </div>
          {points.length > 0 && (
            <>
              <div className="throughput-charts">
                <figure className="panel" data-points={points.length}>
                  <figcaption>Throughput by batch size</figcaption>
                  <div className="chart-area throughput-area" role="img" aria-label="Samples per second and seconds per epoch against batch size, both on log axes">
                    <RateChart points={points} batchSizes={batchSizes} />
                  </div>
                </figure>
                <figure className="panel">
                  <figcaption>Loss against wall-clock time</figcaption>
                  <div className="chart-area throughput-area" role="img" aria-label="Loss of each batch size against seconds of training, log axes">
                    <LossCurves points={points} axis="seconds" />
                  </div>
                </figure>
                <figure className="panel">
                  <figcaption>Loss against epochs</figcaption>
                  <div className="chart-area throughput-area" role="img" aria-label="Loss of each batch size against epochs, log axes">
                    <LossCurves points={points} axis="epochs" />
                  </div>
                </figure>
              </div>
              <SweepTable sweep={sweep} />
            </>
          )}
          <Explanation findings={running ? [] : sweepFindings(points)} />
        </div>
      )}
    </details>
  );
}

function SweepTable({ sweep }: { sweep: ReturnType<typeof useSweep> }) {
  return (
    <div className="table-scroll">
    <table className="sweep-table">
      <caption>Sweep results</caption>
      <thead>
        <tr>
          <th scope="col">Batch size</th>
          <th scope="col">Steps per epoch</th>
          <th scope="col">Samples/s</th>
          <th scope="col">Time per epoch</th>
          <th scope="col">Epochs in curve</th>
          <th scope="col">Final loss</th>
        </tr>
      </thead>
      <tbody>
        {sweep.points.map((p) => (
          <tr
            key={p.batchSize}
            data-batch-size={p.batchSize}
            data-samples-per-second={p.samplesPerSecond}
            data-seconds-per-epoch={p.secondsPerEpoch}
            data-final-loss={p.finalLoss}
          >
            <th scope="row">{p.batchSize}</th>
            <td>{p.stepsPerEpoch}</td>
            <td>{compact(p.samplesPerSecond)}</td>
            <td>{secondsText(p.secondsPerEpoch)}</td>
            <td>{Number(p.epochs.toPrecision(4))}</td>
            <td>{Number.isFinite(p.finalLoss) ? Number(p.finalLoss.toPrecision(4)) : String(p.finalLoss)}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

function Explanation({ findings }: { findings: string[] }) {
  return (
    <div className="sweep-explanation">
      <p>
        A GPU (or a CPU&rsquo;s vector units) works on many samples at once, so larger batches process more samples
        per second, up to what the hardware can do in parallel, and every step also pays a fixed cost to launch work
        and read results back. But a larger batch takes fewer steps per epoch: B = N makes one step per epoch,
        B = 1 makes N. Each step moves the parameters once, so small batches learn more per epoch while large
        batches finish epochs faster. Which wins in wall-clock time depends on your device, your data and the
        learning rate: that is the trade-off the charts above measure.
      </p>
      {findings.length > 0 && (
        <ul className="sweep-findings">
          {findings.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
