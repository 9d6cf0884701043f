import { useState, type Dispatch, type SetStateAction } from 'react';

/**
 * Runs `onChange` during the render in which any of `deps` differs from the previous render's (compared with
 * Object.is), not on the first. React's way to adjust state when a prop changes: the component renders again
 * at once with the adjusted state, instead of painting stale state and correcting it in an effect.
 */
export function useOnChange(deps: readonly unknown[], onChange: () => void): void {
  const [seen, setSeen] = useState(deps);
  if (deps.length !== seen.length || deps.some((d, i) => !Object.is(d, seen[i]))) {
    setSeen(deps);
    onChange();
  }
}

/** State the user may edit that starts over from `initial` whenever `initial` changes (e.g. a suggested file name). */
export function useResettableState<T>(initial: T): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState(initial);
  useOnChange([initial], () => setValue(initial));
  return [value, setValue];
}
