import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pruneSubmissionChanges } from '../../src-main/core/review/keptResults';
import { sectorOf } from '../support/sectors';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';

describe('the change log the year’s aggregation catches up from', () => {
  it('is pruned to its newest rows, and a reader idle through the pruned writes recomputes rather than go stale', async () => {
    const app = openTestCore();
    const unit = await app.call('units.create', {
      name: '柳州银行营业部',
      sectorId: await sectorOf(app, '金融团工委'),
    });
    const zip = path.join(tempDir(), '柳州银行营业部.zip');
    fs.writeFileSync(
      zip,
      writeZip([
        { name: '总结.docx', data: makeDocx(unit.name) },
        ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(i + 5, 5) })),
      ]),
    );
    const submissionId = (await app.call('intake.import', { files: localFiles([zip]) })).sources[0]!.submission_id!;
    const reviewer = await app.call('reviewers.create', { name: '王老师' });
    const [campaign] = await app.call('campaigns.list');
    const answers = (done: boolean) =>
      Object.fromEntries(campaign!.items.map((i) => [i.id, i.kind === 'count' ? { count: done ? 6 : 0 } : { done }]));
    const save = (core: typeof app, done: boolean) =>
      core.call('reviews.save', { submissionId, reviewerId: reviewer.id, answers: answers(done), status: 'submitted' });
    await save(app, true);
    const mean = async () => (await app.call('reviews.resultsPage', {})).rows[0]!.mean;
    expect(await mean()).toBe(100);

    // Another thread changes the review, then a busy season writes 10,001 more changes and the log is pruned.
    const other = openTestCore(app.dataDir);
    await save(other, false);
    const raw = new Database(path.join(app.dataDir, 'desk.sqlite'));
    const insert = raw.prepare('INSERT INTO submission_changes (submission_id) VALUES (?)');
    raw.transaction(() => {
      for (let i = 0; i < 10_001; i++) insert.run(999_999);
    })();
    expect(pruneSubmissionChanges(raw)).toBeGreaterThan(0);
    expect(raw.prepare('SELECT count(*) FROM submission_changes').pluck().get()).toBe(10_000);
    raw.close();
    // The app's kept year predates every row left: it recomputes and shows the changed review.
    expect(await mean()).toBe(0);
  });
});
