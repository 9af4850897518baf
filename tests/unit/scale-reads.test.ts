import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir, type TestCore } from './helpers';
import { sectorOf } from '../support/sectors';

async function threeSubmissions(t: TestCore) {
  for (const [i, name] of ['柳州银行营业部', '市中院立案庭', '城中区税务局办税服务厅'].entries()) {
    await t.call('units.create', { name, sectorId: await sectorOf(t, '金融团工委') });
    const file = path.join(tempDir(), `${name}.zip`);
    fs.writeFileSync(
      file,
      writeZip([
        { name: '工作总结.docx', data: makeDocx(name) },
        { name: '照片.png', data: makePng(5 + i, 5) },
      ]),
    );
    await t.call('intake.import', { files: localFiles([file]) });
  }
}

describe('answers kept until the data changes', () => {
  it('results, the queue, 概览 and the roster follow a write by this connection and by another process at once', async () => {
    const t = openTestCore();
    await threeSubmissions(t);
    const reviewer = await t.call('reviewers.create', { name: '王老师' });
    const [campaign] = await t.call('campaigns.list');
    const before = await t.call('reviews.results', {});
    expect(before.every((r) => r.count === 0)).toBe(true);
    expect(await t.call('reviews.results', {})).toBe(before); // the same answer, not computed again

    const answers = Object.fromEntries(
      campaign!.items.map((i) => [String(i.id), i.kind === 'count' ? { count: 5 } : { done: true }]),
    );
    const target = before[0]!.submissionId;
    await t.call('reviews.save', { submissionId: target, reviewerId: reviewer.id, answers, status: 'submitted' });
    const after = await t.call('reviews.results', {});
    expect(after.find((r) => r.submissionId === target)).toMatchObject({ count: 1, mean: 100 });
    expect(
      (await t.call('reviews.queue', { reviewerId: reviewer.id })).find((q) => q.submissionId === target),
    ).toMatchObject({ status: 'done', total: 100 });
    expect((await t.call('app.overview')).review).toMatchObject({ reviewed: 1 });

    // Another process (the CLI beside the app) writes: the next answer shows it.
    const other = new Database(path.join(t.dataDir, 'desk.sqlite'));
    other.prepare('UPDATE reviews SET total = 61').run();
    other.prepare("UPDATE units SET name = '柳州银行营业部（改名）' WHERE name = '柳州银行营业部'").run();
    other.close();
    expect((await t.call('reviews.results', {})).find((r) => r.submissionId === target)).toMatchObject({ mean: 61 });
    expect((await t.call('units.list', {})).map((u) => u.name)).toContain('柳州银行营业部（改名）');
  });

  it('submissions.page gives one page and the total, newest first', async () => {
    const t = openTestCore();
    await threeSubmissions(t);
    const all = await t.call('submissions.list', {});
    const first = await t.call('submissions.page', { offset: 0, limit: 2 });
    const second = await t.call('submissions.page', { offset: 2, limit: 2 });
    expect(first.total).toBe(3);
    expect([...first.rows, ...second.rows].map((s) => s.id)).toEqual(all.map((s) => s.id));
    expect(second.rows[0]!.files).toEqual(all[2]!.files);
    await t.call('units.create', { name: '新单位', sectorId: await sectorOf(t, '金融团工委') });
    const file = path.join(tempDir(), '新单位.zip');
    fs.writeFileSync(file, writeZip([{ name: '新单位总结.docx', data: makeDocx('新单位') }]));
    await t.call('intake.import', { files: localFiles([file]) });
    expect((await t.call('submissions.page', { offset: 0, limit: 2 })).total).toBe(4);
  });

  it('reviews.resultsPage gives one page of 汇总与定级 and the total, filtered by reviewer and by 典型做法', async () => {
    const t = openTestCore();
    await threeSubmissions(t);
    const all = await t.call('reviews.results', {});
    const first = await t.call('reviews.resultsPage', { offset: 0, limit: 2 });
    const second = await t.call('reviews.resultsPage', { offset: 2, limit: 2 });
    expect(first.total).toBe(3);
    expect([...first.rows, ...second.rows].map((r) => r.submissionId)).toEqual(all.map((r) => r.submissionId));
    const one = await t.call('reviewers.create', { name: '王老师' });
    const namesake = await t.call('reviewers.create', { name: '李老师' });
    await t.call('reviews.assign', {
      request: { mode: 'hand', submissionIds: [all[0]!.submissionId], reviewerIds: [one.id] },
    });
    await t.call('reviews.assign', {
      request: {
        mode: 'hand',
        submissionIds: [all[1]!.submissionId, all[2]!.submissionId],
        reviewerIds: [namesake.id],
      },
    });
    expect((await t.call('reviews.resultsPage', { reviewerId: one.id })).rows.map((r) => r.submissionId)).toEqual([
      all[0]!.submissionId,
    ]);
    expect((await t.call('reviews.resultsPage', { reviewerId: namesake.id })).total).toBe(2);
    await t.call('submissions.markPractice', { submissionId: all[2]!.submissionId, practice: true, note: '可推广' });
    const practice = await t.call('reviews.resultsPage', { practiceOnly: true });
    expect(practice).toMatchObject({ total: 1, offset: 0 });
    expect(practice.rows[0]).toMatchObject({ submissionId: all[2]!.submissionId, practice: { note: '可推广' } });
    // A page past the end, left from before a filter, shows the last page, not an empty table.
    expect(await t.call('reviews.resultsPage', { offset: 50, limit: 2 })).toMatchObject({ offset: 2, total: 3 });
  });

  it("reviews.queuePage gives one page of a reviewer's queue, filtered and sorted by core, with the order of all of it", async () => {
    const t = openTestCore();
    await threeSubmissions(t);
    const reviewer = await t.call('reviewers.create', { name: '王老师' });
    const queue = await t.call('reviews.queue', { reviewerId: reviewer.id });
    const first = await t.call('reviews.queuePage', { reviewerId: reviewer.id, offset: 0, limit: 2 });
    const second = await t.call('reviews.queuePage', { reviewerId: reviewer.id, offset: 2, limit: 2 });
    expect(first).toMatchObject({ total: 3, offset: 0, queueSize: 3 });
    expect(first.order).toEqual(queue.map((q) => q.submissionId));
    expect([...first.rows, ...second.rows].map((r) => r.submissionId)).toEqual(first.order);
    // Sorted by name in pinyin order: 城中区… (cheng), 柳州银行… (liu), 市中院… (shi).
    const byName = await t.call('reviews.queuePage', { reviewerId: reviewer.id, sort: 'name' });
    expect(byName.rows.map((r) => r.unitName)).toEqual(['城中区税务局办税服务厅', '柳州银行营业部', '市中院立案庭']);
    const [campaign] = await t.call('campaigns.list');
    const answers = Object.fromEntries(
      campaign!.items.map((i) => [String(i.id), i.kind === 'count' ? { count: 5 } : { done: true }]),
    );
    await t.call('reviews.save', {
      submissionId: first.order[1]!,
      reviewerId: reviewer.id,
      answers,
      status: 'submitted',
    });
    const done = await t.call('reviews.queuePage', { reviewerId: reviewer.id, status: 'done' });
    expect(done).toMatchObject({ total: 1, queueSize: 3, order: [first.order[1]] });
    expect(done.sectors).toEqual(first.sectors);
    expect((await t.call('reviews.queuePage', { reviewerId: reviewer.id, status: 'returned' })).rows).toEqual([]);
  });
});
