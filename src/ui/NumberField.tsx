// A labelled number box that only ever hands on valid values. While the text is not a valid
// setting it says why next to the box (aria-describedby) and the run keeps the last valid value.
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { Message } from '../i18n/message';
import { useI18n } from '../i18n/react';

interface Props {
  label: string;
  /** A number, or exact decimal text where a number would round (seeds beyond 2^53). */
  value: number | string;
  /** Returns why `candidate` is not acceptable, or null when it is. NaN stands for "not a number". */
  validate: (candidate: number | string) => Message | null;
  onValidChange: (value: number | string) => void;
  /** Turns the typed text into a candidate; by default a strict decimal number, NaN otherwise. */
  read?: (text: string) => number | string;
  /** Said next to a valid value that is allowed but worth a word (e.g. larger than the dataset). */
  warning?: string | null;
  inputMode: 'numeric' | 'decimal';
  hint?: ReactNode;
  /** The label's glossary button, beside the label and outside it (the label names the box). */
  term?: ReactNode;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const readDecimal = (text: string) => (DECIMAL.test(text) ? Number(text) : Number.NaN);

export function NumberField({
  label,
  value,
  validate,
  onValidChange,
  read = readDecimal,
  warning,
  inputMode,
  hint,
  term,
}: Props) {
  const id = useId();
  const i18n = useI18n();
  const [text, setText] = useState(String(value));
  // Kept as a message, so that switching the language re-says it.
  const [error, setError] = useState<Message | null>(null);

  // A value set from elsewhere (a reset of the settings, the URL) replaces what is typed.
  useEffect(() => {
    setText((current) => (DECIMAL.test(current.trim()) && Number(current) === value ? current : String(value)));
    setError(null);
  }, [value]);

  const onChange = (next: string) => {
    setText(next);
    const trimmed = next.trim();
    if (trimmed === '') {
      setError({ key: 'controls.enterValue', params: { value } });
      return;
    }
    const candidate = read(trimmed);
    const problem = validate(candidate);
    if (problem) {
      setError({ key: 'controls.stillUsing', params: { problem, value } });
      return;
    }
    setError(null);
    if (candidate !== value) onValidChange(candidate);
  };

  const shownWarning = error ? null : (warning ?? null);
  const describedBy = [error ? `${id}-error` : null, shownWarning ? `${id}-warning` : null, hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id} className={term ? 'label-with-term' : undefined}>
        {label}
      </label>
      {term}
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => {
          if (error) return; // keep the bad text visible next to its message
          setText(String(value));
        }}
      />
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {/* Always in the DOM, so screen readers announce the message when it appears. */}
      <p id={`${id}-error`} className="field-error" aria-live="polite">
        {error && i18n.say(error)}
      </p>
      <p id={`${id}-warning`} className="field-warning" aria-live="polite">
        {shownWarning}
      </p>
    </div>
  );
}
