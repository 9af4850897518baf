import crypto from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { DeskError } from '../contract/errors';
import type { Orm } from '../db/open';
import { reviewDays, reviewerCodes } from '../db/reviewDays';
import { reviewers } from '../db/schema';
import { progressByReviewer } from './progress';
import { servesHere } from './addresses';

export const startSchema = z.object({
  address: z.string().trim().min(7).max(45),
  endsAt: z.iso.datetime(),
});

export type ReviewDay = typeof reviewDays.$inferSelect;

const HOUR = 3_600_000;

/** The day being served now: started, not closed, not past its end. */
export function activeDay(orm: Orm, now = new Date()): ReviewDay | null {
  return (
    orm
      .select()
      .from(reviewDays)
      .where(and(isNull(reviewDays.closedAt), gt(reviewDays.endsAt, now.toISOString())))
      .orderBy(desc(reviewDays.id))
      .get() ?? null
  );
}

export function requireActiveDay(orm: Orm): ReviewDay {
  const day = activeDay(orm);
  if (!day) throw new DeskError('review-day-inactive', '现在没有进行中的集中评审。');
  return day;
}

/** A fresh 6-digit code, unlike any other still good today (so a code names one reviewer). */
function freshCode(orm: Orm, dayId: number): string {
  for (;;) {
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    const taken = orm
      .select({ id: reviewerCodes.id })
      .from(reviewerCodes)
      .where(and(eq(reviewerCodes.reviewDayId, dayId), eq(reviewerCodes.code, code), isNull(reviewerCodes.revokedAt)))
      .get();
    if (!taken) return code;
  }
}

/** Revokes the reviewer's code for the day, if any: the sessions it opened end with it. */
export function revokeCode(orm: Orm, dayId: number, reviewerId: number): void {
  orm
    .update(reviewerCodes)
    .set({ revokedAt: new Date().toISOString() })
    .where(
      and(
        eq(reviewerCodes.reviewDayId, dayId),
        eq(reviewerCodes.reviewerId, reviewerId),
        isNull(reviewerCodes.revokedAt),
      ),
    )
    .run();
}

/** A new code for the reviewer (the last one, and its sessions, stop working). */
export function issueCode(orm: Orm, dayId: number, reviewerId: number): string {
  return orm.transaction(() => {
    revokeCode(orm, dayId, reviewerId);
    const code = freshCode(orm, dayId);
    orm
      .insert(reviewerCodes)
      .values({ reviewDayId: dayId, reviewerId, code, issuedAt: new Date().toISOString() })
      .run();
    return code;
  });
}

/** Opens a review day on one of this machine's addresses until `endsAt`, with a code for every active reviewer. */
export function startDay(orm: Orm, input: z.output<typeof startSchema>, now = new Date()): ReviewDay {
  if (activeDay(orm, now)) throw new DeskError('review-day-active', '集中评审已经开始，请先结束当前这一场。');
  if (!servesHere(input.address))
    throw new DeskError('bad-address', `“${input.address}”不是本机的网络地址，请从列出的地址中选择。`);
  const ends = Date.parse(input.endsAt);
  if (ends <= now.getTime() + 5 * 60_000 || ends > now.getTime() + 24 * HOUR)
    throw new DeskError('invalid-input', '结束时间应在 5 分钟之后、24 小时之内。');
  return orm.transaction(() => {
    const day = orm
      .insert(reviewDays)
      .values({ address: input.address, startedAt: now.toISOString(), endsAt: new Date(ends).toISOString() })
      .returning()
      .get();
    for (const r of orm.select({ id: reviewers.id }).from(reviewers).where(eq(reviewers.active, true)).all())
      issueCode(orm, day.id, r.id);
    return day;
  });
}

/** The shell says where it is listening for the day (shown to the office as the address to hand out). */
export function markServed(orm: Orm, port: number | null): ReviewDay | null {
  const day = activeDay(orm);
  if (!day) return null;
  orm.update(reviewDays).set({ port }).where(eq(reviewDays.id, day.id)).run();
  return { ...day, port };
}

/** 结束集中评审: the network closes; every code and session of the day stops working. What is left is listed. */
export function endDay(orm: Orm): { day: ReviewDay; unfinished: Array<{ reviewerName: string; left: number }> } {
  const day = requireActiveDay(orm);
  const closedAt = new Date().toISOString();
  orm.update(reviewDays).set({ closedAt }).where(eq(reviewDays.id, day.id)).run();
  const unfinished = progressByReviewer(orm)
    .filter((p) => p.started + p.todo > 0)
    .map((p) => ({ reviewerName: p.reviewerName, left: p.started + p.todo }));
  return { day: { ...day, closedAt }, unfinished };
}
