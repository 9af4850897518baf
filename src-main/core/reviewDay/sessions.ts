import crypto from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { DeskError } from '../contract/errors';
import type { Orm } from '../db/open';
import { reviewDays, reviewerCodes, reviewerSessions } from '../db/reviewDays';
import { reviewers } from '../db/schema';
import { requireActiveDay } from './day';

/**
 * Wrong codes from one address: a few tries, then a lockout. Six digits are a million codes, so
 * at five tries per ten minutes a guess takes years; the whole room together (every address) is
 * held to more, for a typo-prone morning. Kept in memory: restarting the app clears lockouts.
 */
const TRIES = 5;
const ALL_TRIES = 50;
const WINDOW_MS = 10 * 60_000;
const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const kept = (failures.get(key) ?? []).filter((at) => now - at < WINDOW_MS);
  failures.set(key, kept);
  return kept;
}

const hashOf = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** A code given at the review day's address: the session it opens, or a refusal in Chinese. */
export function signIn(orm: Orm, code: string, address: string, now = Date.now()) {
  if (recent(address, now).length >= TRIES || recent('*', now).length >= ALL_TRIES)
    throw new DeskError('code-locked', '验证码错误次数过多，请 10 分钟后再试，或请办公室核对您的验证码。');
  const day = requireActiveDay(orm);
  const found = orm
    .select({ codeId: reviewerCodes.id, reviewerId: reviewers.id, name: reviewers.name })
    .from(reviewerCodes)
    .innerJoin(reviewers, eq(reviewers.id, reviewerCodes.reviewerId))
    .where(and(eq(reviewerCodes.reviewDayId, day.id), eq(reviewerCodes.code, code), isNull(reviewerCodes.revokedAt)))
    .get();
  if (!found) {
    failures.get(address)!.push(now);
    failures.get('*')!.push(now);
    const left = TRIES - recent(address, now).length;
    throw new DeskError(
      'code-invalid',
      left > 0
        ? `验证码不对，请核对纸条上的 6 位数字（还可以再试 ${left} 次）。`
        : '验证码错误次数过多，请 10 分钟后再试。',
    );
  }
  const token = crypto.randomBytes(24).toString('base64url');
  const at = new Date(now).toISOString();
  orm
    .insert(reviewerSessions)
    .values({ tokenHash: hashOf(token), codeId: found.codeId, address, createdAt: at, lastSeenAt: at })
    .run();
  return { token, reviewerId: found.reviewerId, reviewerName: found.name, endsAt: day.endsAt };
}

/** The reviewer a session token stands for, while its code and its day are still good (null: not any more). */
export function liveSession(orm: Orm, token: string, now = new Date()) {
  return (
    orm
      .select({
        sessionId: reviewerSessions.id,
        reviewerId: reviewerCodes.reviewerId,
        lastSeenAt: reviewerSessions.lastSeenAt,
        openSubmissionId: reviewerSessions.openSubmissionId,
      })
      .from(reviewerSessions)
      .innerJoin(reviewerCodes, eq(reviewerCodes.id, reviewerSessions.codeId))
      .innerJoin(reviewDays, eq(reviewDays.id, reviewerCodes.reviewDayId))
      .where(
        and(
          eq(reviewerSessions.tokenHash, hashOf(token)),
          isNull(reviewerCodes.revokedAt),
          isNull(reviewDays.closedAt),
          gt(reviewDays.endsAt, now.toISOString()),
        ),
      )
      .get() ?? null
  );
}

/** What the office's board shows of a session: when it last did something, and on which submission. */
export function noteActivity(
  orm: Orm,
  session: { sessionId: number; lastSeenAt: string; openSubmissionId: number | null },
  submissionId: number | null,
): void {
  const now = new Date();
  // Every call would be a write, queued behind an import's: the board needs the minute, not the
  // millisecond — and the submission open now, written at once when it changes.
  const same = submissionId === null || submissionId === session.openSubmissionId;
  if (same && now.getTime() - Date.parse(session.lastSeenAt) < 20_000) return;
  orm
    .update(reviewerSessions)
    .set({ lastSeenAt: now.toISOString(), ...(submissionId === null ? {} : { openSubmissionId: submissionId }) })
    .where(eq(reviewerSessions.id, session.sessionId))
    .run();
}
