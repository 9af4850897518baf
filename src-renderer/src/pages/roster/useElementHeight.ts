import { useCallback, useState } from 'react';

/** Height of an element as the window resizes: a virtual table needs a number for its scroll box. */
export function useElementHeight<T extends HTMLElement>(): [(el: T | null) => void, number] {
  const [height, setHeight] = useState(0);
  const ref = useCallback((el: T | null) => {
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setHeight(entry!.contentRect.height));
    observer.observe(el);
  }, []);
  return [ref, height];
}
