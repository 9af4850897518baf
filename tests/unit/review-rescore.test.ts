import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../src-main/core/campaigns/model';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';

describe('editing the checklist after reviews exist', () => {
  it('drops answers to removed items, recomputes totals with the new points, and every review stays saveable', async () => {
    const t = openTestCore();
    await t.call('units.create', { name: '柳州银行营业部' });
    const zip = path.join(tempDir(), '柳州银行营业部.zip');
    fs.writeFileSync(
      zip,
      writeZip([
        { name: '工作总结.docx', data: makeDocx('营业部') },
        ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(40 + i, 40) })),
      ]),
    );
    const submissionId = (await t.call('intake.import', { files: localFiles([zip]) })).sources[0]!.submission_id!;
    const reviewer = await t.call('reviewers.create', { name: '王老师' });
    const campaign = (await t.call('campaigns.current')) as Campaign;
    const answers = Object.fromEntries(
      campaign.items.map((i) => [
        String(i.id),
        i.kind === 'count' ? { count: 10 } : i.kind === 'veto' ? { vetoed: false } : { done: true },
      ]),
    );
    const saved = await t.call('reviews.save', {
      submissionId,
      reviewerId: reviewer.id,
      answers,
      bonus: 0,
      deduction: 0,
      comment: '',
      status: 'submitted',
    });
    expect(saved).toMatchObject({ score: { total: 100 } });

    // The office removes the first item and gives the second 5 more points.
    const [removed, raised, ...rest] = campaign.items;
    const {
      id: _i,
      isCurrent: _c,
      copiedFromId: _f,
      deadlineEndsAt: _d,
      totalPoints: _p,
      updatedAt: _u,
      items: _items,
      ...fields
    } = campaign;
    const updated = await t.call('campaigns.update', {
      id: campaign.id,
      fields: { ...fields, items: [{ ...raised!, points: raised!.points + 5 }, ...rest] },
    });
    expect(updated).toMatchObject({ rescoredReviews: 1 });

    const review = await t.call('reviews.get', { submissionId, reviewerId: reviewer.id });
    expect(Object.keys(review.answers)).not.toContain(String(removed!.id));
    expect(review.score.total).toBe(100 - removed!.points + 5);
    const history = await t.call('reviews.history', { submissionId, reviewerId: reviewer.id });
    expect(history.at(-1)).toMatchObject({ changedBy: '检查清单修改后重算' });
    // The reviewer saves again with what the page now shows: accepted.
    const again = await t.callRaw('reviews.save', {
      submissionId,
      reviewerId: reviewer.id,
      answers: review.answers,
      bonus: 0,
      deduction: 0,
      comment: '再看一遍',
      status: 'submitted',
    });
    expect(again).toMatchObject({ ok: true, value: { score: { total: 100 - removed!.points + 5 } } });
    // Rescoring again changes nothing.
    expect(
      await t.call('campaigns.update', {
        id: campaign.id,
        fields: { ...fields, items: ((await t.call('campaigns.current')) as Campaign).items },
      }),
    ).toMatchObject({ rescoredReviews: 0 });
  });
});
