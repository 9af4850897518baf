import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Topic } from '../../../src-main/common/topics';
import type { OpInput, OpName, OpOutput } from './client';
import { opKey, opQueryFn, type OpMeta } from './queries';

/**
 * Loads one operation's result and reloads it when its input changes or when core reports a
 * change to one of `topics` (from this window, another window or a CLI run beside the app). No
 * topics: asked again on every visit. `immutable`: asked once. `exact`: while a new input loads,
 * nothing is shown rather than the last input's answer (one submission's evidence must never stand
 * for another's).
 */
export function useOp<N extends OpName>(
  name: N,
  input: OpInput<N> | undefined,
  topics: Topic[],
  options: { immutable?: boolean; exact?: boolean } = {},
) {
  const immutable = options.immutable ?? false;
  const meta: OpMeta = immutable ? { immutable } : { topics };
  const query = useQuery<OpOutput<N>, Error>({
    queryKey: opKey(name, input),
    queryFn: opQueryFn(name, input),
    meta,
    staleTime: immutable || topics.length ? Infinity : 0,
    placeholderData: options.exact ? undefined : keepPreviousData,
  });
  return {
    data: query.data,
    error: query.error,
    loading: query.isFetching,
    reload: () => query.refetch().then(() => undefined),
  };
}
