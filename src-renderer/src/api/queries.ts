import { QueryClient, type Query } from '@tanstack/react-query';
import type { Topic } from '../../../src-main/common/topics';
import { call, onDeskEvent, onReconnect, type OpInput, type OpName, type OpOutput } from './client';

/**
 * Every answer a page asked core for, kept by TanStack Query under (operation, input): a page that
 * mounts again — the next submission in review, the same campaign on every move — draws at once from
 * what it had, and an answer equal to the last keeps its identity (structural sharing), so nothing
 * draws again for nothing.
 *
 * Core declares which topics each write changes and reports every change; an answer is therefore
 * current until a change of one of its topics arrives (`staleTime: Infinity`), and then it is
 * invalidated: asked again at once where a page shows it, on the next visit otherwise. Events lost
 * while the browser was disconnected make every answer stale.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: Infinity,
      gcTime: 10 * 60_000,
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
  },
});

/** What a query depends on: its topics, or that it can never change (a stored file's preview, by hash). */
export interface OpMeta extends Record<string, unknown> {
  topics?: readonly Topic[];
  immutable?: boolean;
}

export const opKey = (name: OpName, input: unknown) => [name, input ?? null] as const;

export function opQueryFn<N extends OpName>(name: N, input: OpInput<N> | undefined) {
  return () => call(name, input);
}

/** A query that said nothing of its topics (filled by a prefetch) is taken to depend on every change. */
function dependsOn(query: Query, topic: Topic): boolean {
  const meta = query.meta as OpMeta | undefined;
  if (meta?.immutable) return false;
  return meta?.topics === undefined || meta.topics.includes(topic);
}

onDeskEvent((event) => {
  if (event.type !== 'changed') return;
  void queryClient.invalidateQueries({ predicate: (query) => dependsOn(query, event.topic) });
});
onReconnect(() => void queryClient.invalidateQueries());

export function cached<N extends OpName>(name: N, input: OpInput<N> | undefined): OpOutput<N> | undefined {
  return queryClient.getQueryData(opKey(name, input));
}

/**
 * Asks core (or shares the call already on its way, a prefetch's) and keeps the answer. `fresh`:
 * only an answer asked for now will do — another window, a package or the CLI may have changed it.
 */
export function load<N extends OpName>(name: N, input: OpInput<N> | undefined, fresh = false): Promise<OpOutput<N>> {
  return queryClient.fetchQuery({
    queryKey: opKey(name, input),
    queryFn: opQueryFn(name, input),
    staleTime: fresh ? 0 : Infinity,
  });
}

/** What a write answered is what a read would say now (a saved review is that review). */
export function prime<N extends OpName>(name: N, input: OpInput<N> | undefined, value: OpOutput<N>): OpOutput<N> {
  return queryClient.setQueryData<OpOutput<N>>(opKey(name, input), value) ?? value;
}
