import { App } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { DeskCallError } from '../api/client';

/**
 * Runs one user action: a success toast when it worked, core's Chinese message when it was
 * refused, never a raw error. Resolves to the value, or undefined when it failed.
 */
export function useAction() {
  const { message } = App.useApp();
  return useCallback(
    async <T>(work: () => Promise<T>, done?: string | ((value: T) => string), failed = '操作失败，请重试'): Promise<T | undefined> => {
      try {
        const value = await work();
        if (done) message.success(typeof done === 'function' ? done(value) : done);
        return value;
      } catch (error) {
        message.error(error instanceof DeskCallError ? error.message : failed);
        return undefined;
      }
    },
    [message],
  );
}

/** A window-wide keyboard handler that always sees the latest state without re-subscribing. */
export function useKeydown(handler: (event: KeyboardEvent) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => latest.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
