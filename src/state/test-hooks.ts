// ?testhooks=1 lets end-to-end tests force faults that cannot be caused from outside: a lost GPU
// device, a failing kernel, a worker that dies. Without it the worker ignores test-hook messages.
// The hooks can only break the page's own training, which is all a link could do anyway.
import type { TestHook } from '../protocol';
import type { TrainerClient } from './trainer-client';

export const TEST_HOOKS_KEY = 'testhooks';

export function testHooksEnabled(search: string): boolean {
  return new URLSearchParams(search).get(TEST_HOOKS_KEY) === '1';
}

declare global {
  interface Window {
    /** Present only under ?testhooks=1. */
    minibatchLabTestHooks?: { fire(hook: TestHook): void };
  }
}

export function installTestHooks(client: TrainerClient): void {
  window.minibatchLabTestHooks = { fire: (hook) => client.testHook(hook) };
}
