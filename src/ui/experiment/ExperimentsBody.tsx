// The Experiments section's contents, loaded when it is first opened (ExperimentsLab.tsx): presets,
// the grid's boxes, Run / Cancel, the progress and which engine trains it, then the three figures
// and the results table. Renders the experiment client's snapshot; commands go back through props.
import { useId, useMemo, useState } from 'react';
import type { RunConfig } from '../../engine/config';
import type { ParsedExperiment, ExperimentText } from '../../engine/experiment/spec';
import type { Message } from '../../i18n/message';
import { useI18n } from '../../i18n/react';
import type { I18n } from '../../i18n/translate';
import type { ExperimentEngineInfo } from '../../protocol';
import { useExperiment, type ExperimentClient, type ExperimentSnapshot } from '../../state/experiment-client';
import { EXPERIMENT_PRESETS, type ExperimentPreset } from '../../state/experiment-presets';
import { ExperimentForm } from './ExperimentForm';
import { ExperimentExports } from './ExperimentExports';
import { ExperimentViews } from './ExperimentViews';
import '../throughput.css';
import './experiments.css';

export interface ExperimentBodyProps {
  client: ExperimentClient;
  settings: RunConfig;
  text: ExperimentText;
  parsed: ParsedExperiment;
  onText: (text: ExperimentText) => void;
  onRun: () => void;
  onUseSetting: (setting: { batchSize: number; learningRate: number; shuffle: boolean }) => void;
  onSettings: (settings: RunConfig) => void;
}

export function engineText(engine: ExperimentEngineInfo, i18n: I18n): string {
  if (engine.kind === 'webgpu')
    return i18n.t('x.engineGpu', {
      adapter: engine.adapter,
      schedule: i18n.t(engine.schedule === 'parallel' ? 'lab.schedule.parallel' : 'lab.schedule.sequential'),
    });
  const why = {
    backend: 'x.engineJsBackend',
    'no-webgpu': 'x.engineJsNoGpu',
    mlp: 'x.engineJsMlp',
    'gpu-failed': 'x.engineJsFailed',
  } as const;
  return i18n.t(why[engine.why]);
}

function Progress({ snapshot }: { snapshot: ExperimentSnapshot }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { phase, engine, results, elapsedMs } = snapshot;
  return (
    <div className="x-progress" data-phase={phase}>
      {phase === 'running' && (
        <>
          <progress aria-label={t('x.progressLabel')} value={snapshot.progress} max={1} />{' '}
          <span>
            {engine
              ? t('x.running', {
                  runs: i18n.count(snapshot.runs),
                  percent: Math.floor(snapshot.progress * 100),
                  engine: engineText(engine, i18n),
                })
              : t('x.planning')}
          </span>
        </>
      )}
      {/* Only how it ended is announced: the running percentage is the progress bar's, not a live region's. */}
      <span aria-live="polite">
        {phase === 'done' && results && engine && (
          <span className="x-outcome" data-elapsed-ms={elapsedMs ?? undefined} data-engine={engine.kind}>
            {t('x.done', {
              runs: i18n.count(results.rows.length),
              steps: i18n.count(snapshot.steps),
              seconds: ((elapsedMs ?? 0) / 1000).toFixed(2),
              engine: engineText(engine, i18n),
            })}
          </span>
        )}
        {phase === 'cancelled' && (
          <span className="x-outcome" data-cancel-ms={snapshot.cancelMs ?? undefined}>
            {t('x.cancelled')}
          </span>
        )}
        {phase === 'error' && <span className="x-outcome">{t('x.error', { reason: snapshot.error ?? '' })}</span>}
      </span>
    </div>
  );
}

function Presets({ onPreset, disabled }: { onPreset: (p: ExperimentPreset) => void; disabled: boolean }) {
  const { t } = useI18n();
  return (
    <div className="x-presets" role="group" aria-label={t('x.presets')}>
      {EXPERIMENT_PRESETS.map((p) => (
        <button key={p.id} type="button" onClick={() => onPreset(p)} disabled={disabled}>
          {t(p.label)}
        </button>
      ))}
    </div>
  );
}

export default function ExperimentsBody(props: ExperimentBodyProps) {
  const { client, settings, text, parsed, onText, onRun, onUseSetting, onSettings } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const snapshot = useExperiment(client);
  const running = snapshot.phase === 'running';
  const [note, setNote] = useState<Message | null>(null);
  const gridId = useId();
  const runsPlanned = useMemo(() => {
    const spec = parsed.spec;
    if (!spec) return null;
    return (
      (spec.shuffle === 'both' ? 2 : 1) * spec.batchSizes.length * spec.learningRates.length * spec.seedsPerSetting
    );
  }, [parsed.spec]);
  const onPreset = (preset: ExperimentPreset) => {
    onSettings({ ...settings, ...preset.settings });
    onText(preset.text);
    setNote({ key: preset.note });
  };
  return (
    <div className="experiments-body" data-phase={snapshot.phase}>
      <p className="panel-note">{t('x.intro')}</p>
      <Presets onPreset={onPreset} disabled={running} />
      {note && <p className="preset-note x-preset-note">{i18n.say(note)}</p>}
      <ExperimentForm
        text={text}
        problems={parsed.problems}
        onChange={(next) => {
          setNote(null);
          onText(next);
        }}
        disabled={running}
      />
      <p className="panel-note" id={gridId}>
        {parsed.problems.grid ? (
          <span className="field-error" aria-live="polite">
            {i18n.say(parsed.problems.grid)}
          </span>
        ) : runsPlanned !== null ? (
          t('x.gridSize', {
            runs: i18n.count(runsPlanned),
            epochs: settings.epochs,
            seed: String(settings.seed),
          })
        ) : null}
      </p>
      <div className="chart-tools x-tools">
        <button type="button" onClick={onRun} disabled={running || !parsed.spec} aria-describedby={gridId}>
          {t('x.run')}
        </button>
        <button type="button" onClick={() => client.cancel()} disabled={!running}>
          {t('x.cancel')}
        </button>
        <ExperimentExports
          snapshot={snapshot}
          grid={
            // The experiment shown, whose CSV the script prints; before any, the grid the boxes set now.
            snapshot.phase === 'done' && snapshot.base && snapshot.spec
              ? { base: snapshot.base, spec: snapshot.spec }
              : parsed.spec && { base: settings, spec: parsed.spec }
          }
        />
      </div>
      <Progress snapshot={snapshot} />
      {snapshot.phase === 'done' && snapshot.results && snapshot.base && snapshot.spec && (
        <ExperimentViews
          results={snapshot.results}
          spec={snapshot.spec}
          base={snapshot.base}
          onUseSetting={onUseSetting}
        />
      )}
    </div>
  );
}
