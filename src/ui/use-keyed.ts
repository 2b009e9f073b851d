import { useMemo } from 'react';

/**
 * `value`, or the one first returned for the same `key`: a value made anew each render but equal by
 * its key keeps its identity, so a memoised child given it does not re-render.
 */
export function useKeyed<T>(value: T, key: string): T {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for the value, on purpose
  return useMemo(() => value, [key]);
}
