import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDocx, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir, type TestCore } from './helpers';

async function oneSubmission(t: TestCore) {
  const dir = tempDir();
  await t.call('units.create', { name: '甲单位', sectorId: 6 });
  fs.writeFileSync(path.join(dir, '甲单位.zip'), writeZip([{ name: '总结.docx', data: makeDocx('甲单位') }]));
  const imported = await t.call('intake.import', { files: localFiles([dir]) });
  const submissionId = imported.sources[0]!.submission_id!;
  const reviewer = await t.call('reviewers.create', { name: '王老师' });
  const [campaign] = await t.call('campaigns.list');
  const full = Object.fromEntries(
    campaign!.items.map((i) => [
      i.id,
      i.kind === 'count' ? { count: 4 } : i.kind === 'veto' ? { vetoed: false } : { done: true },
    ]),
  );
  return { submissionId, reviewerId: reviewer.id, full };
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as {
      code: string;
      message: string;
      details: { current: { comment: string; status: string; version: number } };
    };
  }
  throw new Error('expected a refusal');
}

describe('no edit is lost or silently overwritten: every save names the version it was typed on', () => {
  it('two tabs of one reviewer: the stale one is refused with the newer version, and both stay in history', async () => {
    const t = openTestCore();
    const { submissionId, reviewerId } = await oneSubmission(t);
    const target = { submissionId, reviewerId };
    const opened = await t.call('reviews.get', target);
    expect(opened.version).toBeNull();

    const tabA = await t.call('reviews.save', { ...target, answers: {}, comment: '甲窗口', basedOn: opened.version });
    expect(tabA.version).toBe(1);
    const refused = await refusal(
      t.call('reviews.save', { ...target, answers: {}, comment: '乙窗口', basedOn: opened.version }),
    );
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/已在别处改过/);
    expect(refused.details.current).toMatchObject({ comment: '甲窗口', version: 1 });
    expect(await t.call('reviews.get', target)).toMatchObject({ comment: '甲窗口', version: 1 });

    // The same text again, typed on the old version, overwrites nothing: it is no conflict.
    expect(await t.call('reviews.save', { ...target, answers: {}, comment: '甲窗口', basedOn: null })).toMatchObject({
      version: 1,
    });

    // The reviewer keeps tab B's text, now typed on version 1: saved, and both are in 修改记录.
    const kept = await t.call('reviews.save', { ...target, answers: {}, comment: '乙窗口', basedOn: 1 });
    expect(kept).toMatchObject({ comment: '乙窗口', version: 2 });
    const history = await t.call('reviews.history', target);
    expect(history.map((h) => (h.snapshot as { comment: string }).comment)).toEqual(['甲窗口', '乙窗口']);
  });

  it("the office's 退回 names what it read; a reviewer's page typed before the 退回 is refused, not overwriting it", async () => {
    const t = openTestCore();
    const { submissionId, reviewerId, full } = await oneSubmission(t);
    const target = { submissionId, reviewerId };
    await t.call('reviews.save', { ...target, answers: full, comment: '初评', status: 'submitted', basedOn: null });
    const seen = (await t.call('reviews.results', {}))[0]!.reviews[0]!;
    expect(seen.version).toBe(1);

    // The reviewer changes the submitted review after the office looked: the office's 退回 is refused.
    await t.call('reviews.save', { ...target, answers: full, comment: '复核后', status: 'submitted', basedOn: 1 });
    const late = await refusal(t.call('reviews.return', { ...target, reason: '请补充说明', basedOn: seen.version }));
    expect(late).toMatchObject({ code: 'conflict', details: { current: { comment: '复核后', status: 'submitted' } } });
    expect(await t.call('reviews.get', target)).toMatchObject({ status: 'submitted', returnReason: null });

    // Having read it again, the office sends it back.
    const now = (await t.call('reviews.results', {}))[0]!.reviews[0]!;
    expect(await t.call('reviews.return', { ...target, reason: '请补充说明', basedOn: now.version })).toMatchObject({
      status: 'returned',
      version: 3,
    });

    // The reviewer's page, typed on version 2, autosaves: refused with the 退回 to see; the 退回 stands.
    const stalePage = await refusal(t.call('reviews.save', { ...target, answers: full, comment: '再改', basedOn: 2 }));
    expect(stalePage.details.current).toMatchObject({ status: 'returned', version: 3 });
    expect(await t.call('reviews.get', target)).toMatchObject({ status: 'returned', comment: '复核后' });
  });

  it('改判 names the decision the office saw: a second one made meanwhile is not overwritten', async () => {
    const t = openTestCore();
    const { submissionId, reviewerId, full } = await oneSubmission(t);
    await t.call('reviews.save', { submissionId, reviewerId, answers: full, status: 'submitted' });
    const override = { submissionId, basis: 'override' as const, score: null, reason: '会议讨论决定' };
    const first = await t.call('reviews.decide', { ...override, verdict: '优秀', basedOn: null });
    const colleague = await refusal(t.call('reviews.decide', { ...override, verdict: '合格', basedOn: null }));
    expect(colleague).toMatchObject({ code: 'conflict', details: { current: { verdict: '优秀' } } });
    expect((await t.call('reviews.results', {}))[0]!.decision).toMatchObject({ verdict: '优秀' });
    expect(await t.call('reviews.decide', { ...override, verdict: '合格', basedOn: first.decidedAt })).toMatchObject({
      verdict: '合格',
    });
  });
});
