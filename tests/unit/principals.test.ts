import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src-main/common/principal';
import { operations } from '../../src-main/core/operations';
import { makeDocx, writeZip } from '../support/zipWriter';
import {
  assignedYear as year,
  localFiles,
  OFFICE,
  openTestCore,
  PAGE,
  reviewerSession,
  tempDir,
  type TestCore,
} from './helpers';

/** What a reviewer's session may call: every other operation is the office's alone. */
const OPEN_TO_REVIEWERS = [
  'app.info',
  'campaigns.current',
  'campaigns.get',
  'files.mayRead',
  'files.preview',
  'jobs.cancel',
  'reviews.badges',
  'reviews.evidence',
  'reviews.get',
  'reviews.history',
  'reviews.preferences',
  'reviews.queue',
  'reviews.queuePage',
  'reviews.save',
  'submissions.get',
];

function caller(t: TestCore, principal: Principal) {
  return (name: string, input?: unknown) => t.core.invoke(name, input, principal);
}

async function answers(t: TestCore) {
  const [campaign] = await t.call('campaigns.list');
  const answer = (kind: string) =>
    kind === 'count' ? { count: 4 } : kind === 'veto' ? { vetoed: false } : { done: true };
  return Object.fromEntries(campaign!.items.map((item) => [item.id, answer(item.kind)]));
}

describe('who may call what: decided by core from the principal the shell built', () => {
  it('every operation declares its callers; reviewers reach only the review operations', () => {
    const declared = Object.entries(operations).map(([name, op]) => [name, op.callers] as const);
    expect(declared.filter(([, callers]) => callers === 'anyone').map(([n]) => n)).toEqual(['reviewDay.signIn']);
    expect(
      declared
        .filter(([, c]) => c === 'reviewers-too')
        .map(([n]) => n)
        .sort(),
    ).toEqual(OPEN_TO_REVIEWERS);
  });

  it("a reviewer's session is refused the office's work, in Chinese, and changes nothing", async () => {
    const t = openTestCore();
    const { wang } = await year(t);
    const as = caller(t, await reviewerSession(t, wang.id));
    for (const [name, input] of [
      ['units.list', {}],
      ['reviews.results', {}],
      ['reviews.assign', { request: { mode: 'random', perSubmission: 1 } }],
      ['export.stats', {}],
      ['audit.list', {}],
      ['backup.create', {}],
    ] as const) {
      const refused = await as(name, input);
      expect(refused, name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      if (!refused.ok) expect(refused.error.message).toMatch(/评审人只能查看和评审分配给自己的材料/);
    }
    expect(await t.call('reviews.list', {})).toEqual([]);
  });

  it('a reviewer saves as themself: the reviewer comes from the session, never from the input', async () => {
    const t = openTestCore();
    const { ids, wang, li } = await year(t);
    const as = caller(t, await reviewerSession(t, wang.id));
    const submissionId = ids['甲单位']!;
    const base = { submissionId, answers: await answers(t), comment: '王老师的意见', status: 'submitted' };

    expect(await as('reviews.save', { ...base, reviewerId: li.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: '只能查看和保存您自己的评审。' },
    });
    expect(await t.call('reviews.list', {})).toEqual([]);

    expect(await as('reviews.save', base)).toMatchObject({ ok: true, value: { reviewerId: wang.id } });
    expect(await t.call('reviews.get', { submissionId, reviewerId: wang.id })).toMatchObject({
      comment: '王老师的意见',
      status: 'submitted',
    });
    expect(await as('reviews.get', { submissionId })).toMatchObject({ ok: true, value: { comment: '王老师的意见' } });
    expect(await as('reviews.queue', {})).toMatchObject({ ok: true });

    // The 操作记录 names the reviewer whose session it was, and that it came through a browser.
    const { rows } = await t.call('audit.list', {});
    expect(rows.find((r) => r.operation === 'reviews.save')).toMatchObject({
      actor: '王老师',
      actorKind: 'reviewer',
      via: 'browser',
    });
  });

  it("a reviewer reaches only their own queue: not another's submission, not one they must stay out of", async () => {
    const t = openTestCore();
    const { ids, wang, li, files } = await year(t);
    const as = caller(t, await reviewerSession(t, wang.id));
    const outside = { ok: false, error: { code: 'forbidden', message: '这份材料不在您的评审任务中。' } };

    // 乙 is 李老师's; 丙 was never assigned to 王老师 — and once it is, 回避 still keeps her out.
    await t.call('reviews.assign', {
      request: { mode: 'hand', submissionIds: [ids['丙单位']!], reviewerIds: [li.id] },
    });
    for (const unit of ['乙单位', '丙单位']) {
      expect(await as('reviews.get', { submissionId: ids[unit] })).toMatchObject(outside);
      expect(await as('submissions.get', { id: ids[unit] })).toMatchObject(outside);
      expect(await as('reviews.save', { submissionId: ids[unit], answers: {} })).toMatchObject(outside);
      for (const sha256 of await files(ids[unit]!))
        expect(await as('files.preview', { sha256 })).toMatchObject(outside);
    }
    for (const sha256 of await files(ids['甲单位']!))
      expect(await as('files.preview', { sha256 })).toMatchObject({ ok: true });

    // Withdrawing the assignment closes the submission to her at once.
    await t.call('reviews.unassign', { submissionIds: [ids['甲单位']!], reviewerId: wang.id });
    expect(await as('reviews.get', { submissionId: ids['甲单位'] })).toMatchObject(outside);
  });

  it('a page may not name a path, a server or a password; the backup folder stays as the desktop set it', async () => {
    const t = openTestCore();
    const page = caller(t, PAGE);
    const usb = path.join(tempDir(), 'U盘', '备份');
    expect(await page('backup.configure', { auto: true, folder: usb })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(fs.existsSync(usb)).toBe(false);
    expect(await page('mail.fetch', { password: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await page('remind.send', { password: 'x', dryRun: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    await t.core.invoke('backup.configure', { auto: false, folder: usb }, OFFICE);
    expect(fs.existsSync(usb)).toBe(true);
    // The page may still turn automatic backups on and off; the folder is kept.
    expect(await page('backup.configure', { auto: true })).toMatchObject({
      ok: true,
      value: { auto: true, folder: usb },
    });
    expect(await page('backup.configure', { auto: true, folder: null })).toMatchObject({
      ok: true,
      value: { folder: null },
    });
  });

  it("jobs.cancel stops only the caller's own work", async () => {
    const t = openTestCore();
    const dir = tempDir();
    for (let i = 0; i < 6; i++)
      fs.writeFileSync(path.join(dir, `单位${i}.zip`), writeZip([{ name: '总结.docx', data: makeDocx(`单位${i}`) }]));
    const answers: unknown[] = [];
    const stop = t.core.subscribe((event) => {
      if (event.type !== 'progress' || event.operation !== 'intake.import' || event.done !== 2) return;
      void t.core.invoke('jobs.cancel', {}, PAGE).then((a) => answers.push(a));
    });
    const colleague = await t.call('intake.import', { files: localFiles([dir]) });
    stop();
    expect(answers).toEqual([{ ok: true, value: { cancelled: 0 } }]);
    expect(colleague.cancelled).toBe(false);
    expect(colleague.sources).toHaveLength(6);

    const own = t.core.subscribe((event) => {
      if (event.type === 'progress' && event.operation === 'intake.import' && event.done === 2)
        void t.core.invoke('jobs.cancel', {}, OFFICE);
    });
    const again = fs.mkdtempSync(path.join(dir, 'again-'));
    for (let i = 0; i < 6; i++)
      fs.writeFileSync(path.join(again, `乙${i}.zip`), writeZip([{ name: '总结.docx', data: makeDocx(`乙${i}`) }]));
    const mine = await t.call('intake.import', { files: localFiles([again]) });
    own();
    expect(mine.cancelled).toBe(true);
  });
});
