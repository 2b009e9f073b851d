// The experiment's boxes: comma lists of batch sizes and learning rates, the shuffle setting, seeds
// per setting and the target loss. They hold text as typed; a refused box says why next to it
// (aria-describedby, in the page's language) and the experiment cannot start until it is fixed.
import { useId } from 'react';
import type { ExperimentProblems, ExperimentText } from '../../engine/experiment/spec';
import { useI18n } from '../../i18n/react';
import type { MessageKey } from '../../i18n/translate';

interface Props {
  text: ExperimentText;
  problems: ExperimentProblems;
  onChange: (text: ExperimentText) => void;
  disabled: boolean;
}

type TextBox = Exclude<keyof ExperimentText, 'shuffle'>;

const BOXES: readonly { field: TextBox; label: MessageKey; hint?: MessageKey; mode: 'decimal' | 'numeric' }[] = [
  { field: 'batchSizes', label: 'x.batchSizes', hint: 'x.listHint', mode: 'decimal' },
  { field: 'learningRates', label: 'x.learningRates', hint: 'x.listHint', mode: 'decimal' },
  { field: 'seedsPerSetting', label: 'x.seeds', hint: 'x.seedsHint', mode: 'numeric' },
  { field: 'targetLoss', label: 'x.target', hint: 'x.targetHint', mode: 'decimal' },
];

export function ExperimentForm({ text, problems, onChange, disabled }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const base = useId();
  const box = (field: TextBox, label: MessageKey, mode: 'decimal' | 'numeric', hint?: MessageKey) => {
    const id = `${base}-${field}`;
    const problem = problems[field];
    const said = [problem ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
    return (
      <div className="field x-field" key={field}>
        <label htmlFor={id}>{t(label)}</label>
        <input
          id={id}
          type="text"
          inputMode={mode}
          spellCheck={false}
          autoComplete="off"
          value={text[field]}
          disabled={disabled}
          aria-invalid={problem ? true : undefined}
          aria-describedby={said || undefined}
          onChange={(e) => onChange({ ...text, [field]: e.target.value })}
        />
        {hint && (
          <span id={`${id}-hint`} className="field-hint">
            {t(hint)}
          </span>
        )}
        {problem && (
          <span id={`${id}-error`} className="field-error" aria-live="polite">
            {i18n.say(problem)}
          </span>
        )}
      </div>
    );
  };
  const shuffleId = `${base}-shuffle`;
  return (
    <div className="x-form" role="group" aria-label={t('x.formLabel')}>
      {box(BOXES[0].field, BOXES[0].label, BOXES[0].mode, BOXES[0].hint)}
      {box(BOXES[1].field, BOXES[1].label, BOXES[1].mode, BOXES[1].hint)}
      <div className="field x-field">
        <label htmlFor={shuffleId}>{t('x.shuffle')}</label>
        <select
          id={shuffleId}
          value={text.shuffle}
          disabled={disabled}
          aria-invalid={problems.shuffle ? true : undefined}
          aria-describedby={problems.shuffle ? `${shuffleId}-error` : undefined}
          onChange={(e) => onChange({ ...text, shuffle: e.target.value })}
        >
          <option value="on">{t('x.shuffleOn')}</option>
          <option value="off">{t('x.shuffleOff')}</option>
          <option value="both">{t('x.shuffleBoth')}</option>
          {!['on', 'off', 'both'].includes(text.shuffle) && <option value={text.shuffle}>{text.shuffle}</option>}
        </select>
        {problems.shuffle && (
          <span id={`${shuffleId}-error`} className="field-error" aria-live="polite">
            {i18n.say(problems.shuffle)}
          </span>
        )}
      </div>
      {BOXES.slice(2).map((b) => box(b.field, b.label, b.mode, b.hint))}
    </div>
  );
}
