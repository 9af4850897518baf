import { useCallback, useEffect, useRef, useState } from 'react';
import type { Topic } from '../../../src-main/common/topics';
import { onDeskEvent, type OpInput, type OpName, type OpOutput } from './client';
import { cached, isCurrent, load } from './opCache';

/**
 * Loads one operation's result and reloads it when its input changes or when core reports a
 * change to one of `topics` (from this window, another window or a CLI run beside the app).
 */
export function useOp<N extends OpName>(
  name: N,
  input: OpInput<N> | undefined,
  topics: Topic[],
  options: { immutable?: boolean; exact?: boolean } = {},
) {
  const key = JSON.stringify(input ?? null);
  // What this (operation, input) answered last time, shown at once while it is asked again.
  const [data, setData] = useState<OpOutput<N> | undefined>(() => cached(name, input));
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const serial = useRef(0);
  const shownKey = useRef(key);
  if (shownKey.current !== key) {
    // The input changed: show its own last answer where there is one, else the old one until the
    // new arrives — unless `exact` (one submission's evidence must never stand for another's).
    shownKey.current = key;
    const remembered = cached(name, JSON.parse(key) ?? undefined);
    if (remembered !== data && (remembered !== undefined || options.exact)) setData(remembered);
  }

  /** `fresh`: after a change event, so a call that set out before the change is not reused. */
  const reload = useCallback(
    async (fresh = false) => {
      const mine = ++serial.current;
      setLoading(true);
      try {
        const value = await load(name, JSON.parse(key) ?? undefined, fresh);
        if (mine === serial.current) {
          setData(value);
          setError(null);
        }
      } catch (e) {
        if (mine === serial.current) setError(e as Error);
      } finally {
        if (mine === serial.current) setLoading(false);
      }
    },
    [name, key],
  );

  // An answer that can never change (a stored file's preview, by its hash) is not asked for again,
  // nor one asked for after the last change core reported of the topics it depends on.
  const immutable = options.immutable ?? false;
  const topicKey = topics.join(',');
  useEffect(() => {
    const input = JSON.parse(key) ?? undefined;
    const known = immutable
      ? cached(name, input) !== undefined
      : topicKey !== '' && isCurrent(name, input, topicKey.split(',') as Topic[]);
    if (known) {
      setData(cached(name, input));
      setLoading(false);
      return;
    }
    void reload();
  }, [reload, immutable, name, key, topicKey]);

  useEffect(
    () =>
      onDeskEvent((event) => {
        if (event.type === 'changed' && topicKey.split(',').includes(event.topic)) void reload(true);
      }),
    [reload, topicKey],
  );

  return { data, error, loading, reload: () => reload(true) };
}
