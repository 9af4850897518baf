import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonMail } from '../support/pythonMail';
import { FIXTURES } from '../support/sharedFixtures';
import { makeDocx, makePng } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir, type TestCore } from './helpers';
import { needs } from '../support/tools';

const FINANCE = 6;
const EDUCATION = 8;
const UNITS = [
  { name: '柳州银行营业部', sectorId: FINANCE, email: 'yyb@lzbank.cn', phone: '0772-2827001', contact: '陈一' },
  { name: '柳州市农村信用社营业部', sectorId: FINANCE, email: 'xys@lz.cn', phone: '0772-2827002', contact: '陈二' },
  {
    name: '柳州市第一中学团委',
    sectorId: EDUCATION,
    email: 'yizhong@lz.edu.cn',
    phone: '0772-2827003',
    contact: '陈三',
  },
  {
    name: '柳州市第二中学团委',
    sectorId: EDUCATION,
    email: 'erzhong@lz.edu.cn',
    phone: '0772-2827004',
    contact: '陈四',
  },
  {
    name: '柳州市第三中学团委',
    sectorId: EDUCATION,
    email: 'sanzhong@lz.edu.cn',
    phone: '0772-2827005',
    contact: '陈五',
  },
];

/** Material as a unit mails it: a ZIP written by 7-Zip, in a mail Python's email package wrote, sent on `date`. */
function mailed(
  dir: string,
  unit: (typeof UNITS)[number],
  date: string,
  seed: number,
  attachment?: { file: string; filename: string },
): string {
  let zip = attachment;
  if (!zip) {
    const work = fs.mkdtempSync(path.join(dir, 'src-'));
    fs.writeFileSync(path.join(work, '工作总结.docx'), makeDocx(`${unit.name}${seed}`));
    for (const i of [1, 2, 3]) fs.writeFileSync(path.join(work, `照片${i}.png`), makePng(seed * 10 + i, 8));
    const file = path.join(dir, `${seed}.zip`);
    execFileSync('7zz', ['a', '-tzip', file, '.'], { cwd: work, stdio: 'ignore' });
    zip = { file, filename: `${unit.name}.zip` };
  }
  const eml = path.join(dir, `${seed}.eml`);
  fs.writeFileSync(
    eml,
    pythonMail({
      from: `${unit.contact} <${unit.email}>`,
      subject: `${unit.name}青年文明号材料`,
      date,
      messageId: `<m${seed}@lz.cn>`,
      body: '请查收。',
      attachments: [{ ...zip, type: 'application/zip' }],
    }),
  );
  return eml;
}

async function knownYear(): Promise<{ t: TestCore; ids: number[] }> {
  const t = openTestCore();
  const ids: number[] = [];
  for (const u of UNITS) ids.push((await t.call('units.create', u)).id);
  const dir = tempDir();
  const files = [
    mailed(dir, UNITS[0]!, 'Thu, 20 Oct 2022 09:30:00 +0800', 1),
    mailed(dir, UNITS[2]!, 'Mon, 31 Oct 2022 23:10:00 +0800', 2),
    // Late: after 24:00 on the deadline day, China time.
    mailed(dir, UNITS[3]!, 'Tue, 01 Nov 2022 00:20:00 +0800', 3),
    // Refused, but sent: a password on the ZIP (a real encrypted archive Info-ZIP wrote).
    mailed(dir, UNITS[1]!, 'Fri, 28 Oct 2022 16:00:00 +0800', 4, {
      file: path.join(FIXTURES, 'zip_encrypted/zipcrypto_infozip_pw_secret.zip'),
      filename: '材料.zip',
    }),
  ];
  const imported = await t.call('intake.import', { files: localFiles(files) });
  expect(imported.totals).toMatchObject({ imported: 3, rejected: 1 });
  return { t, ids };
}

describe.skipIf(!needs('python3', 'fixtures'))('概览 dashboard (python3 and the shared fixtures)', () => {
  it('counts a known year by sector, by day, by reviewer, by score and verdict — and a refused mail as 被拒收, not plain 未报送', async () => {
    const { t, ids } = await knownYear();
    const reviewer = await t.call('reviewers.create', { name: '李评审' });
    const campaign = (await t.call('campaigns.current'))!;
    const subs = await t.call('submissions.list', {});
    await t.call('reviews.assign', {
      request: { mode: 'hand', submissionIds: subs.map((s) => s.id), reviewerIds: [reviewer.id] },
    });
    const bank = subs.find((s) => s.unitId === ids[0])!;
    const all = Object.fromEntries(
      campaign.items.map((i) => [
        String(i.id),
        i.kind === 'count' ? { count: 5 } : i.kind === 'veto' ? { vetoed: false } : { done: true },
      ]),
    );
    await t.call('reviews.save', { submissionId: bank.id, reviewerId: reviewer.id, answers: all, status: 'submitted' });
    const school = subs.find((s) => s.unitId === ids[2])!;
    await t.call('reviews.save', { submissionId: school.id, reviewerId: reviewer.id, answers: all, status: 'draft' });

    const d = await t.call('dashboard.data', {});
    expect(d.totals).toEqual({
      units: 5,
      onTime: 2,
      late: 1,
      refused: 1,
      missing: 1,
      unclaimed: 0,
      reviewed: 1,
      partlyReviewed: 0,
      stale: 0,
      submissions: 3,
    });
    const finance = d.sectors.find((s) => s.sectorId === FINANCE)!;
    const education = d.sectors.find((s) => s.sectorId === EDUCATION)!;
    expect(finance).toMatchObject({ name: '金融团工委', units: 2, onTime: 1, late: 0, refused: 1, missing: 0 });
    expect(education).toMatchObject({ units: 3, onTime: 1, late: 1, refused: 0, missing: 1 });
    expect(d.sectors.length).toBe(2);

    // Days in China time, from the first arrival to the last (after the deadline), cumulative.
    expect(d.daily[0]!.day).toBe('2022-10-20');
    const day = (iso: string) => d.daily.find((x) => x.day === iso)!;
    expect(day('2022-10-20')).toMatchObject({ onTime: 1, late: 0, cumulative: 1 });
    expect(day('2022-10-31')).toMatchObject({ onTime: 1, late: 0, cumulative: 2 });
    expect(day('2022-11-01')).toMatchObject({ onTime: 0, late: 1, cumulative: 3 });
    expect(d.daily.at(-1)!.day).toBe('2022-11-01');

    expect(d.reviewers).toEqual([
      { reviewerId: reviewer.id, name: '李评审', assigned: 3, submitted: 1, draft: 1, returned: 0 },
    ]);
    expect(d.scores.reduce((a, b) => a + b, 0)).toBe(1);
    expect(d.scores[9]).toBe(1);
    const verdicts = Object.fromEntries(d.verdicts.map((v) => [v.verdict, v.count]));
    expect(verdicts).toMatchObject({ 优秀: 1, 未评: 2 });

    // Each bar opens the list it counts.
    const refused = await t.call('dashboard.list', { pick: { chart: 'sector', sectorId: FINANCE, series: 'refused' } });
    expect(refused).toEqual([
      expect.objectContaining({
        unitName: '柳州市农村信用社营业部',
        phone: '0772-2827002',
        detail: expect.stringMatching(/^被拒收：.*密码/),
      }),
    ]);
    const missing = await t.call('dashboard.list', {
      pick: { chart: 'sector', sectorId: EDUCATION, series: 'missing' },
    });
    expect(missing.map((r) => r.unitName)).toEqual(['柳州市第三中学团委']);
    const lateDay = await t.call('dashboard.list', { pick: { chart: 'day', day: '2022-11-01' } });
    expect(lateDay.map((r) => [r.unitName, r.detail])).toEqual([['柳州市第二中学团委', '逾期']]);
    const drafts = await t.call('dashboard.list', {
      pick: { chart: 'reviewer', reviewerId: reviewer.id, series: 'draft' },
    });
    expect(drafts.map((r) => r.unitName)).toEqual(['柳州市第一中学团委']);
    const top = await t.call('dashboard.list', { pick: { chart: 'score', bin: 9 } });
    expect(top.map((r) => r.unitName)).toEqual(['柳州银行营业部']);
    const unreviewed = await t.call('dashboard.list', { pick: { chart: 'verdict', verdict: '未评' } });
    expect(unreviewed.map((r) => r.unitName).sort()).toEqual(['柳州市第一中学团委', '柳州市第二中学团委'].sort());

    // Material that arrives later moves the unit out of 被拒收 into 已报送.
    const dir = tempDir();
    await t.call('intake.import', {
      files: localFiles([mailed(dir, UNITS[1]!, 'Sat, 29 Oct 2022 10:00:00 +0800', 5)]),
    });
    const after = await t.call('dashboard.data', {});
    expect(after.sectors.find((s) => s.sectorId === FINANCE)).toMatchObject({ onTime: 2, refused: 0 });
    expect(await t.callRaw('dashboard.list', { pick: { chart: 'day', day: '10月' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});
