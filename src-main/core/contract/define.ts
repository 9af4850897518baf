import type { z } from 'zod';
import type { CoreContext } from '../app/context';

export interface Operation<S extends z.ZodType, R> {
  input: S;
  handler: (input: z.output<S>, ctx: CoreContext) => R | Promise<R>;
  /**
   * Reads files by path on this machine. The desktop shell and the CLI may call it; browser mode,
   * whose caller is a web page, refuses it (pages upload bytes instead).
   */
  readsLocalPaths?: boolean;
}

/** Declares one named operation: its zod input schema and the handler that runs only on valid input. */
export function defineOp<S extends z.ZodType, R>(
  input: S,
  handler: (input: z.output<S>, ctx: CoreContext) => R | Promise<R>,
  options: { readsLocalPaths?: boolean } = {},
): Operation<S, R> {
  return { input, handler, ...options };
}
