import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { openTestCore, tempDir, type TestCore, localFiles } from './helpers';
import { sectorOf } from '../support/sectors';

async function oneSubmission(t: TestCore, unitName = '柳州银行营业部') {
  const unit = await t.call('units.create', { name: unitName, sectorId: await sectorOf(t, '金融团工委') });
  const dir = tempDir();
  const file = path.join(dir, `${unitName}.zip`);
  fs.writeFileSync(
    file,
    writeZip([
      { name: '总结.docx', data: makeDocx(unitName) },
      ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(i + 5, 5) })),
    ]),
  );
  const result = await t.call('intake.import', { files: localFiles([file]) });
  return { unit, submissionId: result.sources[0]!.submission_id! };
}

describe('review scoring', () => {
  it('computes the total from the checklist: done items, a count against its minimum, a veto, bonus and deduction within caps', async () => {
    const t = openTestCore();
    const { submissionId } = await oneSubmission(t);
    const reviewer = await t.call('reviewers.create', { name: '王老师' });
    const [campaign] = await t.call('campaigns.list');
    const items = campaign!.items;
    const study = items.find((i) => i.kind === 'count')!;
    const answers: Record<string, { done?: boolean; count?: number }> = {};
    for (const item of items) if (item.kind === 'check') answers[item.id] = { done: true };
    answers[study.id] = { count: 3 };

    const draft = await t.call('reviews.save', {
      submissionId,
      reviewerId: reviewer.id,
      answers,
      bonus: 2,
      deduction: 1,
    });
    // 90 points from the check items, 3 of 4 study sessions → floor(10 × 3/4) = 7, +2 −1.
    expect(draft.score).toMatchObject({ total: 98, verdict: '优秀', vetoed: false, unanswered: [] });
    expect(draft.score.flags).toEqual(['开展组织化学习：3 次，少于要求的 4 次']);

    const over = await t.callRaw('reviews.save', { submissionId, reviewerId: reviewer.id, answers, bonus: 6 });
    expect(over).toMatchObject({ ok: false, error: { code: 'invalid-input', message: '加分不能超过 5 分' } });
    const stray = await t.callRaw('reviews.save', {
      submissionId,
      reviewerId: reviewer.id,
      answers: { '999999': { done: true } },
    });
    expect(stray).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const early = await t.callRaw('reviews.save', {
      submissionId,
      reviewerId: reviewer.id,
      answers: {},
      status: 'submitted',
    });
    expect(early).toMatchObject({ ok: false, error: { code: 'review-incomplete' } });
  });

  it('a veto item sets the total to 0 and the verdict to 不合格; thresholds are the campaign ones', async () => {
    const t = openTestCore();
    const { submissionId } = await oneSubmission(t);
    const reviewer = await t.call('reviewers.create', { name: '李老师' });
    const [campaign] = await t.call('campaigns.list');
    const {
      id: _id,
      deadlineEndsAt: _d,
      isCurrent: _c,
      copiedFromId: _f,
      totalPoints: _t,
      updatedAt: _u,
      ...fields
    } = campaign!;
    const withVeto = [
      ...fields.items,
      {
        section: '安全底线',
        title: '未发生重大安全责任事故',
        guidance: '',
        points: 0,
        kind: 'veto' as const,
        minCount: null,
      },
    ];
    const saved = await t.call('campaigns.update', {
      id: campaign!.id,
      fields: {
        ...fields,
        items: withVeto,
        rubric: {
          ...fields.rubric,
          verdicts: [
            { label: '优秀', min: 95 },
            { label: '合格', min: 50 },
            { label: '不合格', min: 0 },
          ],
        },
      },
    });
    const veto = saved.items.at(-1)!;
    const answers = Object.fromEntries(
      saved.items.filter((i) => i.kind === 'check').map((i) => [String(i.id), { done: true }]),
    );
    const fine = await t.call('reviews.save', {
      submissionId,
      reviewerId: reviewer.id,
      answers: { ...answers, [veto.id]: { vetoed: false } },
    });
    expect(fine.score).toMatchObject({ total: 90, verdict: '合格' });
    const vetoed = await t.call('reviews.save', {
      submissionId,
      reviewerId: reviewer.id,
      answers: { ...answers, [veto.id]: { vetoed: true, note: '年内发生安全事故' } },
    });
    expect(vetoed.score).toMatchObject({ total: 0, verdict: '不合格', vetoed: true });
  });

  it('keeps every change with who and when; saving the same thing twice adds nothing; conflicts show as excluded', async () => {
    const t = openTestCore();
    const { submissionId, unit } = await oneSubmission(t);
    const reviewer = await t.call('reviewers.create', { name: '赵老师', conflictSectorIds: [unit.sectorId!] });
    const other = await t.call('reviewers.create', { name: '钱老师' });
    expect(await t.callRaw('reviewers.create', { name: '赵老师' })).toMatchObject({
      ok: false,
      error: { code: 'duplicate-reviewer' },
    });
    const [campaign] = await t.call('campaigns.list');
    const first = campaign!.items[1]!;
    await t.call('reviews.save', {
      submissionId,
      reviewerId: other.id,
      answers: { [first.id]: { done: true } },
      comment: '材料扎实',
    });
    await t.call('reviews.save', {
      submissionId,
      reviewerId: other.id,
      answers: { [first.id]: { done: true } },
      comment: '材料扎实',
    });
    await t.call('reviews.save', {
      submissionId,
      reviewerId: other.id,
      answers: { [first.id]: { done: false } },
      comment: '宣讲证据不足',
    });
    const history = await t.call('reviews.history', { submissionId, reviewerId: other.id });
    expect(history.map((h) => [h.changedBy, (h.snapshot as { comment: string }).comment])).toEqual([
      ['钱老师', '材料扎实'],
      ['钱老师', '宣讲证据不足'],
    ]);
    const queue = await t.call('reviews.queue', { reviewerId: reviewer.id });
    expect(queue).toEqual([
      expect.objectContaining({ unitName: '柳州银行营业部', status: 'todo', conflict: true, sectorName: '金融团工委' }),
    ]);
    const otherQueue = await t.call('reviews.queue', { reviewerId: other.id });
    expect(otherQueue[0]).toMatchObject({ status: 'started', conflict: false, total: 0 });
    expect((await t.call('reviews.get', { submissionId, reviewerId: reviewer.id })).excluded).toBe(true);
    expect((await t.call('reviews.list', {})).map((r) => [r.unitName, r.status])).toEqual([
      ['柳州银行营业部', 'draft'],
    ]);
  });
});

describe('review keyboard preferences', () => {
  it('Y / N moves on by default; switched off, it is kept in the data folder for the next start (browser mode’s address changes)', async () => {
    const dir = tempDir();
    const t = openTestCore(dir);
    expect(await t.call('reviews.preferences')).toEqual({ advanceOnAnswer: true });
    await t.call('reviews.setPreferences', { advanceOnAnswer: false });
    await t.core.close();
    const again = openTestCore(dir);
    expect(await again.call('reviews.preferences')).toEqual({ advanceOnAnswer: false });
    expect(await again.callRaw('reviews.setPreferences', { advanceOnAnswer: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});
