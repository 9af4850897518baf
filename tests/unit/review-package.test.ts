import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../src-main/core/campaigns/model';
import { hmacSealed } from '../../src-main/core/review/package/format';
import { packageKey } from '../support/packageKey';
import { ensureBuilt } from '../support/build';
import { desk } from '../support/desk';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { openTestCore, tempDir, type TestCore, localFiles } from './helpers';

beforeAll(() => ensureBuilt(), 120_000);

function zipFor(dir: string, unit: string, extraPhoto = false): string {
  const file = path.join(dir, `${unit}${extraPhoto ? '-修改稿' : ''}.zip`);
  const photos = extraPhoto ? 4 : 3;
  fs.writeFileSync(
    file,
    writeZip([
      { name: '总结.docx', data: makeDocx(unit) },
      ...Array.from({ length: photos }, (_, i) => ({ name: `照片${i}.png`, data: makePng(i + unit.length, 9) })),
    ]),
  );
  return file;
}

async function answerAll(
  t: TestCore,
  submissionId: number,
  reviewerId: number,
  comment: string,
  status: 'draft' | 'submitted' = 'submitted',
) {
  const campaign = (await t.call('campaigns.current'))!;
  const answers = Object.fromEntries(
    campaign.items.map((i) => [
      String(i.id),
      i.kind === 'count' ? { count: 5 } : i.kind === 'veto' ? { vetoed: false } : { done: true },
    ]),
  );
  return t.call('reviews.save', { submissionId, reviewerId, answers, comment, status });
}

describe('offline review packages', () => {
  it('office → package → reviewer laptop → result → office merge, with every refusal and no silent overwrite', async () => {
    const officeDir = tempDir();
    const office = openTestCore(officeDir);
    const dir = tempDir();
    for (const unit of ['柳州银行营业部', '柳州市第一中学团委']) {
      await office.call('units.create', { name: unit });
      await office.call('intake.import', { files: localFiles([zipFor(dir, unit)]) });
    }
    const wang = await office.call('reviewers.create', { name: '王老师' });
    await office.call('reviewers.create', { name: '李老师' });
    const packageFile = path.join(tempDir(), '王老师.deskreview');
    office.core.close();

    expect((await desk(['--data', officeDir, 'review', 'assign', '--per-submission', '2'])).stdout).toContain(
      '已分配 4 份评审任务',
    );
    const exported = await desk([
      '--data',
      officeDir,
      'review',
      'export-package',
      '--reviewer',
      '王老师',
      packageFile,
      '--json',
    ]);
    // One photo is the same in both submissions: it travels once.
    expect(JSON.parse(exported.stdout).value).toMatchObject({ submissions: 2, files: 7 });

    // The reviewer's own laptop: a fresh data folder.
    const laptopDir = tempDir();
    expect((await desk(['--data', laptopDir, 'review', 'open-package', packageFile])).stdout).toContain(
      '已打开 王老师 的评审包：2022 年度，2 份材料',
    );
    expect((await desk(['--data', laptopDir, 'review', 'open-package', packageFile])).stdout).toContain('已经打开过');
    const laptop = openTestCore(laptopDir);
    const [me] = await laptop.call('reviewers.list');
    const queue = await laptop.call('reviews.queue', { reviewerId: me!.id });
    expect(queue.map((q) => q.unitName).sort()).toEqual(['柳州市第一中学团委', '柳州银行营业部']);
    const files = await laptop.call('submissions.get', { id: queue[0]!.submissionId });
    expect(files.files.every((f) => fs.existsSync(path.join(laptopDir, 'files', f.sha256.slice(0, 2), f.sha256)))).toBe(
      true,
    );
    for (const q of queue) await answerAll(laptop, q.submissionId, me!.id, `离线评语：${q.unitName}`);
    laptop.core.close();
    const resultFile = path.join(tempDir(), '王老师.deskresult');
    expect((await desk(['--data', laptopDir, 'review', 'export-result', resultFile])).stdout).toContain(
      '已导出 2 份评审（其中已提交 2 份）',
    );
    // The laptop's 操作记录 names the reviewer for the package opened (once) and the result sent back.
    const laptopLog = openTestCore(laptopDir);
    const opened = (await laptopLog.call('audit.list', {})).rows
      .filter((r) => r.actor === '王老师')
      .map((r) => [r.action, r.summary]);
    expect(opened[0]).toEqual([
      'export',
      expect.stringMatching(
        /^导出评审结果「评审结果-王老师-\d{4}-\d{2}-\d{2}\.deskresult」：2 份评审，其中已提交 2 份$/,
      ),
    ]);
    expect(
      opened
        .slice(1, 3)
        .map(([, summary]) => summary)
        .sort(),
    ).toEqual([
      '提交评审：「柳州市第一中学团委」的材料（柳州市第一中学团委.zip）',
      '提交评审：「柳州银行营业部」的材料（柳州银行营业部.zip）',
    ]);
    expect(opened.slice(3)).toEqual([['review', '打开评审包：2022年度 2 份材料']]);
    laptopLog.core.close();

    // Back in the office: a change made there after the package, and a new version of one unit's material.
    const officeAgain = openTestCore(officeDir);
    const bank = (await officeAgain.call('submissions.list', {})).find((s) => s.unitName === '柳州银行营业部')!;
    const school = (await officeAgain.call('submissions.list', {})).find((s) => s.unitName === '柳州市第一中学团委')!;
    await officeAgain.call('intake.import', { files: localFiles([zipFor(dir, '柳州市第一中学团委', true)]) });
    officeAgain.core.close();

    const merged = await desk(['--data', officeDir, 'review', 'import-result', resultFile, '--json']);
    expect(merged.code).toBe(0);
    const report = JSON.parse(merged.stdout).value;
    expect(report).toMatchObject({ reviewer: '王老师', applied: 1, unchanged: 0, conflicts: [] });
    expect(report.stale).toEqual([{ submissionId: school.id, reason: expect.stringContaining('新版本') }]);
    const again = JSON.parse(
      (await desk(['--data', officeDir, 'review', 'import-result', resultFile, '--json'])).stdout,
    ).value;
    expect(again).toMatchObject({ applied: 0, unchanged: 1 });

    const check = openTestCore(officeDir);
    const review = await check.call('reviews.get', { submissionId: bank.id, reviewerId: wang.id });
    expect(review).toMatchObject({ comment: '离线评语：柳州银行营业部', status: 'submitted' });
    expect(review.score.total).toBe(100);
    expect(
      (await check.call('reviews.history', { submissionId: bank.id, reviewerId: wang.id })).map((h) => h.changedBy),
    ).toEqual(['王老师（离线评审包）']);

    // Office edits the same review later than the reviewer did: the import keeps both, office current.
    await answerAll(check, bank.id, wang.id, '办公室复核后修改', 'submitted');
    check.core.close();
    const conflicted = JSON.parse(
      (await desk(['--data', officeDir, 'review', 'import-result', resultFile, '--json'])).stdout,
    ).value;
    expect(conflicted.conflicts).toEqual([{ submissionId: bank.id, kept: 'office' }]);
    const final = openTestCore(officeDir);
    expect((await final.call('reviews.get', { submissionId: bank.id, reviewerId: wang.id })).comment).toBe(
      '办公室复核后修改',
    );
    const history = await final.call('reviews.history', { submissionId: bank.id, reviewerId: wang.id });
    expect(history.map((h) => (h.snapshot as { comment: string }).comment)).toEqual([
      '离线评语：柳州银行营业部',
      '办公室复核后修改',
    ]);

    // Refusals: altered, another reviewer, another campaign, unknown package.
    const text = fs.readFileSync(resultFile, 'utf8');
    const altered = path.join(tempDir(), 'altered.deskresult');
    fs.writeFileSync(altered, text.replace('离线评语', '篡改评语'));
    const refused = await desk(['--data', officeDir, 'review', 'import-result', altered, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error.code).toBe('bad-seal');
    const body = JSON.parse(text).body;
    const key = await packageKey(packageFile);
    for (const [change, code] of [
      [{ reviewer: { id: 999, name: '冒名者' } }, 'unknown-reviewer'],
      [{ campaignYear: 2023 }, 'wrong-campaign'],
      [{ packageId: '00000000-0000-4000-8000-000000000000' }, 'unknown-package'],
    ] as const) {
      const forged = path.join(tempDir(), 'forged.deskresult');
      fs.writeFileSync(forged, hmacSealed({ ...body, ...change }, key));
      const answer = await desk(['--data', officeDir, 'review', 'import-result', forged, '--json']);
      expect(answer.code, code).toBe(1);
      expect(JSON.parse(answer.stdout).error.code).toBe(code);
    }
  }, 120_000);
});

describe('opening a package beside a campaign of the same year', () => {
  it('replaces only the untouched built-in form; an edited one is kept and the package refused with campaign-exists', async () => {
    const office = openTestCore();
    await office.call('units.create', { name: '柳州银行营业部' });
    await office.call('intake.import', { files: localFiles([zipFor(tempDir(), '柳州银行营业部')]) });
    const wang = await office.call('reviewers.create', { name: '王老师' });
    const pkg = path.join(tempDir(), '评审包.deskpkg');
    await office.saveTo('reviews.exportPackage', { reviewer: wang.id }, pkg);

    const pristine = openTestCore();
    expect(await pristine.call('reviews.openPackage', { file: { path: pkg } })).toMatchObject({ submissions: 1 });
    // Its rows left the 超大附件 links to the default: the empty list, not the string "[]" (which read as two links).
    const [opened] = await pristine.call('submissions.list', {});
    expect(opened!.links).toEqual([]);

    const edited = openTestCore();
    const [mine] = (await edited.call('campaigns.list')) as Array<{ id: number }>;
    const form: Campaign = await edited.call('campaigns.get', { id: mine!.id });
    const {
      id: _id,
      isCurrent: _c,
      copiedFromId: _f,
      deadlineEndsAt: _d,
      totalPoints: _p,
      updatedAt: _u,
      ...fields
    } = form;
    await edited.call('campaigns.update', { id: mine!.id, fields: { ...fields, theme: '我们自己改过的主题' } });
    const refused = await edited.callRaw('reviews.openPackage', { file: { path: pkg } });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'campaign-exists', message: expect.stringContaining('修改过') },
    });
    const kept = (await edited.call('campaigns.list')) as Array<{ id: number; theme: string }>;
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ id: mine!.id, theme: '我们自己改过的主题' });
  });
});
