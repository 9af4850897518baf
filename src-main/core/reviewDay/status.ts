import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Orm } from '../db/open';
import { reviewerCodes, reviewerSessions } from '../db/reviewDays';
import { reviewers, submissions, units } from '../db/schema';
import type { Principal } from '../../common/principal';
import { activeDay } from './day';
import { networkAddresses } from './addresses';
import { progressByReviewer } from './progress';

/** 设置 → 集中评审: the day being served (if any), each reviewer's code, and the addresses it could be served on. */
export function dayStatus(orm: Orm) {
  const day = activeDay(orm);
  const codes = day
    ? orm
        .select({
          codeId: reviewerCodes.id,
          reviewerId: reviewers.id,
          reviewerName: reviewers.name,
          code: reviewerCodes.code,
          issuedAt: reviewerCodes.issuedAt,
        })
        .from(reviewerCodes)
        .innerJoin(reviewers, eq(reviewers.id, reviewerCodes.reviewerId))
        .where(and(eq(reviewerCodes.reviewDayId, day.id), isNull(reviewerCodes.revokedAt)))
        .orderBy(reviewers.id)
        .all()
    : [];
  const sessions = codes.length
    ? orm
        .select({
          codeId: reviewerSessions.codeId,
          address: reviewerSessions.address,
          lastSeenAt: reviewerSessions.lastSeenAt,
          openSubmissionId: reviewerSessions.openSubmissionId,
          openUnitName: units.name,
        })
        .from(reviewerSessions)
        .leftJoin(submissions, eq(submissions.id, reviewerSessions.openSubmissionId))
        .leftJoin(units, eq(units.id, submissions.unitId))
        .where(
          inArray(
            reviewerSessions.codeId,
            codes.map((c) => c.codeId),
          ),
        )
        .orderBy(desc(reviewerSessions.lastSeenAt))
        .all()
    : [];
  const withActivity = codes.map(({ codeId, ...c }) => {
    const latest = sessions.find((s) => s.codeId === codeId) ?? null;
    return { ...c, lastSeenAt: latest?.lastSeenAt ?? null, openUnitName: latest?.openUnitName ?? null };
  });
  return { day, addresses: networkAddresses(), codes: withActivity, board: day ? boardOf(orm, withActivity) : [] };
}

/** Every reviewer with a code today or work assigned (by code or by package), with how far they are. */
function boardOf(
  orm: Orm,
  codes: Array<{
    reviewerId: number;
    reviewerName: string;
    code: string;
    issuedAt: string;
    lastSeenAt: string | null;
    openUnitName: string | null;
  }>,
) {
  const progress = progressByReviewer(orm);
  const ids = [...new Set([...codes.map((c) => c.reviewerId), ...progress.map((p) => p.reviewerId)])].sort(
    (a, b) => a - b,
  );
  return ids.map((reviewerId) => {
    const code = codes.find((c) => c.reviewerId === reviewerId);
    const p = progress.find((r) => r.reviewerId === reviewerId);
    return {
      reviewerId,
      reviewerName: code?.reviewerName ?? p!.reviewerName,
      code: code?.code ?? null,
      lastSeenAt: code?.lastSeenAt ?? null,
      openUnitName: code?.openUnitName ?? null,
      done: p?.done ?? 0,
      started: p?.started ?? 0,
      todo: p?.todo ?? 0,
    };
  });
}

/** Who the page belongs to, for the page: the office, or a reviewer on a review day (their name and the day's end). */
export function callerOf(
  orm: Orm,
  principal: Principal,
): { kind: 'office' } | { kind: 'reviewer'; reviewerId: number; name: string; endsAt: string | null } {
  if (principal.kind !== 'reviewer') return { kind: 'office' };
  const name = orm.select({ name: reviewers.name }).from(reviewers).where(eq(reviewers.id, principal.reviewerId)).get();
  return {
    kind: 'reviewer',
    reviewerId: principal.reviewerId,
    name: name?.name ?? '',
    endsAt: activeDay(orm)?.endsAt ?? null,
  };
}
