import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { seedYear } from '../support/seedYear';
import { openTestCore, tempDir } from './helpers';

/**
 * The year's aggregation, kept and caught up per changed submission, must equal the same year
 * worked out from nothing (a core just opened) after every kind of review work — through the app
 * and straight in the file by another connection.
 */
describe('the year’s aggregation kept and caught up', () => {
  it('matches a fresh aggregation after reviews, returns, decisions, practices, assignments and a reviewer’s conflicts', async () => {
    const dataDir = tempDir();
    seedYear(dataDir, 120, 9);
    const t = openTestCore(dataDir);
    const file = new Database(path.join(dataDir, 'desk.sqlite'));
    const check = async (what: string) => {
      const kept = await t.call('reviews.results', {});
      const fresh = openTestCore(dataDir);
      expect(kept, what).toEqual(await fresh.call('reviews.results', {}));
      // 概览 and 与上年对比 read the same results.
      expect(await t.call('dashboard.data', {}), `${what}: 概览`).toEqual(await fresh.call('dashboard.data', {}));
      expect(await t.call('dashboard.comparison', {}), `${what}: 与上年对比`).toEqual(
        await fresh.call('dashboard.comparison', {}),
      );
      fresh.core.close();
    };
    await check('first time');
    const rows = file
      .prepare(
        'SELECT s.id, r.reviewer_id AS reviewer FROM submissions s JOIN reviews r ON r.submission_id = s.id ORDER BY s.id',
      )
      .all() as Array<{ id: number; reviewer: number }>;
    const [a, b, c, d] = [rows[0]!, rows[5]!, rows[9]!, rows[14]!];
    const items = file
      .prepare('SELECT id FROM checklist_items WHERE campaign_id = (SELECT id FROM campaigns WHERE is_current = 1)')
      .pluck()
      .all() as number[];

    await t.call('reviews.save', {
      submissionId: a.id,
      reviewerId: a.reviewer,
      answers: Object.fromEntries(items.slice(0, 1).map((i) => [String(i), { done: false }])),
      status: 'draft',
    });
    await check('a review taken back to a draft');
    await t.call('reviews.return', { submissionId: b.id, reviewerId: b.reviewer, reason: '请补充说明' });
    await check('a review returned');
    await t.call('reviews.decide', {
      submissionId: c.id,
      basis: 'override',
      verdict: '不合格',
      score: 50,
      reason: '材料不实',
    });
    await check('a decision');
    await t.call('submissions.markPractice', { submissionId: d.id, practice: true, note: '青年突击队' });
    await check('a 典型做法');
    // Another program writes in the file: a second reviewer's score, a decision taken back.
    file
      .prepare(
        "INSERT INTO reviews (submission_id, reviewer_id, answers, total, verdict, status, updated_at) VALUES (?, ?, '{}', 99, '优秀', 'submitted', 't')",
      )
      .run(a.id, a.reviewer === 1 ? 2 : 1);
    file.prepare('DELETE FROM decisions WHERE submission_id = ?').run(c.id);
    await check('written by another connection');
    await t.call('reviews.assign', { request: { mode: 'hand', submissionIds: [b.id, d.id], reviewerIds: [3] } });
    await check('assigned');
    // A reviewer's conflicts change whose reviews count: the year is worked out again.
    await t.call('reviewers.update', {
      id: 2,
      fields: { name: '李老师', conflictSectorIds: [5, 6, 7, 8], conflictUnitIds: [], active: true },
    });
    await check('conflicts changed');
    file.close();
  }, 120_000);
});
