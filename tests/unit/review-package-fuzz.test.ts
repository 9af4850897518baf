import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mutate, seeded } from '../support/mutate';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { openTestCore, tempDir, localFiles } from './helpers';

describe('review packages and result files against damage', () => {
  it('a damaged 评审包 or 评审结果 is refused with a code and a Chinese message, never an internal error, and nothing changes', async () => {
    const office = openTestCore();
    const dir = tempDir();
    for (const unit of ['柳州银行营业部', '柳州市第一中学团委']) {
      await office.call('units.create', { name: unit });
      const file = path.join(dir, `${unit}.zip`);
      fs.writeFileSync(
        file,
        writeZip([
          { name: '总结.docx', data: makeDocx(unit) },
          ...[0, 1, 2].map((i) => ({ name: `照片${i}.png`, data: makePng(i + unit.length, 9) })),
        ]),
      );
      await office.call('intake.import', { files: localFiles([file]) });
    }
    const wang = await office.call('reviewers.create', { name: '王老师' });
    const pkg = path.join(tempDir(), 'p.deskreview');
    await office.saveTo('reviews.exportPackage', { reviewer: wang.id }, pkg);
    const laptop = openTestCore();
    await laptop.call('reviews.openPackage', { file: { path: pkg } });
    const [me] = await laptop.call('reviewers.list');
    const campaign = (await laptop.call('campaigns.current'))!;
    for (const q of await laptop.call('reviews.queue', { reviewerId: me!.id })) {
      await laptop.call('reviews.save', {
        submissionId: q.submissionId,
        reviewerId: me!.id,
        answers: Object.fromEntries(
          campaign.items.map((i) => [
            String(i.id),
            i.kind === 'count' ? { count: 5 } : i.kind === 'veto' ? { vetoed: false } : { done: true },
          ]),
        ),
        status: 'submitted',
      });
    }
    const result = path.join(tempDir(), 'r.deskresult');
    await laptop.saveTo('reviews.exportResult', {}, result);
    const before = await office.call('reviews.list', {});
    const rand = seeded(99);
    for (let i = 0; i < 40; i++) {
      const damagedPackage = path.join(tempDir(), `${i}.deskreview`);
      fs.writeFileSync(damagedPackage, mutate(fs.readFileSync(pkg), rand));
      const opened = await openTestCore().callRaw('reviews.openPackage', { file: { path: damagedPackage } });
      if (!opened.ok) {
        expect(opened.error.code).not.toBe('internal');
        expect(opened.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
      const damagedResult = path.join(tempDir(), `${i}.deskresult`);
      fs.writeFileSync(damagedResult, mutate(fs.readFileSync(result), rand));
      const merged = await office.callRaw('reviews.importResult', { file: { path: damagedResult } });
      if (!merged.ok) {
        expect(merged.error.code).not.toBe('internal');
        expect(merged.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    // A damage that leaves the sealed content intact may be accepted (a result imported again changes
    // nothing); every other one was refused — either way the office's reviews are as they were.
    expect(await office.call('reviews.list', {})).toEqual(before);
  }, 120_000);
});
