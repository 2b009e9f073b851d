// The control of one row of the settings table (src/engine/settings.ts): a number box for whole
// numbers, numbers and seeds, a checkbox for flags. Its label and its refusals come from the row,
// in the page's language; every value goes through validateConfig, as the URL's and the worker's do.
import { useId, type ReactNode } from 'react';
import { validateConfig, type RunConfig } from '../engine/config';
import {
  settingOf,
  type SettingField as Field,
  type SettingMessageKey,
  type SettingPluralKey,
  type SettingRow,
} from '../engine/settings';
import type { GlossaryKey } from '../i18n/glossary';
import { useI18n } from '../i18n/react';
import type { MessageKey, PluralKey } from '../i18n/translate';
import { NumberField } from './NumberField';
import { Term } from './Term';

// Every catalogue key the settings table names exists in the catalogue: a missing one fails to compile here.
type TableKeysExist = [SettingMessageKey] extends [MessageKey]
  ? [SettingPluralKey] extends [PluralKey]
    ? [Extract<SettingRow, { glossary: string }>['glossary']] extends [GlossaryKey]
      ? true
      : never
    : never
  : never;
const tableKeysExist: TableKeysExist = true;
void tableKeysExist;

export function CheckField(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  disabled?: boolean;
  /** The label's glossary button (outside the label, which names the box). */
  term?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field field-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.term}
      {props.hint && (
        <p id={`${id}-hint`} className="field-hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}

interface Props {
  field: Field;
  settings: RunConfig;
  onChange: (patch: Partial<RunConfig>) => void;
  hint?: ReactNode;
  /** Said next to a valid value worth a word (a batch larger than the data, a huge learning rate). */
  warning?: string | null;
  /** A setting that does not apply now (shuffle while sampling with replacement): shown, not editable. */
  disabled?: boolean;
}

export function SettingField({ field, settings, onChange, hint, warning, disabled }: Props) {
  const { t } = useI18n();
  const spec = settingOf(field);
  const label = t(spec.label as SettingMessageKey);
  const value = settings[field];
  const term = spec.glossary ? <Term explain={spec.glossary as GlossaryKey} /> : undefined;
  if (spec.kind.type === 'flag') {
    return (
      <CheckField
        label={label}
        checked={value === true}
        hint={hint}
        term={term}
        disabled={disabled}
        onChange={(checked) => onChange({ [field]: checked })}
      />
    );
  }
  if (typeof value !== 'number' && typeof value !== 'string') throw new Error(`${field} has no number box`);
  return (
    <NumberField
      label={label}
      term={term}
      value={value}
      inputMode={spec.kind.type === 'number' ? 'decimal' : 'numeric'}
      hint={hint}
      warning={warning}
      // Seeds go on as text: beyond 2^53 a number would round them.
      read={spec.kind.type === 'seed' ? (text) => text : undefined}
      validate={(candidate) => validateConfig({ [field]: candidate }, settings).problems[field] ?? null}
      onValidChange={(candidate) => {
        const next = validateConfig({ [field]: candidate }, settings).config[field];
        if (next !== value) onChange({ [field]: next });
      }}
    />
  );
}
