import type { EventBus } from '../events';

/**
 * A background chore of the long-running shells, run once the app has started and again each time
 * an import (theirs, or a CLI's beside them) has settled: a change of submissions, then `settleMs`
 * of quiet. `run` may ask to be tried again later (an import still holds the lock). Returns the stop.
 */
export function afterImports(
  events: EventBus,
  timing: { startMs: number; settleMs: number; retryMs: number },
  run: () => Promise<'again' | void>,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const soon = (delayMs: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void run().then((next) => next === 'again' && !stopped && soon(timing.retryMs)), delayMs);
    timer.unref();
  };
  const unsubscribe = events.subscribe(
    (event) => event.type === 'changed' && event.topic === 'submissions' && soon(timing.settleMs),
  );
  soon(timing.startMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
  };
}
