import { App } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { DeskCallError, saveArtifact, type Artifact } from '../api/client';

/**
 * Runs one user action: a success toast when it worked, core's Chinese message when it was
 * refused, never a raw error. Resolves to the value, or undefined when it failed.
 */
export function useAction() {
  const { message } = App.useApp();
  return useCallback(
    async <T>(
      work: () => Promise<T>,
      done?: string | ((value: T) => string),
      failed = '操作失败，请重试',
    ): Promise<T | undefined> => {
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

/**
 * Runs an export and delivers its document (a save dialog on the desktop, a download in the
 * browser), then says what was made — or that saving was cancelled.
 */
export function useExport() {
  const act = useAction();
  return useCallback(
    <T extends { artifact: Artifact }>(
      work: () => Promise<T>,
      done: (value: T) => string,
      failed?: string,
    ): Promise<(T & { saved: boolean }) | undefined> =>
      act(
        async () => {
          const value = await work();
          return { ...value, saved: await saveArtifact(value.artifact) };
        },
        (value) => (value.saved ? done(value) : '已取消保存'),
        failed,
      ),
    [act],
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
