// The run's settings and the commands. Every value goes through validateConfig, the same schema the
// URL parser and the worker use, so what the controls accept is what the engine can run.
import { useId } from 'react';
import {
  BACKEND_PREFERENCES,
  SPEED_CHOICES,
  validateConfig,
  type BackendPreference,
  type RunConfig,
} from '../engine/config';
import type { RunState } from '../protocol';
import { settingWarnings } from '../state/setting-warnings';
import type { HideableControl } from '../state/url';
import { DataModelFields } from './DataModelFields';
import { NumberField } from './NumberField';

export type SettingsChange = 'run' | 'speed' | 'backend';

interface Props {
  settings: RunConfig;
  runState: RunState;
  onSettingsChange: (next: RunConfig, change: SettingsChange) => void;
  onTrain: () => void;
  onPause: () => void;
  onStep: () => void;
  onStepEpoch: () => void;
  onReset: () => void;
  /** The current run's number of samples (0 while unknown), for the batch-size note. */
  datasetSize?: number;
  /** Controls a link's `hide=` removes (embedded exercises). */
  hidden?: ReadonlySet<HideableControl>;
}

const NO_HIDDEN: ReadonlySet<HideableControl> = new Set();

type NumericField = 'batchSize' | 'learningRate' | 'epochs' | 'seed';

const BACKEND_LABELS: Record<BackendPreference, string> = {
  auto: 'Auto',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  cpu: 'CPU',
};

export const speedLabel = (speed: number): string =>
  speed === 0 ? 'Max' : `${speed} ${speed === 1 ? 'step' : 'steps'}/s`;

export function CheckField(props: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

export function Controls(props: Props) {
  const { settings, runState, onSettingsChange } = props;
  const hidden = props.hidden ?? NO_HIDDEN;
  const shown = (name: HideableControl) => !hidden.has(name);
  const speedId = useId();
  const backendId = useId();
  const backendHintId = useId();

  const change = (patch: Partial<RunConfig>, kind: SettingsChange = 'run') =>
    onSettingsChange({ ...settings, ...patch }, kind);

  const warnings = settingWarnings(settings, props.datasetSize ?? 0);
  const numberField = (field: NumericField, label: string, inputMode: 'numeric' | 'decimal', hint?: string) => (
    <NumberField
      label={label}
      value={settings[field]}
      inputMode={inputMode}
      hint={hint}
      warning={field === 'batchSize' || field === 'learningRate' ? warnings[field] : null}
      // Seeds go on as text: beyond 2^53 a number would round them.
      read={field === 'seed' ? (text) => text : undefined}
      validate={(candidate) => validateConfig({ [field]: candidate }, settings).errors[field] ?? null}
      onValidChange={(candidate) => {
        const value = validateConfig({ [field]: candidate }, settings).config[field];
        if (value !== settings[field]) change({ [field]: value });
      }}
    />
  );

  const speeds = SPEED_CHOICES.includes(settings.speed) ? SPEED_CHOICES : [...SPEED_CHOICES, settings.speed];
  const canTrain = runState === 'ready' || runState === 'paused';

  return (
    <form className="controls" aria-label="Run settings" onSubmit={(e) => e.preventDefault()}>
      {shown('run') && (
      <div className="buttons" role="group" aria-label="Run">
        <button type="button" className="primary" onClick={props.onTrain} disabled={!canTrain}>
          Train
        </button>
        <button type="button" onClick={props.onPause} disabled={runState !== 'running'}>
          Pause
        </button>
        <button type="button" onClick={props.onStep} disabled={!canTrain}>
          Step
        </button>
        <button type="button" onClick={props.onStepEpoch} disabled={!canTrain}>
          Step epoch
        </button>
        <button type="button" onClick={props.onReset}>
          Reset
        </button>
      </div>
      )}
      {(shown('dataset') || shown('model')) && (
        <DataModelFields settings={settings} onChange={(patch) => change(patch)} hidden={hidden} />
      )}

      {(shown('batch') || shown('shuffle') || shown('droplast')) && (
      <fieldset>
        <legend>DataLoader</legend>
        {shown('batch') && numberField('batchSize', 'Batch size', 'numeric')}
        {shown('shuffle') && <CheckField label="Shuffle" checked={settings.shuffle} onChange={(shuffle) => change({ shuffle })} />}
        {shown('droplast') && <CheckField label="Drop last" checked={settings.dropLast} onChange={(dropLast) => change({ dropLast })} />}
      </fieldset>
      )}

      {(shown('lr') || shown('epochs') || shown('seed')) && (
      <fieldset>
        <legend>Training</legend>
        {shown('lr') && numberField('learningRate', 'Learning rate', 'decimal')}
        {shown('epochs') && numberField('epochs', 'Epochs', 'numeric')}
        {shown('seed') && numberField('seed', 'Seed', 'numeric', 'torch.manual_seed(seed)')}
      </fieldset>
      )}

      {(shown('speed') || shown('backend')) && (
      <fieldset>
        <legend>Playback</legend>
        {shown('speed') && (
        <div className="field">
          <label htmlFor={speedId}>Speed</label>
          <select
            id={speedId}
            value={String(settings.speed)}
            onChange={(e) => change({ speed: Number(e.target.value) }, 'speed')}
          >
            {speeds.map((s) => (
              <option key={s} value={String(s)}>
                {speedLabel(s)}
              </option>
            ))}
          </select>
        </div>
        )}
        {shown('backend') && (
        <div className="field">
          <label htmlFor={backendId}>Backend</label>
          <select
            id={backendId}
            value={settings.backend}
            aria-describedby={backendHintId}
            onChange={(e) => change({ backend: e.target.value as BackendPreference }, 'backend')}
          >
            {BACKEND_PREFERENCES.map((b) => (
              <option key={b} value={b}>
                {BACKEND_LABELS[b]}
              </option>
            ))}
          </select>
          <p id={backendHintId} className="field-hint">
            Changing it restarts the training worker.
          </p>
        </div>
        )}
      </fieldset>
      )}

    </form>
  );
}
