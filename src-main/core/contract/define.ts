import type { z } from 'zod';
import type { CoreContext } from '../app/context';

export interface Operation<S extends z.ZodType, R> {
  input: S;
  handler: (input: z.output<S>, ctx: CoreContext) => R | Promise<R>;
}

/** Declares one named operation: its zod input schema and the handler that runs only on valid input. */
export function defineOp<S extends z.ZodType, R>(input: S, handler: (input: z.output<S>, ctx: CoreContext) => R | Promise<R>): Operation<S, R> {
  return { input, handler };
}
