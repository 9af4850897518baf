import { describe, expect, it } from 'vitest';
import { assignedYear, openTestCore } from './helpers';

describe('改派 from the review day board', () => {
  it('moves one submission between queues at once, keeps what was written, and refuses what must not move', async () => {
    const t = openTestCore();
    const year = await assignedYear(t);
    const queue = async (reviewerId: number) =>
      (await t.call('reviews.queue', { reviewerId, assignedOnly: true })).map((r) => r.submissionId);
    const jia = year.ids['甲单位']!;
    const yi = year.ids['乙单位']!;
    const bing = year.ids['丙单位']!;
    // 王老师 began 甲 and stopped: the draft stays hers, the material goes to 李老师.
    await t.call('reviews.save', { submissionId: jia, reviewerId: year.wang.id, answers: {}, comment: '看了一半' });
    await t.call('reviews.reassign', { submissionId: jia, fromReviewerId: year.wang.id, toReviewerId: year.li.id });
    expect(await queue(year.wang.id)).not.toContain(jia);
    expect((await queue(year.li.id)).sort()).toEqual([jia, yi].sort());
    expect((await t.call('reviews.get', { submissionId: jia, reviewerId: year.wang.id })).comment).toBe('看了一半');
    const log = await t.call('audit.list', {});
    expect(JSON.stringify(log)).toContain('从「王老师」改派给「李老师」');

    const refused = async (input: { submissionId: number; fromReviewerId: number; toReviewerId: number }) => {
      const answer = await t.callRaw('reviews.reassign', input);
      return answer.ok ? 'moved' : answer.error.code;
    };
    // Not hers any more; 李老师 already has it; 丙 is in 王老师's own sector (回避).
    expect(await refused({ submissionId: jia, fromReviewerId: year.wang.id, toReviewerId: year.li.id })).toBe(
      'not-found',
    );
    await t.call('reviews.assign', { request: { mode: 'hand', submissionIds: [bing], reviewerIds: [year.li.id] } });
    expect(await refused({ submissionId: bing, fromReviewerId: year.li.id, toReviewerId: year.wang.id })).toBe(
      'invalid-input',
    );
    // A submitted review is 退回 first, not moved from under its reviewer.
    const campaign = (await t.call('campaigns.current'))!;
    const answers = Object.fromEntries(
      campaign.items.map((i) => [String(i.id), i.kind === 'count' ? { count: 4 } : { done: true }]),
    );
    await t.call('reviews.save', { submissionId: yi, reviewerId: year.li.id, answers, status: 'submitted' });
    expect(await refused({ submissionId: yi, fromReviewerId: year.li.id, toReviewerId: year.wang.id })).toBe(
      'invalid-input',
    );
    expect((await queue(year.li.id)).sort()).toEqual([jia, yi, bing].sort());
  });
});
