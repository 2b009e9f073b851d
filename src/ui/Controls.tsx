// The run's settings and the commands. Each number box and checkbox is a row of the settings table
// (src/engine/settings.ts, through SettingField); every value goes through validateConfig, the same
// schema the URL parser and the worker use, so what the controls accept is what the engine can run.
import { memo, useId, type ReactNode } from 'react';
import { BACKEND_PREFERENCES, SPEED_CHOICES, type BackendPreference, type RunConfig } from '../engine/config';
import {
  isUnused,
  settingOf,
  type SettingChange,
  type SettingField as Field,
  type SettingMessageKey,
} from '../engine/settings';
import { useI18n } from '../i18n/react';
import type { I18n, MessageKey } from '../i18n/translate';
import type { RunStore } from '../state/run-store';
import { useRunField } from '../state/use-run-snapshot';
import { settingWarnings } from '../state/setting-warnings';
import type { HideableControl } from '../state/url';
import type { GlossaryKey } from '../i18n/glossary';
import { DataModelFields } from './DataModelFields';
import { SettingField } from './SettingField';
import { Term } from './Term';

export { CheckField } from './SettingField';
export type SettingsChange = SettingChange;

/**
 * The table's settings that these groups show, in order: a new setting joins one by its field. The
 * lesson's variables come first (batch size, shuffle), then the run buttons, then the rest.
 */
const FIRST_GROUP: { legend: MessageKey; fields: readonly Field[] } = {
  legend: 'controls.dataLoader',
  fields: ['batchSize', 'shuffle', 'replacement', 'dropLast'],
};
const LATER_GROUPS: ReadonlyArray<{ legend: MessageKey; fields: readonly Field[] }> = [
  { legend: 'controls.training', fields: ['learningRate', 'epochs', 'seed'] },
];

/** What a change of several settings at once does: a worker restart outweighs a reset, a reset a speed change. */
function changeOf(patch: Partial<RunConfig>): SettingChange {
  const changes = Object.keys(patch).map((field) => settingOf(field as Field)?.change ?? 'run');
  return changes.includes('backend') ? 'backend' : changes.includes('run') ? 'run' : 'speed';
}

interface Props {
  settings: RunConfig;
  /** The run buttons follow its state; the rest of the controls does not re-render with it. */
  store: RunStore;
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

const backendLabel = (b: BackendPreference, i18n: I18n): string =>
  b === 'auto' ? i18n.t('controls.backendAuto') : { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' }[b];

export const speedLabel = (speed: number, i18n: I18n): string =>
  speed === 0 ? i18n.t('controls.speedMax') : i18n.tp('controls.speedSteps', speed);

// Memoised: the app re-renders on every frame of a run, and the controls change only with the
// settings, the run's state and its size (the app's callbacks are stable).
export const Controls = memo(function Controls(props: Props) {
  const { settings, onSettingsChange } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const hidden = props.hidden ?? NO_HIDDEN;
  const shown = (name: HideableControl) => !hidden.has(name);
  const speedId = useId();
  const backendId = useId();
  const backendHintId = useId();

  const change = (patch: Partial<RunConfig>) => onSettingsChange({ ...settings, ...patch }, changeOf(patch));

  const warnings = settingWarnings(settings, props.datasetSize ?? 0, i18n);
  const hints: Partial<Record<Field, ReactNode>> = {
    seed: <code translate="no">torch.manual_seed(seed)</code>,
    replacement: t('controls.replacementHint'),
  };
  // A setting that does not apply now says why by its box (Shuffle beside Replacement).
  const unusedNote = (field: Field) => {
    const spec = settingOf(field);
    return spec.unusedWhen && isUnused(spec, settings) ? t(spec.unusedWhen.note as SettingMessageKey) : undefined;
  };
  const shownFields = (fields: readonly Field[]) =>
    fields.filter((field) => {
      const { hide } = settingOf(field);
      return hide === null || shown(hide as HideableControl);
    });

  const speeds = SPEED_CHOICES.includes(settings.speed) ? SPEED_CHOICES : [...SPEED_CHOICES, settings.speed];

  const group = ({ legend, fields }: { legend: MessageKey; fields: readonly Field[] }) => {
    const visible = shownFields(fields);
    return (
      visible.length > 0 && (
        <fieldset key={legend}>
          <legend>{t(legend)}</legend>
          {visible.map((field) => (
            <SettingField
              key={field}
              field={field}
              settings={settings}
              onChange={change}
              hint={unusedNote(field) ?? hints[field]}
              disabled={isUnused(settingOf(field), settings)}
              warning={field === 'batchSize' || field === 'learningRate' ? warnings[field] : null}
            />
          ))}
        </fieldset>
      )
    );
  };
  // Beside Train: what the class will see is as much the pace as the settings.
  const speedField = (
    <div className="field speed-field">
      <label htmlFor={speedId}>{t('controls.speed')}</label>
      <select id={speedId} value={String(settings.speed)} onChange={(e) => change({ speed: Number(e.target.value) })}>
        {speeds.map((s) => (
          <option key={s} value={String(s)}>
            {speedLabel(s, i18n)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <form className="controls" aria-label={t('controls.settings')} onSubmit={(e) => e.preventDefault()}>
      {group(FIRST_GROUP)}
      {shown('run') && <RunButtons {...props}>{shown('speed') && speedField}</RunButtons>}
      {LATER_GROUPS.map(group)}
      {(shown('dataset') || shown('model')) && (
        <DataModelFields settings={settings} onChange={(patch) => change(patch)} hidden={hidden} />
      )}

      {((!shown('run') && shown('speed')) || shown('backend')) && (
        <fieldset>
          <legend>{t('controls.playback')}</legend>
          {!shown('run') && shown('speed') && speedField}
          {shown('backend') && (
            <div className="field">
              <label htmlFor={backendId} className="label-with-term">
                {t('controls.backend')}
              </label>
              <Term explain={settingOf('backend').glossary as GlossaryKey} />
              <select
                id={backendId}
                value={settings.backend}
                aria-describedby={backendHintId}
                onChange={(e) => change({ backend: e.target.value as BackendPreference })}
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
});

/** Train, Pause, Step, Step epoch, Reset: the part of the controls that changes when a run starts or stops. */
function RunButtons(props: Props & { children: ReactNode }) {
  const { t } = useI18n();
  const runState = useRunField(props.store, 'state');
  const canTrain = runState === 'ready' || runState === 'paused';
  return (
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
      {props.children}
    </div>
  );
}
