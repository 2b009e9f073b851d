// The "Keyboard shortcuts" button and its native <dialog>: Escape closes it (the browser does),
// and focus goes back to the button.
import { useId, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';
import './view-options.css';

export function ShortcutsHelp() {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  return (
    <>
      <button type="button" ref={opener} className="shortcuts-open" onClick={() => dialog.current?.showModal()}>
        Keyboard shortcuts
      </button>
      <dialog
        ref={dialog}
        className="shortcuts-dialog"
        aria-labelledby={headingId}
        onClose={() => opener.current?.focus()}
      >
        <h2 id={headingId}>Keyboard shortcuts</h2>
        <p>Anywhere on the page, except while typing in a box or choosing in a list:</p>
        <dl>
          {SHORTCUTS.map(({ keys, does }) => (
            <div key={keys}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{does}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  );
}
