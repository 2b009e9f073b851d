// "Your data (CSV)": paste x,y rows or upload a file. The parser (src/engine/csv-data.ts) names the
// line of any problem; until the data is valid, the current dataset stays as it was.
import { useId, useState } from 'react';
import { parseCsvData, type CustomData } from '../engine/csv-data';
import { saveCustomData } from '../state/custom-data-store';

interface Props {
  onUse: (data: CustomData) => void;
  /** The run trains on the user's data now. */
  active: boolean;
}

export function CustomDataField({ onUse, active }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const use = (csv: string) => {
    const result = parseCsvData(csv);
    if (!result.ok) {
      setError(result.error);
      setNote(null);
      return;
    }
    setError(null);
    const n = result.data.x.length;
    const saved = saveCustomData(result.data);
    setNote(
      `Using ${n.toLocaleString('en')} row${n === 1 ? '' : 's'}${result.header ? ' (header skipped)' : ''}. ` +
        (saved
          ? 'Stored in this browser: a link with dataset=custom works only here.'
          : 'This browser could not store it, so it will be gone after a reload.'),
    );
    onUse(result.data);
  };

  return (
    <div className="field custom-data">
      <label htmlFor={`${id}-text`}>Your data (CSV)</label>
      <textarea
        id={`${id}-text`}
        rows={4}
        value={text}
        placeholder={'x,y\n1,2\n2,4'}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setText(e.target.value)}
      />
      <p id={`${id}-hint`} className="field-hint">
        one x,y pair per line, header optional, up to 1,000,000 rows
      </p>
      <button type="button" onClick={() => use(text)}>
        Use this data
      </button>
      <label htmlFor={`${id}-file`}>Upload CSV</label>
      <input
        id={`${id}-file`}
        type="file"
        accept=".csv,text/csv,text/plain"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void file.text().then(use);
          e.target.value = '';
        }}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {active && !note && (
        <p className="field-hint">Your data is stored in this browser: a link with dataset=custom works only here.</p>
      )}
      {note && (
        <p className="field-hint" aria-live="polite">
          {note}
        </p>
      )}
    </div>
  );
}
