import type { AuditVia } from './auditActions';

/**
 * Who makes a call. The shells build it — the desktop window, the CLI, a browser session opened
 * with the office's token or with a reviewer's code — and core alone decides what it may do
 * (see `callers` on each operation). `session` tells two callers of the same kind apart: a job
 * belongs to the session that started it.
 */
export type Principal =
  | { kind: 'office'; via: AuditVia; session: string }
  | { kind: 'reviewer'; reviewerId: number; via: 'browser'; session: string }
  /** Someone at the review day's address who has not given a code yet: they may only give one. */
  | { kind: 'visitor'; via: 'browser'; session: string; address: string };

/**
 * Who may call an operation: `office` — the office, from any of its shells; `reviewers-too` — the
 * office, and a reviewer's session, held to that reviewer's own queue; `anyone` — a visitor too
 * (only the sign-in with a code, which is what opens a reviewer's session). What only this machine's
 * desktop window and CLI may do is said per input field (`machineOnly`: a path, a server, a
 * password), since every operation has a form the office's own page may use.
 */
export type Callers = 'office' | 'reviewers-too' | 'anyone';

export const DESKTOP_OFFICE: Principal = { kind: 'office', via: 'desktop', session: 'desktop' };
export const CLI_OFFICE: Principal = { kind: 'office', via: 'cli', session: 'cli' };

/** The app's own schedule (automatic backups), on the shell it runs in. */
export function scheduleOf(via: AuditVia): Principal {
  return { kind: 'office', via, session: 'schedule' };
}

/** The office's session in a browser (browser mode, or the office's own page during 集中评审). */
export function browserOffice(session: string): Principal {
  return { kind: 'office', via: 'browser', session };
}

export function browserReviewer(reviewerId: number, session: string): Principal {
  return { kind: 'reviewer', reviewerId, via: 'browser', session };
}

/** Whether the caller sits at this machine's own shells (not a page, which could be anyone's). */
export function atThisMachine(principal: Principal): boolean {
  return principal.via !== 'browser';
}

export function mayCall(principal: Principal, callers: Callers): boolean {
  if (principal.kind === 'office') return true;
  return principal.kind === 'reviewer' ? callers !== 'office' : callers === 'anyone';
}

export function visitorAt(address: string): Principal {
  return { kind: 'visitor', via: 'browser', session: `visitor:${address}`, address };
}
