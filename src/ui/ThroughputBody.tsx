// The throughput lab's contents, loaded when the lab is first opened (ThroughputLab.tsx): sweeps the
// batch size on this device and backend, for the run's dataset and model, and shows why mini-batches
// exist — more samples per second on parallel hardware, fewer steps per epoch. Renders the sweep
// store; Run / Cancel / Download are the only commands.
import { useId, useState } from 'react';
import type { BackendName } from '../engine/config';
import { useI18n } from '../i18n/react';
import { EN, type I18n, type MessageKey } from '../i18n/translate';
import type { RunState } from '../protocol';
import type { RunSnapshot } from '../state/run-store';
import { SWEEP_BUDGET_MS, useSweep, type SweepPhase, type SweepStore } from '../state/sweep-store';
import { areaToPng, throughputChartsElement } from '../export/dashboard-png';
import { sweepCsv, sweepCsvFilename } from '../export/sweep-csv';
import type { Message } from '../i18n/message';
import { downloadPng, downloadText } from './download';
import { significant } from './numbers';
import { compact, secondsText, sweepFindings } from './sweep-series';
import { LossCurves, RateChart } from './ThroughputCharts';
import { Term, TermWord } from './Term';
import './throughput.css';

export interface ThroughputProps {
  run: RunSnapshot;
  sweeps: SweepStore;
  onSweep: () => void;
  onCancel: () => void;
}

/** Why a sweep cannot start now, or null when it can. */
function refusal(state: RunState, hasBackend: boolean): MessageKey | null {
  if (!hasBackend || state === 'starting') return 'lab.waiting';
  if (state === 'running') return 'lab.pauseFirst';
  if (state === 'error') return 'lab.failed';
  return null;
}

const BACKEND_TITLES: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' };

const OUTCOME_WORDS: Partial<Record<SweepPhase, MessageKey>> = {
  cancelled: 'lab.stopped',
  refused: 'lab.refused',
  error: 'lab.error',
};

/** The sweep's trainer ("tfjs op by op", "fused WGSL, sequential": sweep.ts) in the reader's language. */
function engineText(engine: string, i18n: I18n): string {
  if (engine === EN.t('lab.engineOps')) return i18n.t('lab.engineOps');
  const fused = /^fused WGSL, (parallel|sequential|one invocation)$/.exec(engine);
  if (!fused) return engine;
  const schedule = {
    parallel: 'lab.schedule.parallel',
    sequential: 'lab.schedule.sequential',
    'one invocation': 'lab.schedule.single',
  } as const;
  return i18n.t('lab.engineFused', { schedule: i18n.t(schedule[fused[1] as keyof typeof schedule]) });
}

/** The three charts as one PNG, for a slide or a handout. */
function chartsPng(): Promise<Blob> | null {
  const area = throughputChartsElement();
  return area ? areaToPng(area) : null;
}

export default function ThroughputBody({ run, sweeps, onSweep, onCancel }: ThroughputProps) {
  const [pngFailure, setPngFailure] = useState<Message | null>(null);
  // While the charts are being pictured, neither a second export nor a new sweep (which would
  // replace the charts mid-capture) can start.
  const [exporting, setExporting] = useState(false);
  const i18n = useI18n();
  const { t } = i18n;
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
    <div
      className="throughput-body"
      data-phase={sweep.phase}
      data-points={points.length}
      data-batch-sizes={batchSizes.join(' ')}
    >
      <p className="panel-note">
        {t('lab.intro', {
          device: backendName
            ? t('lab.device', {
                name: engine
                  ? `${backendName}${i18n.locale === 'en' ? ', ' : '，'}${engineText(engine, i18n)}`
                  : backendName,
              })
            : '',
          seconds: SWEEP_BUDGET_MS / 1000,
        })}
        {engine && <Term explain="glossary.engine" />}
      </p>
      <div className="chart-tools throughput-tools">
        <button
          type="button"
          onClick={() => {
            setPngFailure(null);
            onSweep();
          }}
          disabled={running || exporting || blocked !== null}
          aria-describedby={blocked ? reasonId : undefined}
        >
          {t('lab.run')}
        </button>
        <button type="button" onClick={onCancel} disabled={!running}>
          {t('lab.cancel')}
        </button>
        <button
          type="button"
          disabled={points.length === 0 || running}
          onClick={() =>
            downloadText(sweepCsvFilename(sweep.config!, sweep.backend), sweepCsv(points, sweep.backend), 'text/csv')
          }
        >
          {t('lab.csv')}
        </button>
        <button
          type="button"
          disabled={points.length === 0 || running || exporting}
          onClick={() => {
            setPngFailure(null);
            setExporting(true);
            void downloadPng(sweepCsvFilename(sweep.config!, sweep.backend, 'png'), 'lab.charts', chartsPng)
              .then(setPngFailure)
              .finally(() => setExporting(false));
          }}
        >
          {t('lab.png')}
        </button>
        {blocked && !running && (
          <span id={reasonId} className="panel-note">
            {t(blocked)}
          </span>
        )}
      </div>
      {pngFailure && (
        <p className="panel-note" role="alert">
          {i18n.say(pngFailure)}
        </p>
      )}
      <div className="throughput-progress" aria-live="polite">
        {running && (
          <>
            <progress aria-label={t('lab.progressLabel')} value={points.length} max={batchSizes.length} />{' '}
            <span>{t('lab.progress', { batch: current ?? '', n: points.length + 1, total: batchSizes.length })}</span>
          </>
        )}
        {OUTCOME_WORDS[sweep.phase] && (
          <span className="sweep-outcome">{t(OUTCOME_WORDS[sweep.phase]!, { reason: sweep.reason ?? '' })}</span>
        )}
        {sweep.phase === 'complete' && <span className="sweep-outcome">{i18n.tp('lab.complete', points.length)}</span>}
        {sweep.tensorCount !== null && (
          <span
            className="panel-note sweep-tensors"
            data-tensors-before={sweep.tensorCountBefore ?? undefined}
            data-tensors-after={sweep.tensorCount}
          >
            {t('app.sentenceGap')}
            {t('lab.tensors', { before: sweep.tensorCountBefore ?? '—', after: sweep.tensorCount })}
          </span>
        )}
      </div>
      {points.length > 0 && (
        <>
          <div className="throughput-charts">
            <figure className="panel" data-points={points.length}>
              <figcaption>{t('lab.rateCaption')}</figcaption>
              <div className="chart-area throughput-area" role="img" aria-label={t('lab.rateAria')}>
                <RateChart points={points} batchSizes={batchSizes} />
              </div>
            </figure>
            <figure className="panel">
              <figcaption>{t('lab.timeCaption')}</figcaption>
              <div className="chart-area throughput-area" role="img" aria-label={t('lab.timeAria')}>
                <LossCurves points={points} axis="seconds" />
              </div>
            </figure>
            <figure className="panel">
              <figcaption>{t('lab.epochCaption')}</figcaption>
              <div className="chart-area throughput-area" role="img" aria-label={t('lab.epochAria')}>
                <LossCurves points={points} axis="epochs" />
              </div>
            </figure>
          </div>
          <SweepTable sweep={sweep} />
        </>
      )}
      <Explanation findings={running ? [] : sweepFindings(points, i18n)} />
    </div>
  );
}

function SweepTable({ sweep }: { sweep: ReturnType<typeof useSweep> }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <>
      <div className="table-scroll">
        <table className="sweep-table">
          <caption>{t('lab.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('lab.colBatch')}</th>
              <th scope="col">{t('lab.colSteps')}</th>
              <th scope="col">{t('lab.colRate')}</th>
              <th scope="col">{t('lab.colEpochTime')}</th>
              <th scope="col">{t('lab.colEpochs')}</th>
              <th scope="col">{t('lab.colLoss')}</th>
            </tr>
          </thead>
          <tbody>
            {sweep.points.map((p) => (
              <tr
                key={p.batchSize}
                data-batch-size={p.batchSize}
                data-samples-per-second={p.samplesPerSecond}
                data-samples-per-second-min={p.rateRepeats.length > 0 ? Math.min(...p.rateRepeats) : undefined}
                data-samples-per-second-max={p.rateRepeats.length > 0 ? Math.max(...p.rateRepeats) : undefined}
                data-seconds-per-epoch={p.secondsPerEpoch}
                data-final-loss={p.finalLoss}
              >
                <th scope="row">{p.batchSize}</th>
                <td>{p.stepsPerEpoch}</td>
                <td>{compact(p.samplesPerSecond, '', i18n)}</td>
                <td>{secondsText(p.secondsPerEpoch)}</td>
                <td>{significant(p.epochs)}</td>
                <td>{significant(p.finalLoss)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* Under the table, not in its header: the header scrolls sideways on a phone, the "?" must not. */}
      <p className="panel-note">
        <TermWord word={t('lab.colEpochs')} explain="glossary.epochsInCurve" />
      </p>
    </>
  );
}

function Explanation({ findings }: { findings: string[] }) {
  const { t } = useI18n();
  return (
    <div className="sweep-explanation">
      <p>{t('lab.explanation')}</p>
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
