import { atThisMachine, mayCall, type Principal } from '../../common/principal';
import type { ErrorCode } from '../../common/errorCodes';
import type { CoreContext } from '../app/context';
import { fileInReviewerQueue, inReviewerQueue } from '../review/scope';
import { liveSession, noteActivity } from '../reviewDay/sessions';
import type { AnyOperation } from './define';

/**
 * What the caller may do, decided here and nowhere else: each operation declares who may call it,
 * and the dispatcher asks these before the handler runs. Messages are for the person at the page.
 */

type Refusal = { code: ErrorCode; message: string };
type Session = NonNullable<ReturnType<typeof liveSession>>;

function present(input: unknown, field: string): boolean {
  if (!input || typeof input !== 'object') return false;
  const value = (input as Record<string, unknown>)[field];
  return value !== undefined && value !== null;
}

const forbidden = (message: string): Refusal => ({ code: 'forbidden', message });

/** A reviewer's session as core has it now (null for anyone else, or once ended): looked up once per call. */
export function sessionOf(ctx: CoreContext, principal: Principal): Session | null {
  return principal.kind === 'reviewer' ? liveSession(ctx.db.orm, principal.session) : null;
}

/** Why this caller may not make this call at all (null: it may, so far). */
export function refusalOf(
  principal: Principal,
  session: Session | null,
  op: AnyOperation,
  rawInput: unknown,
): Refusal | null {
  if (!mayCall(principal, op.callers)) {
    if (principal.kind === 'visitor') return { code: 'unauthorized', message: '请先输入评审验证码。' };
    return forbidden('评审人只能查看和评审分配给自己的材料，这件事请办公室来做。');
  }
  if (!atThisMachine(principal) && op.machineOnly?.some((field) => present(rawInput, field)))
    return forbidden(
      '浏览器中不能指定这一项（路径、服务器或密码），请在本机的桌面程序或命令行中操作，或用“设置”中保存的。',
    );
  if (principal.kind !== 'reviewer') return null;
  // A reviewer's session lasts while its code and its day do: 收回, a new code or 结束集中评审 end it at once.
  if (!session || session.reviewerId !== principal.reviewerId)
    return {
      code: 'unauthorized',
      message:
        '您的评审验证码已失效（集中评审已结束，或办公室收回了验证码）。已保存的评审都在；请向办公室索取新的验证码。',
    };
  const self = op.reviewer?.self;
  if (self && present(rawInput, self) && (rawInput as Record<string, unknown>)[self] !== principal.reviewerId)
    return forbidden('只能查看和保存您自己的评审。');
  return null;
}

/** A reviewer's call names that reviewer wherever the operation names one: from the session, not the page. */
export function asCaller(principal: Principal, op: AnyOperation, rawInput: unknown): unknown {
  const scope = op.reviewer;
  if (principal.kind !== 'reviewer' || (!scope?.self && !scope?.force)) return rawInput;
  const base = rawInput && typeof rawInput === 'object' && !Array.isArray(rawInput) ? rawInput : {};
  return { ...base, ...(scope.force as object), ...(scope.self ? { [scope.self]: principal.reviewerId } : {}) };
}

/** Whether what a reviewer's call touches lies in that reviewer's own queue; noted for the office's board. */
export function withinQueue(
  ctx: CoreContext,
  principal: Principal,
  session: Session | null,
  op: AnyOperation,
  input: unknown,
): boolean {
  if (principal.kind !== 'reviewer') return true;
  const scope = op.reviewer;
  const submission = scope?.submission ? scope.submission(input) : null;
  if (submission !== null && !inReviewerQueue(ctx.db.orm, principal.reviewerId, submission)) return false;
  if (scope?.file && !fileInReviewerQueue(ctx.db.orm, principal.reviewerId, scope.file(input))) return false;
  if (session) noteActivity(ctx.db.orm, session, submission);
  return true;
}
