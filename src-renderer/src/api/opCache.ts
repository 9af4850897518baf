import type { Topic } from '../../../src-main/common/topics';
import { call, onDeskEvent, onReconnect, type OpInput, type OpName, type OpOutput } from './client';

/**
 * The last answer of each (operation, input), so a page that mounts again — the next submission
 * in review, the same campaign on every move — draws at once from what it had. A prefetch fills
 * it ahead of time. Bounded: the oldest answers go first.
 *
 * Every write in core declares the topics it changes and core reports each change, so an answer
 * asked for after the last change of its topics is still what core would say: it is not asked
 * again (`isCurrent`). Events lost while the browser was disconnected make every answer stale.
 */
const LIMIT = 300;
interface Answer {
  value: unknown;
  /** The change count when the call set out: a change after that may not be in the answer. */
  stamp: number;
}
const answers = new Map<string, Answer>();
const inFlight = new Map<string, Promise<unknown>>();
let changeCount = 0;
let staleBefore = 0;
const lastChange = new Map<Topic, number>();

onDeskEvent((event) => {
  if (event.type !== 'changed') return;
  changeCount += 1;
  lastChange.set(event.topic, changeCount);
});
onReconnect(() => {
  changeCount += 1;
  staleBefore = changeCount;
});

function cacheKey(name: OpName, input: unknown): string {
  return `${name} ${JSON.stringify(input ?? null)}`;
}

export function cached<N extends OpName>(name: N, input: OpInput<N> | undefined): OpOutput<N> | undefined {
  return answers.get(cacheKey(name, input))?.value as OpOutput<N> | undefined;
}

/** Whether the remembered answer was asked for after every change of `topics` since. */
export function isCurrent(name: OpName, input: unknown, topics: readonly Topic[]): boolean {
  const answer = answers.get(cacheKey(name, input));
  if (!answer || answer.stamp < staleBefore) return false;
  return topics.every((topic) => (lastChange.get(topic) ?? 0) <= answer.stamp);
}

/**
 * Keeps an answer; one equal to the last is the last (the same object), so a page given it again
 * does not draw again.
 */
function remember<T>(key: string, value: T, stamp: number): T {
  const previous = answers.get(key);
  const same = previous !== undefined && JSON.stringify(previous.value) === JSON.stringify(value);
  const kept = same ? (previous.value as T) : value;
  answers.delete(key);
  answers.set(key, { value: kept, stamp: Math.max(stamp, previous?.stamp ?? 0) });
  if (answers.size > LIMIT) answers.delete(answers.keys().next().value!);
  return kept;
}

/** What a write answered is what a read would say now (a saved review is that review). */
export function prime<N extends OpName>(
  name: N,
  input: OpInput<N> | undefined,
  value: OpOutput<N>,
  stamp: number,
): OpOutput<N> {
  return remember(cacheKey(name, input), value, stamp);
}

/** The change count now: taken before a write, it stamps what the write answers. */
export function changeStamp(): number {
  return changeCount;
}

/**
 * Calls and remembers the answer. A call already on its way for the same input (a prefetch) is
 * shared — unless `fresh`, after a change, when only an answer asked for since will do.
 */
export function load<N extends OpName>(name: N, input: OpInput<N> | undefined, fresh = false): Promise<OpOutput<N>> {
  const key = cacheKey(name, input);
  const running = inFlight.get(key);
  if (running && !fresh) return running as Promise<OpOutput<N>>;
  const stamp = changeCount;
  const promise = call(name, input).then(
    (value) => {
      if (inFlight.get(key) === promise) inFlight.delete(key);
      return remember(key, value, stamp);
    },
    (error: unknown) => {
      if (inFlight.get(key) === promise) inFlight.delete(key);
      throw error;
    },
  );
  inFlight.set(key, promise);
  return promise;
}
