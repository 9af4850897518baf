import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jpegWithExifDate, makeDocx, makePng, writeZip } from '../support/zipWriter';
import { openTestCore, tempDir, type TestCore, localFiles } from './helpers';

async function setUp(t: TestCore, names: string[]) {
  const dir = tempDir();
  const ids: Record<string, number> = {};
  for (const [i, name] of names.entries()) {
    await t.call('units.create', { name, sectorId: (i % 2) + 6 });
    fs.writeFileSync(
      path.join(dir, `${name}.zip`),
      writeZip([
        { name: '总结.docx', data: makeDocx(name) },
        ...[1, 2, 3].map((p) => ({ name: `照片${p}.png`, data: makePng(10 * i + p, 7) })),
      ]),
    );
  }
  const result = await t.call('intake.import', { files: localFiles([dir]) });
  for (const s of result.sources) ids[s.unit!.name] = s.submission_id!;
  return ids;
}

async function score(t: TestCore, submissionId: number, reviewerId: number, done: number, veto = false) {
  const [campaign] = await t.call('campaigns.list');
  const answers: Record<string, { done?: boolean; count?: number; vetoed?: boolean }> = {};
  let left = done;
  for (const item of campaign!.items) {
    if (item.kind === 'count') answers[item.id] = { count: 4 };
    else if (item.kind === 'veto') answers[item.id] = { vetoed: veto };
    else answers[item.id] = { done: left-- > 0 };
  }
  return t.call('reviews.save', { submissionId, reviewerId, answers, status: 'submitted' });
}

describe('assignment, aggregation and the final verdict', () => {
  it('assigns N reviewers evenly at random, never one with a conflict', async () => {
    const t = openTestCore();
    const ids = await setUp(t, ['甲单位', '乙单位', '丙单位', '丁单位']);
    const finance = await t.call('reviewers.create', { name: '金融口评审', conflictSectorIds: [6] });
    for (const name of ['评审A', '评审B', '评审C']) await t.call('reviewers.create', { name });
    const result = await t.call('reviews.assign', { request: { mode: 'random', perSubmission: 2 } });
    expect(result.assigned).toBe(8);
    expect(result.short).toEqual([]);
    // 金融团工委 (sector 6) units never reach the conflicted reviewer.
    const queue = await t.call('reviews.queue', { reviewerId: finance.id });
    expect(queue.every((q) => q.sectorId !== 6)).toBe(true);
    const loads = await Promise.all(
      (await t.call('reviewers.list')).map(async (r) => (await t.call('reviews.queue', { reviewerId: r.id })).length),
    );
    expect(loads.reduce((a, b) => a + b, 0)).toBe(8);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    const again = await t.call('reviews.assign', { request: { mode: 'random', perSubmission: 2 } });
    expect(again.assigned).toBe(0);
    expect(Object.keys(ids)).toHaveLength(4);
  });

  it('computes mean and spread, flags 有分歧 beyond the spread or on a veto, and records the verdict with its basis', async () => {
    const t = openTestCore();
    const ids = await setUp(t, ['甲单位', '乙单位']);
    const [a, b] = [await t.call('reviewers.create', { name: 'A' }), await t.call('reviewers.create', { name: 'B' })];
    await score(t, ids['甲单位']!, a.id, 11); // 100
    await score(t, ids['甲单位']!, b.id, 10); // 92: the last item (8 points) not done
    await score(t, ids['乙单位']!, a.id, 11); // 100
    await score(t, ids['乙单位']!, b.id, 4); // 10 + 8+7+9+9 = 43
    const results = await t.call('reviews.results', {});
    const jia = results.find((r) => r.unitName === '甲单位')!;
    const yi = results.find((r) => r.unitName === '乙单位')!;
    expect(jia).toMatchObject({
      count: 2,
      mean: 96,
      min: 92,
      max: 100,
      spread: 8,
      disputed: false,
      suggestedVerdict: '优秀',
    });
    expect(yi).toMatchObject({ disputed: true, disputeReasons: ['分差 57 分，超过 15 分'] });

    expect(await t.callRaw('reviews.decide', { submissionId: ids['乙单位']!, basis: 'mean' })).toMatchObject({
      ok: false,
      error: { code: 'disputed' },
    });
    const decided = await t.call('reviews.decide', {
      submissionId: ids['乙单位']!,
      basis: 'override',
      verdict: '合格',
      score: 70,
      reason: '讨论后认定宣讲材料有效',
    });
    expect(decided).toMatchObject({ verdict: '合格', basis: 'override', reason: '讨论后认定宣讲材料有效' });
    expect(await t.call('reviews.decide', { submissionId: ids['甲单位']!, basis: 'mean' })).toMatchObject({
      verdict: '优秀',
      score: 96,
      basis: 'mean',
    });
    expect(
      await t.callRaw('reviews.decide', {
        submissionId: ids['甲单位']!,
        basis: 'override',
        verdict: '特等',
        reason: '试试',
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const after = await t.call('reviews.results', {});
    expect(after.find((r) => r.unitName === '乙单位')!.decision).toMatchObject({ verdict: '合格', basis: 'override' });

    const normalised = await t.call('reviews.results', { normalise: true });
    expect(normalised.find((r) => r.unitName === '甲单位')!.reviews.every((r) => r.normalised !== null)).toBe(true);
  });

  it('marks 典型做法 and shows evidence badges: EXIF outside the year, a photo reused by another unit, a copied summary', async () => {
    const t = openTestCore();
    await t.call('units.create', { name: '甲单位' });
    await t.call('units.create', { name: '乙单位' });
    const dir = tempDir();
    const shared = makePng(33, 33);
    const summary = makeDocx('一样的总结');
    fs.writeFileSync(
      path.join(dir, '甲单位.zip'),
      writeZip([
        { name: '总结.docx', data: summary },
        { name: '1.png', data: shared },
        { name: '2.jpg', data: jpegWithExifDate('2019:05:01 10:00:00', 1) },
      ]),
    );
    fs.writeFileSync(
      path.join(dir, '乙单位.zip'),
      writeZip([
        { name: '总结.docx', data: summary },
        { name: '1.png', data: shared },
        { name: '2.jpg', data: jpegWithExifDate('2022:06:01 10:00:00', 2) },
        { name: '3.png', data: makePng(5, 5) },
      ]),
    );
    const result = await t.call('intake.import', { files: localFiles([dir]) });
    const jia = result.sources.find((s) => s.source === '甲单位.zip')!.submission_id!;
    const { badges, photoDates } = await t.call('reviews.badges', { submissionId: jia });
    expect(badges.map((b) => b.code)).toEqual([
      'photo-count',
      'exif-outside-year',
      'photo-reused',
      'summary-copied',
      'incomplete',
    ]);
    expect(badges.find((b) => b.code === 'photo-reused')!.text).toContain('乙单位');
    expect(Object.values(photoDates)).toEqual([expect.stringMatching(/^2019-05-0[12]T/)]);

    await t.call('submissions.markPractice', {
      submissionId: jia,
      practice: true,
      note: '“青年文明号开放日”做法可推广',
      by: '王老师',
    });
    expect((await t.call('reviews.results', {})).find((r) => r.unitName === '甲单位')!.practice).toEqual({
      note: '“青年文明号开放日”做法可推广',
      markedBy: '王老师',
    });
    await t.call('submissions.markPractice', { submissionId: jia, practice: false });
    expect((await t.call('reviews.results', {})).find((r) => r.unitName === '甲单位')!.practice).toBeNull();
  });
});

describe('退回', () => {
  it('sends a submitted review back with a reason; it stops counting, stays 退回 while reworked, and counts again once resubmitted', async () => {
    const t = openTestCore();
    const ids = await setUp(t, ['甲单位']);
    const a = await t.call('reviewers.create', { name: 'A' });
    await score(t, ids['甲单位']!, a.id, 11);
    expect((await t.call('reviews.results', {}))[0]).toMatchObject({ count: 1, mean: 100 });
    const returned = await t.call('reviews.return', {
      submissionId: ids['甲单位']!,
      reviewerId: a.id,
      reason: '宣讲项证据不足，请核实',
    });
    expect(returned).toMatchObject({ status: 'returned', returnReason: '宣讲项证据不足，请核实' });
    expect((await t.call('reviews.results', {}))[0]).toMatchObject({ count: 0, mean: null });
    expect((await t.call('reviews.queue', { reviewerId: a.id }))[0]!.status).toBe('returned');
    const draft = await t.call('reviews.save', {
      ...(await t.call('reviews.get', { submissionId: ids['甲单位']!, reviewerId: a.id })),
      submissionId: ids['甲单位']!,
      reviewerId: a.id,
      comment: '已核实',
      status: 'draft',
    });
    expect(draft.status).toBe('returned');
    await score(t, ids['甲单位']!, a.id, 10);
    expect(await t.call('reviews.get', { submissionId: ids['甲单位']!, reviewerId: a.id })).toMatchObject({
      status: 'submitted',
      returnReason: null,
    });
    expect((await t.call('reviews.results', {}))[0]).toMatchObject({ count: 1, mean: 92 });
    const history = await t.call('reviews.history', { submissionId: ids['甲单位']!, reviewerId: a.id });
    expect(history.map((h) => (h.snapshot as { status: string }).status)).toEqual([
      'submitted',
      'returned',
      'returned',
      'submitted',
    ]);
    expect(
      await t.callRaw('reviews.return', { submissionId: ids['甲单位']!, reviewerId: a.id, reason: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});

describe('一键按均分定级', () => {
  it('decides every 一致 submission by its mean at once, leaves the disputed, unreviewed and decided alone, and undoes exactly that batch', async () => {
    const t = openTestCore();
    const ids = await setUp(t, ['甲单位', '乙单位', '丙单位', '丁单位', '戊单位']);
    const [a, b] = [await t.call('reviewers.create', { name: 'A' }), await t.call('reviewers.create', { name: 'B' })];
    await score(t, ids['甲单位']!, a.id, 11); // 100
    await score(t, ids['甲单位']!, b.id, 10); // 92 → mean 96 优秀
    await score(t, ids['乙单位']!, a.id, 11);
    await score(t, ids['乙单位']!, b.id, 4); // spread 57: 有分歧
    await score(t, ids['丁单位']!, a.id, 5); // one review, 一致
    await score(t, ids['戊单位']!, a.id, 11);
    await t.call('reviews.decide', {
      submissionId: ids['戊单位']!,
      basis: 'override',
      verdict: '良好',
      score: 85,
      reason: '组委会讨论',
    });
    // 丙单位: not reviewed.

    const batch = await t.call('reviews.decideAgreed', {});
    expect(batch).toMatchObject({ decided: 2, skipped: { disputed: 1, unreviewed: 1, alreadyDecided: 1 } });
    const decision = async (name: string) =>
      (await t.call('reviews.results', {})).find((r) => r.unitName === name)!.decision;
    expect(await decision('甲单位')).toMatchObject({ verdict: '优秀', score: 96, basis: 'mean' });
    const ding = (await t.call('reviews.results', {})).find((r) => r.unitName === '丁单位')!;
    expect(ding.decision).toMatchObject({ verdict: ding.suggestedVerdict, basis: 'mean' });
    expect(await decision('乙单位')).toBeNull();
    expect(await decision('戊单位')).toMatchObject({ verdict: '良好', basis: 'override' });
    expect((await t.call('reviews.decideAgreed', {})).decided).toBe(0);

    // 丁单位 is changed by hand after the batch: undo keeps that change.
    await t.call('reviews.decide', {
      submissionId: ids['丁单位']!,
      basis: 'override',
      verdict: '合格',
      score: 60,
      reason: '补充材料后认定',
    });
    expect(await t.call('reviews.undoDecisions', batch.undo)).toEqual({ undone: 1 });
    expect(await decision('甲单位')).toBeNull();
    expect(await decision('丁单位')).toMatchObject({ verdict: '合格', basis: 'override' });
    expect(await decision('戊单位')).toMatchObject({ verdict: '良好' });
  });
});
