// "Your data (CSV)": paste x,y rows or upload a file. The parser (src/engine/csv-data.ts) names the
// line of any problem; until the data is valid, the current dataset stays as it was. Closed under
// "Use your own data" unless the run trains on it: the first screen is for the lesson's settings.
import { useId, useState } from 'react';
import { parseCsvData, type CustomData } from '../engine/csv-data';
import type { Message } from '../i18n/message';
import { useI18n } from '../i18n/react';
import { saveCustomData } from '../state/custom-data-store';

interface Props {
  onUse: (data: CustomData) => void;
  /** The run trains on the user's data now. */
  active: boolean;
}

export function CustomDataField({ onUse, active }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const i18n = useI18n();
  const { t } = i18n;
  // Messages, not text: a language switch re-says them.
  const [error, setError] = useState<Message | null>(null);
  const [note, setNote] = useState<{ rows: number; header: boolean; saved: boolean } | null>(null);
  const [open, setOpen] = useState(active);

  const use = (csv: string) => {
    const result = parseCsvData(csv);
    if (!result.ok) {
      setError(result.problem);
      setNote(null);
      return;
    }
    setError(null);
    const n = result.data.x.length;
    const saved = saveCustomData(result.data);
    setNote({ rows: n, header: result.header, saved });
    onUse(result.data);
  };

  return (
    <details className="own-data" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('csv.summary')}</summary>
      <div className="field custom-data">
        <label htmlFor={`${id}-text`}>{t('csv.label')}</label>
        <textarea
          id={`${id}-text`}
          rows={4}
          value={text}
          placeholder={'x,y\n1,2\n2,4'}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setText(e.target.value)}
        />
        <p id={`${id}-hint`} className="field-hint">
          {t('csv.hint')}
        </p>
        <button type="button" onClick={() => use(text)}>
          {t('csv.use')}
        </button>
        {/* The native file button speaks the browser's language, not the page's: ours does the talking. */}
        <input
          id={`${id}-file`}
          className="file-input"
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then(use);
            e.target.value = '';
          }}
        />
        <label htmlFor={`${id}-file`} className="file-button">
          {t('csv.upload')}
        </label>
        {error && (
          <p className="field-error" role="alert">
            {i18n.say(error)}
          </p>
        )}
        {active && !note && <p className="field-hint">{t('csv.active')}</p>}
        {note && (
          <p className="field-hint" aria-live="polite">
            {i18n.tp('csv.using', note.rows, { header: note.header ? t('csv.headerSkipped') : '' })}
            {t('app.sentenceGap')}
            {t(note.saved ? 'csv.stored' : 'csv.notStored')}
          </p>
        )}
      </div>
    </details>
  );
}
