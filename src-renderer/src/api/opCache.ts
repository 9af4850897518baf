import { call, type OpInput, type OpName, type OpOutput } from './client';

/**
 * The last answer of each (operation, input), so a page that mounts again — the next submission
 * in review, the same campaign on every move — draws at once from what it had and refreshes
 * behind it. A prefetch fills it ahead of time. Bounded: the oldest answers go first.
 */
const LIMIT = 300;
const answers = new Map<string, unknown>();
const inFlight = new Map<string, Promise<unknown>>();

export function cacheKey(name: OpName, input: unknown): string {
  return `${name} ${JSON.stringify(input ?? null)}`;
}

export function cached<N extends OpName>(name: N, input: OpInput<N> | undefined): OpOutput<N> | undefined {
  return answers.get(cacheKey(name, input)) as OpOutput<N> | undefined;
}

function remember(key: string, value: unknown): void {
  answers.delete(key);
  answers.set(key, value);
  if (answers.size > LIMIT) answers.delete(answers.keys().next().value!);
}

/**
 * Calls and remembers the answer. A call already on its way for the same input (a prefetch) is
 * shared — unless `fresh`, after a change, when only an answer asked for since will do.
 */
export function load<N extends OpName>(name: N, input: OpInput<N> | undefined, fresh = false): Promise<OpOutput<N>> {
  const key = cacheKey(name, input);
  const running = inFlight.get(key);
  if (running && !fresh) return running as Promise<OpOutput<N>>;
  const promise = call(name, input).then(
    (value) => {
      remember(key, value);
      if (inFlight.get(key) === promise) inFlight.delete(key);
      return value;
    },
    (error: unknown) => {
      if (inFlight.get(key) === promise) inFlight.delete(key);
      throw error;
    },
  );
  inFlight.set(key, promise);
  return promise;
}
