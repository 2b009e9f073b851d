import { describe, expect, it } from 'vitest';
import { shortcutCommand, type ShortcutKey } from './shortcuts';

const press = (key: string, over: Partial<ShortcutKey> = {}): ShortcutKey => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  repeat: false,
  defaultPrevented: false,
  target: { tagName: 'BODY' },
  ...over,
});

describe('shortcutCommand', () => {
  it('Space trains when ready or paused and pauses while running', () => {
    expect(shortcutCommand(press(' '), 'ready')).toBe('train');
    expect(shortcutCommand(press(' '), 'paused')).toBe('train');
    expect(shortcutCommand(press(' '), 'running')).toBe('pause');
    expect(shortcutCommand(press(' '), 'finished')).toBeNull();
    expect(shortcutCommand(press(' '), 'starting')).toBeNull();
  });

  it('→ steps only when a step can be taken; R resets in any state', () => {
    expect(shortcutCommand(press('ArrowRight'), 'ready')).toBe('step');
    expect(shortcutCommand(press('ArrowRight'), 'running')).toBeNull();
    expect(shortcutCommand(press('ArrowRight'), 'finished')).toBeNull();
    expect(shortcutCommand(press('r'), 'finished')).toBe('reset');
    expect(shortcutCommand(press('R'), 'running')).toBe('reset');
  });

  it('leaves keys alone while typing in an input, select, textarea or editable text', () => {
    for (const tagName of ['INPUT', 'select', 'TEXTAREA']) {
      expect(shortcutCommand(press('r', { target: { tagName } }), 'ready')).toBeNull();
      expect(shortcutCommand(press(' ', { target: { tagName } }), 'ready')).toBeNull();
      expect(shortcutCommand(press('ArrowRight', { target: { tagName } }), 'ready')).toBeNull();
    }
    expect(shortcutCommand(press('r', { target: { tagName: 'DIV', isContentEditable: true } }), 'ready')).toBeNull();
  });

  it('leaves Space to a focused button (it clicks itself) but not → or R', () => {
    expect(shortcutCommand(press(' ', { target: { tagName: 'BUTTON' } }), 'ready')).toBeNull();
    expect(shortcutCommand(press(' ', { target: { tagName: 'SUMMARY' } }), 'ready')).toBeNull();
    expect(shortcutCommand(press('ArrowRight', { target: { tagName: 'BUTTON' } }), 'ready')).toBe('step');
    expect(shortcutCommand(press('r', { target: { tagName: 'BUTTON' } }), 'ready')).toBe('reset');
  });

  it('ignores modified keys (Ctrl+R reloads), keys a chart used, key repeat of Space/R, and the help dialog', () => {
    expect(shortcutCommand(press('r', { ctrlKey: true }), 'ready')).toBeNull();
    expect(shortcutCommand(press('r', { metaKey: true }), 'ready')).toBeNull();
    expect(shortcutCommand(press(' ', { altKey: true }), 'ready')).toBeNull();
    expect(shortcutCommand(press('ArrowRight', { defaultPrevented: true }), 'ready')).toBeNull();
    expect(shortcutCommand(press(' ', { repeat: true }), 'running')).toBeNull();
    expect(shortcutCommand(press('r', { repeat: true }), 'ready')).toBeNull();
    expect(shortcutCommand(press('ArrowRight', { repeat: true }), 'ready')).toBe('step');
    expect(shortcutCommand(press(' ', { target: { tagName: 'DIV', inDialog: true } }), 'ready')).toBeNull();
  });

  it('ignores other keys', () => {
    expect(shortcutCommand(press('x'), 'ready')).toBeNull();
    expect(shortcutCommand(press('ArrowLeft'), 'ready')).toBeNull();
    expect(shortcutCommand(press('Enter'), 'ready')).toBeNull();
  });
});
