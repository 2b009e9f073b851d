import { useEffect, useRef } from 'react';
import type { RunState } from '../protocol';
import { shortcutCommand, type ShortcutCommand } from './shortcuts';

/**
 * Space / → / R anywhere on the page. Listens on window, so it runs after React's handlers and sees
 * a key a chart has already used (defaultPrevented).
 */
export function useShortcuts(runState: RunState, run: (command: ShortcutCommand) => void): void {
  const latest = useRef({ runState, run });
  latest.current = { runState, run };
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const el = e.target instanceof Element ? e.target : document.body;
      const target = {
        tagName: el.tagName,
        isContentEditable: el instanceof HTMLElement && el.isContentEditable,
        inDialog: el.closest('dialog') !== null,
      };
      const command = shortcutCommand({ ...pick(e), target }, latest.current.runState);
      if (!command) return;
      e.preventDefault(); // Space would scroll the page, → a scroller
      latest.current.run(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

const pick = (e: KeyboardEvent) => ({
  key: e.key,
  ctrlKey: e.ctrlKey,
  metaKey: e.metaKey,
  altKey: e.altKey,
  repeat: e.repeat,
  defaultPrevented: e.defaultPrevented,
});
