// The run's settings and the commands. Every value goes through validateConfig, the same schema the
// URL parser and the worker use, so what the controls accept is what the engine can run.
import { useId, type ReactNode } from 'react';
import {
  BACKEND_PREFERENCES,
  SPEED_CHOICES,
  validateConfig,
  type BackendPreference,
  type RunConfig,
} from '../engine/config';
import { useI18n } from '../i18n/react';
import type { I18n } from '../i18n/translate';
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

const backendLabel = (b: BackendPreference, i18n: I18n): string =>
  b === 'auto' ? i18n.t('controls.backendAuto') : { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' }[b];

export const speedLabel = (speed: number, i18n: I18n): string =>
  speed === 0 ? i18n.t('controls.speedMax') : i18n.tp('controls.speedSteps', speed);

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
  const i18n = useI18n();
  const { t } = i18n;
  const hidden = props.hidden ?? NO_HIDDEN;
  const shown = (name: HideableControl) => !hidden.has(name);
  const speedId = useId();
  const backendId = useId();
  const backendHintId = useId();

  const change = (patch: Partial<RunConfig>, kind: SettingsChange = 'run') =>
    onSettingsChange({ ...settings, ...patch }, kind);

  const warnings = settingWarnings(settings, props.datasetSize ?? 0, i18n);
  const numberField = (field: NumericField, label: string, inputMode: 'numeric' | 'decimal', hint?: ReactNode) => (
    <NumberField
      label={label}
      value={settings[field]}
      inputMode={inputMode}
      hint={hint}
      warning={field === 'batchSize' || field === 'learningRate' ? warnings[field] : null}
      // Seeds go on as text: beyond 2^53 a number would round them.
      read={field === 'seed' ? (text) => text : undefined}
      validate={(candidate) => validateConfig({ [field]: candidate }, settings).problems[field] ?? null}
      onValidChange={(candidate) => {
        const value = validateConfig({ [field]: candidate }, settings).config[field];
        if (value !== settings[field]) change({ [field]: value });
      }}
    />
  );

  const speeds = SPEED_CHOICES.includes(settings.speed) ? SPEED_CHOICES : [...SPEED_CHOICES, settings.speed];
  const canTrain = runState === 'ready' || runState === 'paused';

  return (
    <form className="controls" aria-label={t('controls.settings')} onSubmit={(e) => e.preventDefault()}>
      {shown('run') && (
      <div className="buttons" role="group" aria-label={t('controls.run')}>
        <button type="button" className="primary" onClick={props.onTrain} disabled={!canTrain}>
          {t('controls.train')}
        </button>
        <button type="button" onClick={props.onPause} disabled={runState !== 'running'}>
          {t('controls.pause')}
        </button>
        <button type="button" onClick={props.onStep} disabled={!canTrain}>
          {t('controls.step')}
        </button>
        <button type="button" onClick={props.onStepEpoch} disabled={!canTrain}>
          {t('controls.stepEpoch')}
        </button>
        <button type="button" onClick={props.onReset}>
          {t('controls.reset')}
        </button>
      </div>
      )}
      {(shown('dataset') || shown('model')) && (
        <DataModelFields settings={settings} onChange={(patch) => change(patch)} hidden={hidden} />
      )}

      {(shown('batch') || shown('shuffle') || shown('droplast')) && (
      <fieldset>
        <legend>{t('controls.dataLoader')}</legend>
        {shown('batch') && numberField('batchSize', t('controls.batchSize'), 'numeric')}
        {shown('shuffle') && <CheckField label={t('controls.shuffle')} checked={settings.shuffle} onChange={(shuffle) => change({ shuffle })} />}
        {shown('droplast') && <CheckField label={t('controls.dropLast')} checked={settings.dropLast} onChange={(dropLast) => change({ dropLast })} />}
      </fieldset>
      )}

      {(shown('lr') || shown('epochs') || shown('seed')) && (
      <fieldset>
        <legend>{t('controls.training')}</legend>
        {shown('lr') && numberField('learningRate', t('controls.learningRate'), 'decimal')}
        {shown('epochs') && numberField('epochs', t('controls.epochs'), 'numeric')}
        {shown('seed') && numberField('seed', t('controls.seed'), 'numeric', <code translate="no">torch.manual_seed(seed)</code>)}
      </fieldset>
      )}

      {(shown('speed') || shown('backend')) && (
      <fieldset>
        <legend>{t('controls.playback')}</legend>
        {shown('speed') && (
        <div className="field">
          <label htmlFor={speedId}>{t('controls.speed')}</label>
          <select
            id={speedId}
            value={String(settings.speed)}
            onChange={(e) => change({ speed: Number(e.target.value) }, 'speed')}
          >
            {speeds.map((s) => (
              <option key={s} value={String(s)}>
                {speedLabel(s, i18n)}
              </option>
            ))}
          </select>
        </div>
        )}
        {shown('backend') && (
        <div className="field">
          <label htmlFor={backendId}>{t('controls.backend')}</label>
          <select
            id={backendId}
            value={settings.backend}
            aria-describedby={backendHintId}
            onChange={(e) => change({ backend: e.target.value as BackendPreference }, 'backend')}
          >
            {BACKEND_PREFERENCES.map((b) => (
              <option key={b} value={b}>
                {backendLabel(b, i18n)}
              </option>
            ))}
          </select>
          <p id={backendHintId} className="field-hint">
            {t('controls.backendHint')}
          </p>
        </div>
        )}
      </fieldset>
      )}

    </form>
  );
}
