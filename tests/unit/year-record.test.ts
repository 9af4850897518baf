import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build';
import { pythonMail } from '../support/pythonMail';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir, type TestCore } from './helpers';

const run = promisify(execFile);
const bin = path.resolve(__dirname, '../../bin/desk.js');
const desk = async (args: string[]) => JSON.parse((await run(process.execPath, [bin, ...args])).stdout).value;
const deskText = async (args: string[]) => (await run(process.execPath, [bin, ...args])).stdout;
beforeAll(() => ensureBuilt(), 120_000);

const A = '柳州市第一中学团委';
const B = '柳州银行营业部';
const C = '柳州市人民医院急诊科';

/** A unit's ZIP, its entries dated in time (2022-10-20), with `photos` photos. */
function zipOf(dir: string, unit: string, photos: number): string {
  const at = new Date('2022-10-20T10:00:00+08:00');
  const file = path.join(dir, `${unit}.zip`);
  const entries = [
    { name: `${unit}/工作总结.docx`, data: makeDocx(`${unit}2022年工作总结`), modified: at },
    ...Array.from({ length: photos }, (_, i) => ({
      name: `${unit}/活动照片${i + 1}.png`,
      data: makePng(40 + i, 30 + unit.length),
      modified: at,
    })),
  ];
  fs.writeFileSync(file, writeZip(entries));
  return file;
}

/** A 补充 mail as Python's email package writes it, dated after the deadline. */
function supplementMail(
  dir: string,
  unit: string,
  address: string,
  subject: string,
  date: string,
  attachments: Array<{ name: string; data: Buffer; type: string }>,
): string {
  const files = attachments.map((a) => {
    const file = path.join(dir, `${unit}-${a.name}`);
    fs.writeFileSync(file, a.data);
    return { file, filename: a.name, type: a.type };
  });
  const eml = path.join(dir, `${unit}-${subject}.eml`);
  fs.writeFileSync(
    eml,
    pythonMail({
      from: `${unit} <${address}>`,
      subject: `${unit}${subject}`,
      date,
      messageId: `<${address}-${subject.length}@test>`,
      body: '请查收。',
      attachments: files,
    }),
  );
  return eml;
}

async function allDone(t: TestCore) {
  const campaign = (await t.call('campaigns.current'))!;
  return Object.fromEntries(
    campaign.items.map((i) => [
      String(i.id),
      i.kind === 'count' ? { count: i.minCount ?? 1 } : i.kind === 'veto' ? { vetoed: false } : { done: true },
    ]),
  );
}

/**
 * The figures every page shows, read from each page's own operation — 概览, 汇总与定级 and the workbook
 * LibreOffice would print (its 合计 row, read back by exceljs) — and checked to agree.
 */
async function figures(t: TestCore) {
  const results = await t.call('reviews.results', {});
  const dashboard = await t.call('dashboard.data', {});
  const file = path.join(tempDir(), 'stats.xlsx');
  await t.saveTo('export.stats', {}, file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const summary = book.getWorksheet('汇总')!;
  let total = 0;
  summary.eachRow((row, n) => (row.getCell(1).value === '合计' ? (total = n) : undefined));
  const cell = (c: number) => {
    const v = summary.getRow(total).getCell(c).value as number | { result: number | string } | null;
    return v !== null && typeof v === 'object' ? v.result : v;
  };
  const reviewed = results.filter((r) => r.agreement !== '未评完');
  const scores = reviewed.map((r) => r.decision?.score ?? r.mean).filter((x): x is number => x !== null);
  // exceljs writes no cached value for a formula whose result is 0 or empty: read back, that is undefined.
  expect({ onTime: cell(4) ?? 0, late: cell(5) ?? 0, reviewed: cell(10) ?? 0, mean: cell(11) ?? '' }).toEqual({
    onTime: dashboard.totals.onTime,
    late: dashboard.totals.late,
    reviewed: dashboard.totals.reviewed,
    mean: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : '',
  });
  expect(dashboard.totals.reviewed).toBe(reviewed.length);
  return { results, dashboard, byUnit: new Map(results.map((r) => [r.unitName, r])) };
}

describe('一年的记录: the record follows the year’s events', () => {
  // The findings of #25 that live in core, in the order a year brings them (the mailbox's date range, the browser's
  // banner and the date field are tested where their real server and browser run: mail-window, offline, honors e2e).
  it('the year as a sequence: last year’s sheet, mail and ZIPs, reviews, 定级, 表彰, a 补充 and a 补发 after the deadline, a late review, the papers — nothing reviewed or decided disappears and every figure agrees', async () => {
    const t = openTestCore();
    const dir = tempDir();
    const roster: Array<[string, string]> = [
      [A, 'tw@lzyz.cn'],
      [B, 'yyb@lzbank.cn'],
      [C, 'jzk@lzrmyy.cn'],
    ];
    for (const [name, email] of roster) await t.call('units.create', { name, email });
    // First, last year's outcomes from the office's sheet (item 7): 2021 becomes a year of its own.
    const past = path.join(dir, '往年情况.csv');
    fs.writeFileSync(
      past,
      [
        '年度,集体名称,报送情况,得分,等次,是否表彰',
        `2021,${A},按时,92,优秀,是`,
        `2021,${B},按时,85,良好,否`,
        `2021,${C},未报送,,,`,
      ].join('\n'),
    );
    expect(await t.call('units.importHistory', { file: { path: past }, apply: true })).toMatchObject({
      years: [{ year: 2021, rows: 3 }],
    });
    // On time: A and B complete by ZIP; C by mail, its archive a ZIP named 实验报告.rar (item 5), two photos (不齐全).
    const cZip = zipOf(dir, C, 2);
    const cMail = path.join(dir, 'c.eml');
    fs.writeFileSync(
      cMail,
      pythonMail({
        from: `${C} <jzk@lzrmyy.cn>`,
        subject: `${C}2022年青年文明号材料`,
        date: 'Thu, 20 Oct 2022 10:00:00 +0800',
        messageId: '<c-first@test>',
        body: '材料见附件。',
        attachments: [{ file: cZip, filename: '实验报告.rar', type: 'application/x-rar-compressed' }],
      }),
    );
    const first = await t.call('intake.import', { files: localFiles([zipOf(dir, A, 3), zipOf(dir, B, 3), cMail]) });
    expect(
      first.sources
        .find((x) => x.unit?.name === C)!
        .files!.map((x) => x.kind)
        .sort(),
    ).toEqual(['photo', 'photo', 'summary']);
    // Only C owes something, and its letter says what, in words meant for it.
    const owed = (await t.call('remind.targets', {})).targets;
    expect(owed.map((x) => [x.unitName, x.situation, x.forUnit.missing])).toEqual([
      [C, 'incomplete', '照片 2 张，少于要求的 3 张'],
    ]);
    const wang = await t.call('reviewers.create', { name: '王老师' });
    const li = await t.call('reviewers.create', { name: '李老师' });
    let f = await figures(t);
    const ids = Object.fromEntries([A, B, C].map((u) => [u, f.byUnit.get(u)!.submissionId]));
    await t.call('reviews.assign', {
      request: { mode: 'hand', submissionIds: Object.values(ids), reviewerIds: [wang.id, li.id] },
    });
    const answers = await allDone(t);
    for (const u of [A, B, C])
      await t.call('reviews.save', { submissionId: ids[u]!, reviewerId: wang.id, answers, status: 'submitted' });
    await t.call('reviews.save', { submissionId: ids[A]!, reviewerId: li.id, answers, status: 'submitted' });

    // 一键按均分定级 decides only where every assigned review is in: A, not B or C (one of two each).
    const preview = await t.call('reviews.decideAgreed', { dryRun: true });
    expect(preview).toMatchObject({ decided: 1, skipped: { disputed: 0, incomplete: 2 } });
    expect((await t.call('reviews.results', {})).filter((r) => r.decision)).toEqual([]);
    expect(await t.call('reviews.decideAgreed', {})).toMatchObject({ decided: 1 });
    await expect(t.call('reviews.decide', { submissionId: ids[B]!, basis: 'mean' })).rejects.toMatchObject({
      code: 'reviews-incomplete',
    });
    await t.call('reviews.decide', {
      submissionId: ids[B]!,
      basis: 'override',
      verdict: '优秀',
      score: 96,
      reason: '组委会讨论后改判',
    });
    await t.call('honors.decide', { rule: { type: 'verdict', verdicts: ['优秀'] }, hand: [] });
    f = await figures(t);
    expect(f.dashboard.totals).toMatchObject({ onTime: 3, late: 0, reviewed: 1, partlyReviewed: 2, stale: 0 });
    // C went on the list by its one review's suggestion: named, since it is neither decided nor fully reviewed.
    expect(await t.call('honors.unsettled', {})).toEqual([{ unitName: C, why: '尚未定级，评审未完（还差 1 份）' }]);

    // A sends 补充活动视频 after the deadline; C sends the missing photos after it.
    const video = supplementMail(dir, A, 'tw@lzyz.cn', '补充活动视频', 'Tue, 15 Nov 2022 09:00:00 +0800', [
      { name: '活动视频.mp4', data: Buffer.alloc(4096, 7), type: 'video/mp4' },
    ]);
    const photos = supplementMail(dir, C, 'jzk@lzrmyy.cn', '补发照片', 'Wed, 16 Nov 2022 09:00:00 +0800', [
      { name: '活动照片3.png', data: makePng(77, 55), type: 'image/png' },
    ]);
    const { sources } = await t.call('intake.import', { files: localFiles([video, photos]) });
    expect(sources.map((s) => [s.status, s.taken_as, s.version])).toEqual([
      ['imported', 'supplement', 1],
      ['imported', 'supplement', 1],
    ]);

    f = await figures(t);
    const a = f.byUnit.get(A)!;
    // Nothing reviewed or decided disappeared; the set is still on time, and still the same submission.
    expect(a).toMatchObject({
      submissionId: ids[A],
      count: 2,
      late: false,
      completeness: 'complete',
      materialChanged: true,
    });
    expect(a.decision).toMatchObject({ verdict: '优秀', stale: true, staleReasons: ['定级后材料有更新'] });
    expect(f.byUnit.get(B)!.decision).toMatchObject({ verdict: '优秀', basis: 'override', stale: false });
    // C became complete after the deadline: 逾期补齐, not 逾期.
    expect(f.byUnit.get(C)).toMatchObject({ late: false, completedLate: true, completeness: 'complete' });
    expect(f.dashboard.totals).toMatchObject({ onTime: 3, late: 0, stale: 1 });
    // Every unit's material is complete now, taken together: nobody is chased.
    expect((await t.call('remind.targets', {})).targets).toEqual([]);
    const drawer = await t.call('submissions.get', { id: ids[A]! });
    expect(drawer.files.map((x) => x.name)).toContain('活动视频.mp4');
    expect(drawer.supplements).toHaveLength(1);
    const queue = await t.call('reviews.queue', { reviewerId: wang.id });
    expect(queue.find((q) => q.unitName === A)).toMatchObject({ materialChanged: true, status: 'done' });

    // The second review of B arrives late: B's 改判 no longer rests on what it was made from.
    await t.call('reviews.save', { submissionId: ids[B]!, reviewerId: li.id, answers, status: 'submitted' });
    f = await figures(t);
    expect(f.byUnit.get(B)!.decision).toMatchObject({
      stale: true,
      staleReasons: ['定级后评审有变化（新提交、退回或改分）'],
    });
    // 表彰 names both before it prints.
    expect((await t.call('honors.unsettled', {})).map((u) => u.unitName).sort()).toEqual([A, B, C].sort());
    await expect(t.call('export.honors', {})).rejects.toMatchObject({
      code: 'honors-unsettled',
      message: expect.stringContaining(A),
    });

    // 王 looks at A's 补充 and saves again: 材料有更新 clears for that review; deciding again clears 需重新定级.
    await t.call('reviews.save', {
      submissionId: ids[A]!,
      reviewerId: wang.id,
      answers,
      status: 'submitted',
      comment: '看过补充视频',
    });
    await t.call('reviews.save', {
      submissionId: ids[A]!,
      reviewerId: li.id,
      answers,
      status: 'submitted',
      comment: '看过补充视频',
    });
    await t.call('reviews.decide', { submissionId: ids[A]!, basis: 'mean' });
    f = await figures(t);
    expect(f.byUnit.get(A)).toMatchObject({ materialChanged: false, decision: { stale: false } });

    // The year's papers (items 6 and 9): the list with its 落款 and date on one page, each 评审表 on one page.
    await t.call('reviews.decide', {
      submissionId: ids[B]!,
      basis: 'override',
      verdict: '优秀',
      score: 96,
      reason: '看过第二份评审后维持改判',
    });
    await t.call('honors.decide', {
      rule: { type: 'verdict', verdicts: ['优秀'] },
      hand: [{ unitId: f.byUnit.get(C)!.unitId, include: false, reason: '评审未完，暂不列入' }],
    });
    expect(await t.call('honors.unsettled', {})).toEqual([]);
    const honorsPdf = path.join(dir, 'honors.pdf');
    await t.saveTo('export.honors', { date: '2022/12/20' }, honorsPdf);
    const issuer = (await t.call('campaigns.current'))!.issuer;
    const pages = execFileSync('pdftotext', [honorsPdf, '-'], { encoding: 'utf8' }).split('\f');
    expect(pages.findIndex((p) => p.includes('2022年12月20日'))).toBe(pages.findIndex((p) => p.includes(issuer)));
    const sheets = path.join(dir, 'sheets');
    fs.mkdirSync(sheets);
    await t.unpackTo('export.reviewSheets', {}, sheets);
    for (const sheet of fs
      .readdirSync(sheets, { recursive: true })
      .map(String)
      .filter((x) => x.endsWith('.pdf'))) {
      expect(execFileSync('pdfinfo', [path.join(sheets, sheet)], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
    }
    // 2021 from the sheet and 2022 from the app: C, 未报送 in 2021, sent in 2022 — not flagged as unreported.
    expect((await t.call('dynamics.flags', {})).flags.filter((x) => x.rule === 'missing')).toEqual([]);
    t.core.close();

    // The CLI tells the same story in its JSON.
    const results = (await desk(['--data', t.dataDir, 'review', 'results', '--json'])) as Array<{
      unit: string;
      assigned: number;
      submitted: number;
      agreement: string;
      decision: { stale: boolean; basis: string } | null;
      materialChangedAfterReview: boolean;
    }>;
    // B was decided again after its second review: settled.
    expect(results.find((r) => r.unit === B)).toMatchObject({
      assigned: 2,
      submitted: 2,
      agreement: '一致',
      decision: { basis: '改判', stale: false },
    });
    expect(results.find((r) => r.unit === C)).toMatchObject({
      assigned: 2,
      submitted: 1,
      agreement: '未评完',
      decision: null,
    });
    const list = (await desk(['--data', t.dataDir, 'submissions', 'list', '--json'])) as Array<{
      unitName: string;
      isCurrent: boolean;
      timing: string;
      complete: boolean;
      versions: number;
    }>;
    expect(
      list
        .filter((s) => s.isCurrent)
        .map((s) => [s.unitName, s.timing, s.complete, s.versions])
        .sort(),
    ).toEqual(
      [
        [A, '按时', true, 1],
        [B, '按时', true, 1],
        [C, '逾期补齐', true, 1],
      ].sort(),
    );
    expect(await desk(['--data', t.dataDir, 'review', 'decide-agreed', '--json'])).toMatchObject({
      decided: 0,
      skipped: { incomplete: 1, alreadyDecided: 2 },
    });
  });

  it('a 重新报送 after review moves the work to the new version, marked; switching it to 补充 and deleting it bring the work back', async () => {
    const t = openTestCore();
    const dir = tempDir();
    await t.call('units.create', { name: A });
    await t.call('intake.import', { files: localFiles([zipOf(dir, A, 3)]) });
    const wang = await t.call('reviewers.create', { name: '王老师' });
    const first = (await t.call('reviews.results', {}))[0]!;
    await t.call('reviews.assign', {
      request: { mode: 'hand', submissionIds: [first.submissionId], reviewerIds: [wang.id] },
    });
    await t.call('reviews.save', {
      submissionId: first.submissionId,
      reviewerId: wang.id,
      answers: await allDone(t),
      status: 'submitted',
    });
    await t.call('reviews.decide', { submissionId: first.submissionId, basis: 'mean' });

    const revised = path.join(dir, `${A}（修改稿）.zip`);
    fs.writeFileSync(
      revised,
      writeZip([
        { name: '工作总结（修改稿）.docx', data: makeDocx('修改后的总结') },
        ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(90 + i, 20) })),
      ]),
    );
    const [report] = (await t.call('intake.import', { files: localFiles([revised]) })).sources;
    expect(report).toMatchObject({ taken_as: 'version', version: 2 });
    let r = (await t.call('reviews.results', {}))[0]!;
    expect(r).toMatchObject({
      submissionId: report!.submission_id,
      count: 1,
      materialChanged: true,
      assigned: 1,
      decision: { stale: true },
    });

    // The clerk says it was only a 补充: the work goes back to version 1, still marked.
    await t.call('submissions.takeAs', {
      submissionId: report!.submission_id!,
      as: 'supplement',
      reason: '单位来电说明只是补充',
    });
    r = (await t.call('reviews.results', {}))[0]!;
    expect(r).toMatchObject({
      submissionId: first.submissionId,
      count: 1,
      materialChanged: true,
      decision: { stale: true },
    });
    const history = await t.call('submissions.get', { id: report!.submission_id! });
    expect(history.history.at(-1)).toMatchObject({ action: 'taken-as', before: '重新报送', after: '补充材料' });

    // Back to a version, then deleted: the work returns to version 1 again, nothing lost.
    await t.call('submissions.takeAs', {
      submissionId: report!.submission_id!,
      as: 'version',
      reason: '核实后确为修改稿',
    });
    expect((await t.call('reviews.results', {}))[0]!.submissionId).toBe(report!.submission_id);
    await t.call('submissions.delete', { submissionId: report!.submission_id!, reason: '误收' });
    r = (await t.call('reviews.results', {}))[0]!;
    expect(r).toMatchObject({ submissionId: first.submissionId, count: 1, decision: { verdict: expect.any(String) } });
  });

  it('review results imported out of order: an older file never replaces the reviewer’s newer work (#25 item 11)', async () => {
    const officeDir = tempDir();
    const office = openTestCore(officeDir);
    const dir = tempDir();
    await office.call('units.create', { name: A });
    await office.call('intake.import', { files: localFiles([zipOf(dir, A, 3)]) });
    await office.call('reviewers.create', { name: '王老师' });
    office.core.close();
    const packageFile = path.join(dir, '王老师.deskreview');
    await deskText(['--data', officeDir, 'review', 'export-package', '--reviewer', '王老师', packageFile]);
    const laptopDir = tempDir();
    await deskText(['--data', laptopDir, 'review', 'open-package', packageFile]);

    // The reviewer sends a result, keeps working, and sends a second one.
    await deskText(['--data', laptopDir, 'review', 'score', A, '--reviewer', '王老师', '--all-done', '--submit']);
    const first = path.join(dir, 'first.deskresult');
    await deskText(['--data', laptopDir, 'review', 'export-result', first]);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the second save carries a later instant
    const laptop = openTestCore(laptopDir);
    const [me] = await laptop.call('reviewers.list');
    const [mine] = await laptop.call('reviews.queue', { reviewerId: me!.id });
    const review = await laptop.call('reviews.get', { submissionId: mine!.submissionId, reviewerId: me!.id });
    await laptop.call('reviews.save', {
      submissionId: mine!.submissionId,
      reviewerId: me!.id,
      answers: review.answers,
      status: 'submitted',
      deduction: 5,
      adjustmentNote: '照片与活动不符',
      comment: '复看后扣分',
    });
    laptop.core.close();
    const second = path.join(dir, 'second.deskresult');
    await deskText(['--data', laptopDir, 'review', 'export-result', second]);

    // Newest first, then the older one: the older is reported 较旧，未采用 and the score stays the newer.
    expect(await desk(['--data', officeDir, 'review', 'import-result', second, '--json'])).toMatchObject({
      applied: 1,
    });
    const older = await desk(['--data', officeDir, 'review', 'import-result', first, '--json']);
    expect(older).toMatchObject({
      applied: 0,
      updated: 0,
      conflicts: [],
      older: [{ reason: expect.stringContaining('较旧，未采用') }],
    });
    const results = (await desk(['--data', officeDir, 'review', 'results', '--json'])) as Array<{
      unit: string;
      mean: number;
    }>;
    expect(results.find((r) => r.unit === A)!.mean).toBe(95);
    // And importing the newer again changes nothing.
    expect(await desk(['--data', officeDir, 'review', 'import-result', second, '--json'])).toMatchObject({
      applied: 0,
      unchanged: 1,
    });
  });
});
