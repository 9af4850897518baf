import { atThisMachine, mayCall, type Principal } from '../../common/principal';
import type { CoreContext } from '../app/context';
import { fileInReviewerQueue, inReviewerQueue } from '../review/scope';
import type { AnyOperation } from './define';

/**
 * What the caller may do, decided here and nowhere else: each operation declares who may call it,
 * and the dispatcher asks these before the handler runs. Messages are for the person at the page.
 */

function present(input: unknown, field: string): boolean {
  if (!input || typeof input !== 'object') return false;
  const value = (input as Record<string, unknown>)[field];
  return value !== undefined && value !== null;
}

/** Why this caller may not make this call at all (null: it may, so far). */
export function refusalOf(principal: Principal, op: AnyOperation, rawInput: unknown): string | null {
  if (!mayCall(principal, op.callers)) return '评审人只能查看和评审分配给自己的材料，这件事请办公室来做。';
  if (!atThisMachine(principal) && op.machineOnly?.some((field) => present(rawInput, field)))
    return '浏览器中不能指定这一项（路径、服务器或密码），请在本机的桌面程序或命令行中操作，或用“设置”中保存的。';
  const self = op.reviewer?.self;
  if (principal.kind === 'reviewer' && self && present(rawInput, self)) {
    if ((rawInput as Record<string, unknown>)[self] !== principal.reviewerId) return '只能查看和保存您自己的评审。';
  }
  return null;
}

/** A reviewer's call names that reviewer wherever the operation names one: from the session, not the page. */
export function asCaller(principal: Principal, op: AnyOperation, rawInput: unknown): unknown {
  const self = op.reviewer?.self;
  if (principal.kind !== 'reviewer' || !self) return rawInput;
  const base = rawInput && typeof rawInput === 'object' && !Array.isArray(rawInput) ? rawInput : {};
  return { ...base, [self]: principal.reviewerId };
}

/** Whether what a reviewer's call touches lies in that reviewer's own queue. */
export function withinQueue(ctx: CoreContext, reviewerId: number, op: AnyOperation, input: unknown): boolean {
  const scope = op.reviewer;
  if (scope?.submission && !inReviewerQueue(ctx.db.orm, reviewerId, scope.submission(input))) return false;
  if (scope?.file && !fileInReviewerQueue(ctx.db.orm, reviewerId, scope.file(input))) return false;
  return true;
}
