// A labelled number box that only ever hands on valid values. While the text is not a valid
// setting it says why next to the box (aria-describedby) and the run keeps the last valid value.
import { useEffect, useId, useState } from 'react';

interface Props {
  label: string;
  value: number;
  /** Returns why `candidate` is not acceptable, or null when it is. NaN stands for "not a number". */
  validate: (candidate: number) => string | null;
  onValidChange: (value: number) => void;
  inputMode: 'numeric' | 'decimal';
  hint?: string;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function NumberField({ label, value, validate, onValidChange, inputMode, hint }: Props) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);

  // A value set from elsewhere (a reset of the settings, the URL) replaces what is typed.
  useEffect(() => {
    setText((current) => (DECIMAL.test(current.trim()) && Number(current) === value ? current : String(value)));
    setError(null);
  }, [value]);

  const onChange = (next: string) => {
    setText(next);
    const trimmed = next.trim();
    if (trimmed === '') {
      setError(`Enter a value. Still using ${value}.`);
      return;
    }
    const candidate = DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
    const problem = validate(candidate);
    if (problem) {
      setError(`${problem} Still using ${value}.`);
      return;
    }
    setError(null);
    if (candidate !== value) onValidChange(candidate);
  };

  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
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
        {error}
      </p>
    </div>
  );
}
