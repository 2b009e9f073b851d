// Which data and which model: the tutorial's ten samples or a generated set (its size up to
// 1,000,000), the linear model or an MLP with its hidden width and activation. The fields that do
// not apply (samples of the tutorial's fixed data, the linear model's hidden units) are not shown.
import { useId, type ReactNode } from 'react';
import {
  ACTIVATION_NAMES,
  DATASET_NAMES,
  MODEL_NAMES,
  type ActivationName,
  type DatasetName,
  type ModelName,
  type RunConfig,
} from '../engine/config';
import { datasetSizeFor } from '../engine/plan';
import { heldOutCount } from '../engine/validation';
import { useI18n } from '../i18n/react';
import type { MessageKey } from '../i18n/translate';
import { CustomDataField } from './CustomDataField';
import { SettingField } from './SettingField';

const DATASET_LABELS: Record<DatasetName, MessageKey> = {
  tutorial: 'data.tutorial',
  line: 'data.line',
  sine: 'data.sine',
  custom: 'data.custom',
};

const MODEL_LABELS: Record<ModelName, MessageKey> = { linear: 'data.linear', mlp: 'data.mlp' };

const ACTIVATION_LABELS: Record<ActivationName, string> = { relu: 'ReLU', tanh: 'Tanh', sigmoid: 'Sigmoid' };

function Select<T extends string>(props: {
  label: string;
  value: T;
  options: readonly T[];
  labels: Record<T, string>;
  onChange: (value: T) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.labels[o]}
          </option>
        ))}
      </select>
    </div>
  );
}

interface Props {
  settings: RunConfig;
  onChange: (patch: Partial<RunConfig>) => void;
  /** `hide=dataset` / `hide=model` (embedded exercises). */
  hidden?: ReadonlySet<string>;
}

export function DataModelFields({ settings, onChange, hidden }: Props) {
  const { t } = useI18n();
  const translated = <K extends string>(keys: Record<K, MessageKey>) =>
    Object.fromEntries(Object.entries<MessageKey>(keys).map(([k, key]) => [k, t(key)])) as Record<K, string>;
  const numberField = (field: 'samples' | 'hiddenUnits', _label: string, hint: ReactNode) => (
    <SettingField field={field} settings={settings} onChange={onChange} hint={hint} />
  );
  return (
    <fieldset>
      <legend>{t('data.group')}</legend>
      {!hidden?.has('dataset') && (
        <Select
          label={t('data.dataset')}
          value={settings.dataset}
          options={settings.customData ? DATASET_NAMES : DATASET_NAMES.filter((d) => d !== 'custom')}
          labels={translated(DATASET_LABELS)}
          onChange={(dataset) => onChange({ dataset })}
        />
      )}
      {!hidden?.has('dataset') && (
        <CustomDataField
          active={settings.dataset === 'custom'}
          onUse={(customData) => onChange({ dataset: 'custom', customData, samples: customData.x.length })}
        />
      )}
      {settings.dataset !== 'tutorial' &&
        settings.dataset !== 'custom' &&
        numberField('samples', t('data.samples'), t('data.samplesHint'))}
      {!hidden?.has('val') && (
        <SettingField
          field="validationSplit"
          settings={settings}
          onChange={onChange}
          hint={t('data.validationSplitHint', {
            count: heldOutCount(settings.validationSplit, datasetSizeFor(settings)),
            total: datasetSizeFor(settings),
          })}
        />
      )}
      {!hidden?.has('model') && (
        <Select
          label={t('data.model')}
          value={settings.model}
          options={MODEL_NAMES}
          labels={translated(MODEL_LABELS)}
          onChange={(model) => onChange({ model })}
        />
      )}
      {settings.model === 'mlp' && (
        <>
          {numberField('hiddenUnits', t('data.hiddenUnits'), t('data.hiddenUnitsHint'))}
          <Select
            label={t('data.activation')}
            value={settings.activation}
            options={ACTIVATION_NAMES}
            labels={ACTIVATION_LABELS}
            onChange={(activation) => onChange({ activation })}
          />
        </>
      )}
    </fieldset>
  );
}
