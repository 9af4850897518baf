import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Orm } from '../db/open';
import { reviewerCodes, reviewerSessions } from '../db/reviewDays';
import { reviewers, submissions, units } from '../db/schema';
import type { Principal } from '../../common/principal';
import { activeDay } from './day';
import { networkAddresses } from './addresses';

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
  return {
    day,
    addresses: networkAddresses(),
    codes: codes.map(({ codeId, ...c }) => {
      const latest = sessions.find((s) => s.codeId === codeId) ?? null;
      return { ...c, lastSeenAt: latest?.lastSeenAt ?? null, openUnitName: latest?.openUnitName ?? null };
    }),
  };
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
