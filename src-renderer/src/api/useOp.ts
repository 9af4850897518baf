import { useCallback, useEffect, useRef, useState } from 'react';
import { call, onDeskEvent, type OpInput, type OpName, type OpOutput } from './client';

type Topic = 'units' | 'sectors' | 'campaigns' | 'submissions' | 'reviews';

/**
 * Loads one operation's result and reloads it when its input changes or when core reports a
 * change to one of `topics` (from this window, another window or a CLI run beside the app).
 */
export function useOp<N extends OpName>(name: N, input: OpInput<N> | undefined, topics: Topic[]) {
  const [data, setData] = useState<OpOutput<N> | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(input ?? null);
  const serial = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++serial.current;
    setLoading(true);
    try {
      const value = await call(name, JSON.parse(key) ?? undefined);
      if (mine === serial.current) {
        setData(value);
        setError(null);
      }
    } catch (e) {
      if (mine === serial.current) setError(e as Error);
    } finally {
      if (mine === serial.current) setLoading(false);
    }
  }, [name, key]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const topicKey = topics.join(',');
  useEffect(
    () =>
      onDeskEvent((event) => {
        if (event.type === 'changed' && topicKey.split(',').includes(event.topic)) void reload();
      }),
    [reload, topicKey],
  );

  return { data, error, loading, reload };
}
