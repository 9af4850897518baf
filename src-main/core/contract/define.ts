import type { z } from 'zod';
import type { Callers, Principal } from '../../common/principal';
import type { Topic } from '../../common/topics';
import type { CoreContext } from '../app/context';
import type { AuditNote } from '../audit/log';

/** Progress of a long call, as its handler reports it; the dispatcher names the job and operation. */
export interface JobProgress {
  done: number;
  total: number;
  message: string;
  /** Bytes behind `done` and `total`, where the job knows them. */
  bytesDone?: number;
  bytesTotal?: number;
}

/** Every call is a job: a cancel (`jobs.cancel`) aborts its signal; its progress goes to every window. */
export interface Job {
  id: string;
  signal: AbortSignal;
  progress(update: JobProgress): void;
}

/** What a handler learns about the call it serves. */
export interface CallInfo extends Job {
  name: string;
  principal: Principal;
}

/**
 * What a reviewer's call touches, for the dispatcher to hold to that reviewer's own queue (see
 * review/scope.ts). An operation open to reviewers without one touches nothing of anyone's.
 */
interface ReviewerScope<S extends z.ZodType> {
  /** The input field that names the reviewer: set from the principal, never taken from the input. */
  self?: keyof z.input<S> & string;
  /** Input a reviewer's call always has, whatever the page sent (e.g. only what was assigned to them). */
  force?: Partial<z.input<S>>;
  /** The submission the call reads or writes: assigned to the reviewer, not 回避. */
  submission?: (input: z.output<S>) => number;
  /** The stored file the call reads: part of a submission in the reviewer's queue. */
  file?: (input: z.output<S>) => string;
}

/**
 * One named operation: its input schema, what it does to the data (so the dispatcher, not the
 * handler, tells windows and takes the lock), and the handler, which runs only on valid input.
 */
export interface Operation<S extends z.ZodType, R> {
  input: S;
  /** The data this operation changes: every window is told once it has succeeded. */
  changes?: readonly Topic[];
  /** Whose work the change is, when it is one reviewer's (see DeskEvent's reviewerId): others' pages are not told. */
  concerns?: (input: z.output<S>) => number;
  /**
   * A multi-step write (several transactions, store files, a batch): it runs under the data
   * folder's long-write lock, which this Chinese name appears in when a second one is refused. A
   * function names it from the input, or says null when this call writes nothing (数据检查 without 修复).
   */
  longWrite?: string | ((input: z.output<S>) => string | null);
  /** Who may call it (see Callers); the dispatcher refuses anyone else with `forbidden`. */
  callers: Callers;
  /**
   * Input fields only this machine's desktop window and CLI may give (a mailbox password typed on
   * the command line, a folder to write to): from a page, a call that gives one is refused.
   */
  machineOnly?: readonly (keyof z.input<S> & string)[];
  reviewer?: ReviewerScope<S>;
  /**
   * Long on the CPU (parsing a sheet, aggregating a year, converting a document): a hosted core runs it beside, not in,
   * the worker that answers everything else.
   */
  heavy?: boolean;
  run: (input: z.output<S>, ctx: CoreContext, call: CallInfo) => R | Promise<R>;
  /**
   * What the 操作记录 says of a successful call (null: nothing worth keeping, a draft autosave).
   * The dispatcher writes it, so no handler can change the data and forget the log.
   */
  audit?(input: z.output<S>, output: NoInfer<Awaited<R>>, ctx: CoreContext): AuditNote | null;
}

export type AnyOperation = Operation<z.ZodType, unknown>;
export type OpTable = Record<string, AnyOperation>;

/** Declares one operation (see Operation); the identity function, there for the types. */
export function defineOp<S extends z.ZodType, R>(spec: Operation<S, R>): Operation<S, R> {
  return spec;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/**
 * Combines the tables the domains declare into the one the shells bind. A name declared twice
 * is a programming error that must stop the app at start-up, not shadow an operation silently.
 */
export function combineOps<T extends Record<string, OpTable>>(domains: T): UnionToIntersection<T[keyof T]> {
  const combined: OpTable = {};
  const owner = new Map<string, string>();
  for (const [domain, table] of Object.entries(domains)) {
    for (const [name, op] of Object.entries(table)) {
      const first = owner.get(name);
      if (first) throw new Error(`operation "${name}" is declared by both ${first} and ${domain}`);
      owner.set(name, domain);
      combined[name] = op;
    }
  }
  return combined as UnionToIntersection<T[keyof T]>;
}
