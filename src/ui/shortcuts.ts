// Keyboard shortcuts for a class at the projector: Space = Train/Pause, → = Step, R = Reset.
// DOM-free so that which key does what, and where a key is left alone, is tested in Node.
import type { MessageKey } from '../i18n/message';
import type { RunState } from '../protocol';

export type ShortcutCommand = 'train' | 'pause' | 'step' | 'reset';

/** What the shortcut handler needs to know about a keydown and the element it happened on. */
export interface ShortcutKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat: boolean;
  /** True when an earlier handler (a chart's own arrow keys) already used the key. */
  defaultPrevented: boolean;
  target: { tagName: string; isContentEditable?: boolean; inDialog?: boolean };
}

/** The list shown in the help dialog, in the order it shows them: the key's name and what it does. */
export const SHORTCUTS: ReadonlyArray<{ keys: MessageKey | 'R'; does: MessageKey }> = [
  { keys: 'shortcuts.spaceKey', does: 'shortcuts.space' },
  { keys: 'shortcuts.rightKey', does: 'shortcuts.right' },
  { keys: 'R', does: 'shortcuts.r' },
];

const TYPING_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
/** Space already activates these itself; taking it too would act twice. */
const SPACE_ACTIVATES = new Set(['BUTTON', 'SUMMARY', 'A']);

export function shortcutCommand(event: ShortcutKey, runState: RunState): ShortcutCommand | null {
  const { key, target } = event;
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return null;
  if (TYPING_TAGS.has(target.tagName.toUpperCase()) || target.isContentEditable || target.inDialog) return null;
  const canTrain = runState === 'ready' || runState === 'paused';
  if (key === ' ' || key === 'Spacebar') {
    if (event.repeat || SPACE_ACTIVATES.has(target.tagName.toUpperCase())) return null;
    if (runState === 'running') return 'pause';
    return canTrain ? 'train' : null;
  }
  if (key === 'ArrowRight') return canTrain ? 'step' : null;
  if (key === 'r' || key === 'R') return event.repeat ? null : 'reset';
  return null;
}
