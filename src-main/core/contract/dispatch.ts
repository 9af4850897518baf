import crypto from 'node:crypto';
import type { CoreContext } from '../app/context';
import { isOpName, operations, type OpName } from '../operations';
import { recordAudit } from '../audit/log';
import { atThisMachine, type Principal } from '../../common/principal';
import { asCaller, refusalOf, sessionOf, withinQueue } from './access';
import { holdsLocalPath } from '../transfer/refs';
import type { AnyOperation, CallInfo } from './define';
import { DeskError, fail, ok, type Envelope } from './errors';
import { databaseFailure } from './sqliteErrors';
import { parseInput } from './validate';

/** What the person reads for an error we did not foresee; the details are in the log file. */
function internalMessage(ctx: CoreContext): string {
  return `操作未能完成（程序内部错误）。请重试；如果反复出现，请把日志文件 ${ctx.log.file} 发给技术支持。`;
}

/**
 * The change has committed: its entry in 操作记录 follows. A failure here is logged and never
 * turns a done change into a reported failure (the person would do it twice).
 */
function noteInAudit(
  ctx: CoreContext,
  name: string,
  principal: Principal,
  op: AnyOperation,
  input: unknown,
  value: unknown,
): void {
  if (!op.audit) return;
  try {
    const note = op.audit(input, value, ctx);
    if (!note) return;
    recordAudit(ctx, name, principal, note);
    ctx.events.emit({ type: 'changed', topic: 'audit' });
  } catch (error) {
    ctx.log.error(`${name} (操作记录)`, error);
  }
}

/**
 * Runs one call: checks who may make it, validates the input, runs the handler (under the
 * long-write lock when the operation declares one), then tells every window what changed.
 * Handlers never check the caller, emit change events or take the lock themselves.
 */
export async function dispatch(
  ctx: CoreContext,
  name: string,
  rawInput: unknown,
  principal: Principal,
): Promise<Envelope<unknown>> {
  if (!isOpName(name)) return fail('unknown-operation', `未知的操作：${name}`);
  const op = operations[name as OpName] as AnyOperation;
  const session = sessionOf(ctx, principal);
  const refusal = refusalOf(principal, session, op, rawInput);
  if (refusal) return fail(refusal.code, refusal.message);
  const control = new AbortController();
  const id = `${name}-${crypto.randomBytes(6).toString('hex')}`;
  const call: CallInfo = {
    id,
    name,
    principal,
    signal: control.signal,
    progress: (update) => ctx.events.emit({ type: 'progress', job: id, operation: name, ...update }),
  };
  let ran = false;
  try {
    const input = parseInput(op.input, asCaller(principal, op, rawInput));
    if (!atThisMachine(principal) && holdsLocalPath(input))
      return fail('forbidden', '浏览器中不能按路径读取本机文件，请用上传。');
    if (!withinQueue(ctx, principal, session, op, input)) return fail('forbidden', '这份材料不在您的评审任务中。');
    ctx.jobs.set(id, { control, session: principal.session });
    const run = () => ((ran = true), op.run(input, ctx, call));
    const lockName = typeof op.longWrite === 'function' ? op.longWrite(input) : (op.longWrite ?? null);
    const value = lockName ? await ctx.writeLock.run(lockName, run) : await run();
    const reviewerId = op.concerns?.(input);
    for (const topic of op.changes ?? [])
      ctx.events.emit(reviewerId === undefined ? { type: 'changed', topic } : { type: 'changed', topic, reviewerId });
    noteInAudit(ctx, name, principal, op, input, value);
    return ok(value);
  } catch (error) {
    // A long write commits step by step (each source of an import): what did land must show.
    if (ran && op.longWrite) for (const topic of op.changes ?? []) ctx.events.emit({ type: 'changed', topic });
    if (error instanceof DeskError) return fail(error.code, error.message, error.details);
    const known = databaseFailure(error);
    if (known?.code === 'busy') return fail(known.code, known.message);
    if (known) {
      ctx.log.error(name, error);
      return fail(known.code, known.message);
    }
    ctx.log.error(name, error);
    return fail('internal', internalMessage(ctx));
  } finally {
    ctx.jobs.delete(id);
  }
}
