// The "Keyboard shortcuts" button and its native <dialog>: Escape closes it (the browser does),
// and focus goes back to the button.
import { useId, useRef } from 'react';
import { useI18n } from '../i18n/react';
import { SHORTCUTS } from './shortcuts';
import './view-options.css';

export function ShortcutsHelp() {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const { t } = useI18n();
  return (
    <>
      <button type="button" ref={opener} className="shortcuts-open" onClick={() => dialog.current?.showModal()}>
        {t('shortcuts.open')}
      </button>
      <dialog
        ref={dialog}
        className="shortcuts-dialog"
        aria-labelledby={headingId}
        onClose={() => opener.current?.focus()}
      >
        <h2 id={headingId}>{t('shortcuts.open')}</h2>
        <p>{t('shortcuts.where')}</p>
        <dl>
          {SHORTCUTS.map(({ keys, does }) => (
            <div key={keys}>
              <dt>
                <kbd>{keys === 'R' ? keys : t(keys)}</kbd>
              </dt>
              <dd>{t(does)}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog">
          <button type="submit">{t('shortcuts.close')}</button>
        </form>
      </dialog>
    </>
  );
}
