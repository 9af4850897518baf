import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { visitorAt, type Principal } from '../../src-main/common/principal';
import { operations } from '../../src-main/core/operations';
import { assignedYear, OFFICE, openTestCore, reviewerSession } from './helpers';

/**
 * Every operation × {office, reviewer, visitor without a session, reviewer whose day has ended}:
 * only what each operation declares gets past the door. The input is `{}`, so an allowed call may
 * still be refused for its input — never, though, by the door for someone it lets in.
 */
describe('the access matrix over every operation', () => {
  it('only what is declared succeeds, for every caller', async () => {
    const t = openTestCore();
    const year = await assignedYear(t);
    const reviewer = await reviewerSession(t, year.wang.id);
    const expiredDay = await reviewerSession(t, year.li.id);
    // 李老师's code is replaced: her session is over while 王老师's goes on.
    await t.call('reviewDay.issueCode', { reviewerId: year.li.id });
    const visitor = visitorAt('192.168.9.9');
    const door = async (name: string, principal: Principal) => {
      const answer = await t.core.invoke(name, {}, principal);
      return answer.ok ? 'in' : answer.error.code;
    };
    // Calls with side effects the matrix must not set off for the office (a backup, a mail fetch, ending the day).
    const officeSkips = new Set(['backup.restore', 'reviewDay.stop', 'jobs.cancel']);
    for (const [name, op] of Object.entries(operations)) {
      const asReviewer = await door(name, reviewer);
      const asVisitor = await door(name, visitor);
      const asExpired = await door(name, expiredDay);
      if (op.callers === 'office') {
        expect(asReviewer, name).toBe('forbidden');
        expect(asVisitor, name).toBe('unauthorized');
        expect(asExpired, name).toBe('forbidden');
      } else if (op.callers === 'reviewers-too') {
        expect(['forbidden', 'unauthorized'], name).not.toContain(asReviewer);
        expect(asVisitor, name).toBe('unauthorized');
        expect(asExpired, name).toBe('unauthorized');
      } else {
        expect(op.callers, name).toBe('anyone');
        expect([asReviewer, asVisitor, asExpired].includes('forbidden'), name).toBe(false);
      }
      if (!officeSkips.has(name)) expect(await door(name, OFFICE), name).not.toBe('forbidden');
    }
    // Nothing a refused caller sent was written: no review, and the day goes on.
    expect(await t.call('reviews.list', {})).toEqual([]);
    expect((await t.call('reviewDay.status')).day).not.toBeNull();
    const db = new Database(path.join(t.dataDir, 'desk.sqlite'), { readonly: true });
    expect(
      db
        .prepare("SELECT count(*) FROM audit_log WHERE actor_kind = 'reviewer' AND operation <> 'reviewDay.signIn'")
        .pluck()
        .get(),
    ).toBe(0);
    db.close();
  });
});
