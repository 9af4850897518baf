import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { browserReviewer, visitorAt } from '../../src-main/common/principal';
import { assignedYear, openTestCore, reviewerSession, type TestCore } from './helpers';

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

async function twoReviewers(t: TestCore) {
  const wang = await t.call('reviewers.create', { name: '王老师' });
  const li = await t.call('reviewers.create', { name: '李老师' });
  return { wang, li };
}

describe('集中评审: a day on the office network, a code per reviewer', () => {
  it('starts only on an address of this machine, until a sensible end, once at a time', async () => {
    const t = openTestCore();
    await twoReviewers(t);
    const start = (address: string, endsAt: string) => t.callRaw('reviewDay.start', { address, endsAt });
    expect(await start('10.99.99.99', inHours(4))).toMatchObject({ ok: false, error: { code: 'bad-address' } });
    expect(await start('127.0.0.1', inHours(4))).toMatchObject({ ok: false, error: { code: 'bad-address' } });
    expect(await start('127.0.0.2', inHours(30))).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await start('127.0.0.2', inHours(4))).toMatchObject({ ok: true, value: { address: '127.0.0.2' } });
    expect(await start('127.0.0.2', inHours(4))).toMatchObject({ ok: false, error: { code: 'review-day-active' } });

    const status = await t.call('reviewDay.status');
    expect(status.codes.map((c) => c.reviewerName)).toEqual(['王老师', '李老师']);
    expect(status.codes.every((c) => /^\d{6}$/.test(c.code))).toBe(true);
    expect(new Set(status.codes.map((c) => c.code)).size).toBe(2);
  });

  it('a wrong code is refused with the tries left, then the address is locked out; another address is not', async () => {
    const t = openTestCore();
    const { wang } = await twoReviewers(t);
    await t.call('reviewDay.start', { address: '127.0.0.2', endsAt: inHours(4) });
    const right = (await t.call('reviewDay.status')).codes.find((c) => c.reviewerId === wang.id)!.code;
    const wrong = right === '000000' ? '000001' : '000000';
    const at = visitorAt('192.168.1.23');
    const tries = [];
    for (let i = 0; i < 6; i++) tries.push(await t.core.invoke('reviewDay.signIn', { code: wrong }, at));
    expect(tries[0]).toMatchObject({ ok: false, error: { code: 'code-invalid', message: /还可以再试 4 次/ } });
    expect(tries[5]).toMatchObject({ ok: false, error: { code: 'code-locked' } });
    // Locked out, even the right code waits; from another laptop it works.
    expect(await t.core.invoke('reviewDay.signIn', { code: right }, at)).toMatchObject({
      error: { code: 'code-locked' },
    });
    expect(await t.core.invoke('reviewDay.signIn', { code: right }, visitorAt('192.168.1.24'))).toMatchObject({
      ok: true,
      value: { reviewerName: '王老师' },
    });
    // A visitor may do nothing else.
    expect(await t.core.invoke('reviews.queue', {}, at)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const { rows } = await t.call('audit.list', {});
    expect(rows[0]).toMatchObject({ actor: '王老师', actorKind: 'reviewer', summary: '以验证码进入集中评审' });
  });

  it('a session ends at once when its code is revoked or replaced, when the day is closed, and when its time is up', async () => {
    const t = openTestCore();
    const { wang, li } = await twoReviewers(t);
    const queue = (principal: ReturnType<typeof browserReviewer>) => t.core.invoke('reviews.queue', {}, principal);
    const ended = { ok: false, error: { code: 'unauthorized', message: /验证码已失效/ } };

    const first = await reviewerSession(t, wang.id);
    expect(await queue(first)).toMatchObject({ ok: true });
    // A forged session, or one naming someone else, is no session.
    expect(await queue(browserReviewer(wang.id, 'made-up'))).toMatchObject(ended);
    expect(await queue({ ...first, reviewerId: li.id } as typeof first)).toMatchObject(ended);

    await t.call('reviewDay.revokeCode', { reviewerId: wang.id });
    expect(await queue(first)).toMatchObject(ended);
    expect((await t.call('reviewDay.status')).codes.map((c) => c.reviewerName)).toEqual(['李老师']);

    const { code } = await t.call('reviewDay.issueCode', { reviewerId: wang.id });
    const second = await reviewerSession(t, wang.id);
    expect((await t.call('reviewDay.status')).codes.find((c) => c.reviewerId === wang.id)!.code).toBe(code);
    expect(await queue(second)).toMatchObject({ ok: true });
    await t.call('reviewDay.issueCode', { reviewerId: wang.id });
    expect(await queue(second)).toMatchObject(ended);

    const lis = await reviewerSession(t, li.id);
    // The day's time runs out (as if the clock had reached it).
    const db = new Database(path.join(t.dataDir, 'desk.sqlite'));
    db.prepare('UPDATE review_days SET ends_at = ?').run(new Date(Date.now() - 1000).toISOString());
    db.close();
    expect(await queue(lis)).toMatchObject(ended);
    expect((await t.call('reviewDay.status')).day).toBeNull();

    await t.call('reviewDay.start', { address: '127.0.0.2', endsAt: inHours(1) });
    const again = await reviewerSession(t, li.id);
    await t.call('reviewDay.stop');
    expect(await queue(again)).toMatchObject(ended);
    expect(await t.callRaw('reviewDay.signIn', { code: '123456' })).toMatchObject({
      ok: false,
      error: { code: 'review-day-inactive' },
    });
  });

  it("the office's board: each reviewer's 已评/评审中/待评 and where they are; 结束 lists what is unfinished", async () => {
    const t = openTestCore();
    const year = await assignedYear(t);
    // 李老师 works from a package: no code, but her progress is on the board all the same.
    await t.call('reviews.assign', {
      request: { mode: 'hand', submissionIds: [year.ids['丙单位']!], reviewerIds: [year.li.id] },
    });
    await t.call('reviewDay.start', { address: '127.0.0.2', endsAt: inHours(3) });
    await t.call('reviewDay.revokeCode', { reviewerId: year.li.id });
    await t.call('reviews.save', { submissionId: year.ids['乙单位']!, reviewerId: year.li.id, answers: {} });
    const wang = await reviewerSession(t, year.wang.id);
    await t.core.invoke('reviews.get', { submissionId: year.ids['甲单位'] }, wang);

    const { board } = await t.call('reviewDay.status');
    expect(board).toEqual([
      expect.objectContaining({ reviewerName: '王老师', done: 0, started: 0, todo: 1, openUnitName: '甲单位' }),
      expect.objectContaining({ reviewerName: '李老师', code: null, done: 0, started: 1, todo: 1 }),
    ]);
    expect(board[0]!.lastSeenAt).not.toBeNull();
    expect(await t.call('reviewDay.progress')).toEqual([
      { reviewer: '王老师', assigned: 1, submitted: 0, inProgress: 0, lastActivityAt: board[0]!.lastSeenAt },
      { reviewer: '李老师', assigned: 2, submitted: 0, inProgress: 1, lastActivityAt: null },
    ]);
    expect((await t.call('reviewDay.stop')).unfinished).toEqual([
      { reviewerName: '王老师', left: 1 },
      { reviewerName: '李老师', left: 2 },
    ]);
  });
});
