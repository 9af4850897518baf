import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonMail } from '../support/pythonMail';
import { FIXTURES } from '../support/sharedFixtures';
import { makeDocx, makePng } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir, type TestCore } from './helpers';
import { needs } from '../support/tools';
import { sectorOf } from '../support/sectors';

const bin = path.resolve(__dirname, '../../bin/desk.js');

type Year = 'on' | 'late' | 'refused' | '-';
interface Known {
  name: string;
  years: Record<number, Year>;
  verdicts?: Record<number, string>;
  yearNamed?: number;
  star?: number;
  revoked?: boolean;
}

/** A roster with three years of known history, and what the default rules must say of each. */
const KNOWN: Known[] = [
  { name: '柳州市两年未报送营业部', years: { 2020: 'on', 2021: '-', 2022: '-' } },
  { name: '柳州市拒收后未报送急诊科', years: { 2020: 'on', 2021: 'refused', 2022: '-' } },
  { name: '柳州市连续逾期收费站', years: { 2020: 'on', 2021: 'late', 2022: 'late' } },
  {
    name: '柳州市连续不合格车间',
    years: { 2020: 'on', 2021: 'on', 2022: 'on' },
    verdicts: { 2021: '不合格', 2022: '不合格' },
  },
  {
    name: '柳州市三年优秀服务窗口',
    years: { 2020: 'on', 2021: 'on', 2022: 'on' },
    verdicts: { 2020: '优秀', 2021: '优秀', 2022: '优秀' },
    star: 1,
  },
  { name: '柳州市已撤销仍来件派出所', years: { 2020: 'on', 2021: '-', 2022: 'on' }, revoked: true },
  {
    name: '柳州市正常报送客服中心',
    years: { 2020: 'on', 2021: 'on', 2022: 'on' },
    verdicts: { 2021: '合格', 2022: '良好' },
  },
  { name: '柳州市新命名青年突击队', years: { 2022: '-' }, yearNamed: 2022 },
  { name: '柳州市隔年未报送班组', years: { 2020: '-', 2021: 'on', 2022: '-' } },
];
const EXPECTED = [
  ['柳州市两年未报送营业部', 'missing', '2021 未报送、2022 未报送'],
  ['柳州市拒收后未报送急诊科', 'missing', '2021 材料被拒收、2022 未报送'],
  ['柳州市连续逾期收费站', 'late', '2021 逾期报送、2022 逾期报送'],
  ['柳州市连续不合格车间', 'failed', '2021 不合格、2022 不合格'],
  ['柳州市三年优秀服务窗口', 'excellent', '2020 优秀、2021 优秀、2022 优秀'],
  ['柳州市已撤销仍来件派出所', 'revokedIntake', '2022 年度收到材料；状态：撤销'],
];

function zipOf(dir: string, seed: number): string {
  const work = fs.mkdtempSync(path.join(dir, 'src-'));
  fs.writeFileSync(path.join(work, '工作总结.docx'), makeDocx(`总结${seed}`));
  for (const i of [1, 2, 3]) fs.writeFileSync(path.join(work, `照片${i}.png`), makePng(seed * 10 + i, 8));
  const file = path.join(dir, `${seed}.zip`);
  execFileSync('7zz', ['a', '-tzip', file, '.'], { cwd: work, stdio: 'ignore' });
  return file;
}

async function knownHistory(): Promise<{ t: TestCore; ids: Map<string, number> }> {
  const t = openTestCore();
  const seedCampaign = (await t.call('campaigns.current'))!;
  for (const year of [2020, 2021]) await t.call('campaigns.copy', { fromId: seedCampaign.id, year });
  const ids = new Map<string, number>();
  for (const [i, k] of KNOWN.entries())
    ids.set(
      k.name,
      (
        await t.call('units.create', {
          name: k.name,
          sectorId: await sectorOf(t, '金融团工委'),
          email: `u${i}@lz.cn`,
          yearNamed: k.yearNamed ?? 2018,
        })
      ).id,
    );
  // The revoked unit was revoked before the 2022 notice; its mail still came.
  const revoked = KNOWN.find((k) => k.revoked)!;
  await t.call('units.setStatus', {
    unitIds: [ids.get(revoked.name)!],
    status: 'revoked',
    reason: '2021 年度检查不合格，组委会研究撤销',
    effectiveOn: '2022-03-01',
  });
  const dir = tempDir();
  let seed = 0;
  for (const year of [2020, 2021, 2022]) {
    const files: string[] = [];
    for (const [i, k] of KNOWN.entries()) {
      const fate = k.years[year];
      if (!fate || fate === '-') continue;
      seed++;
      const attachment =
        fate === 'refused' ? path.join(FIXTURES, 'zip_encrypted/zipcrypto_infozip_pw_secret.zip') : zipOf(dir, seed);
      const date = fate === 'late' ? `Wed, 02 Nov ${year} 09:00:00 +0800` : `Thu, 20 Oct ${year} 09:00:00 +0800`;
      const eml = path.join(dir, `${seed}.eml`);
      fs.writeFileSync(
        eml,
        pythonMail({
          from: `联系人 <u${i}@lz.cn>`,
          subject: `${year}年度青年文明号材料`,
          date,
          messageId: `<m${seed}@lz.cn>`,
          body: '请查收',
          attachments: [{ file: attachment, filename: '材料.zip', type: 'application/zip' }],
        }),
      );
      files.push(eml);
    }
    await t.call('intake.import', { files: localFiles(files), campaignYear: year });
    const subs = await t.call('submissions.list', { campaignYear: year, currentOnly: true });
    for (const k of KNOWN) {
      const verdict = k.verdicts?.[year];
      if (!verdict) continue;
      const s = subs.find((x) => x.unitId === ids.get(k.name))!;
      await t.call('reviews.decide', {
        submissionId: s.id,
        basis: 'override',
        verdict,
        score: null,
        reason: '组委会评定',
      });
    }
  }
  for (const k of KNOWN)
    if (k.star) await t.call('units.setStar', { unitIds: [ids.get(k.name)!], star: k.star, reason: '2020 年认定' });
  return { t, ids };
}

describe.skipIf(!needs('python3', 'fixtures'))('动态管理 (python3 and the shared fixtures)', () => {
  it('the rules select exactly the units their history calls for; the CLI lists the same as JSON', async () => {
    const { t, ids } = await knownHistory();
    const { asOf, flags } = await t.call('dynamics.flags', {});
    expect(asOf).toBe(2022);
    expect(flags.map((f) => [f.unitName, f.rule, f.evidence])).toEqual(EXPECTED);
    expect(flags.find((f) => f.rule === 'excellent')!.label).toBe('连续 3 年“优秀”，现为一星');

    // The revoked unit's mail was kept, flagged where the office reads it.
    const revoked = (
      await t.call('submissions.list', { unitId: ids.get('柳州市已撤销仍来件派出所')!, campaignYear: 2022 })
    )[0]!;
    const detail = await t.call('submissions.get', { id: revoked.id });
    expect((detail.notes as string[]).join()).toContain('已撤销青年文明号称号，按规定不再收件');

    // As of 2021, the two-year rules see 2020–2021 only.
    expect((await t.call('dynamics.flags', { campaignYear: 2021 })).flags).toEqual([]);

    // Tuning a rule changes the list: three years of 未报送 find nobody here.
    const rules = await t.call('dynamics.rules');
    await t.call('dynamics.setRules', { ...rules, missing: { enabled: true, years: 3 } });
    expect((await t.call('dynamics.flags', {})).flags.filter((f) => f.rule === 'missing')).toEqual([]);
    await t.call('dynamics.setRules', rules);

    const dataDir = t.dataDir;
    await t.core.close();
    const run = spawnSync(process.execPath, [bin, '--data', dataDir, 'units', 'flags', '--json'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const value = JSON.parse(run.stdout).value;
    expect(
      value.flags.map((f: { unitName: string; rule: string; evidence: string }) => [f.unitName, f.rule, f.evidence]),
    ).toEqual(EXPECTED);
    const history = JSON.parse(
      spawnSync(process.execPath, [bin, '--data', dataDir, 'units', 'history', '柳州市拒收后未报送急诊科', '--json'], {
        encoding: 'utf8',
      }).stdout,
    ).value;
    expect(
      history.years.map((y: { year: number; current: unknown; refused: unknown[] }) => [
        y.year,
        !!y.current,
        y.refused.length,
      ]),
    ).toEqual([
      [2022, false, 0],
      [2021, false, 1],
      [2020, true, 0],
    ]);
  });

  it('actions on the list: 撤销 and 调整星级 with a reason, each in the unit’s history and the 操作记录, each undoable', async () => {
    const { t, ids } = await knownHistory();
    await t.call('audit.setUser', { name: '张敏' });
    const failing = ids.get('柳州市连续不合格车间')!;
    const refused = await t.callRaw('units.setStatus', { unitIds: [failing], status: 'revoked', reason: '' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const revoked = await t.call('units.setStatus', {
      unitIds: [failing],
      status: 'revoked',
      reason: '连续两年不合格，2022 年 12 月组委会会议决定撤销',
      effectiveOn: '2022-12-20',
    });
    // Revoked after the year's material came: not “仍来件”, and off the list.
    expect((await t.call('dynamics.flags', {})).flags.some((f) => f.unitId === failing)).toBe(false);
    let history = await t.call('units.history', { unitId: failing });
    expect(history.unit.status).toBe('revoked');
    expect(history.status[0]).toMatchObject({
      previous: 'active',
      status: 'revoked',
      effectiveOn: '2022-12-20',
      by: '张敏',
    });
    expect(history.years.map((y) => y.current?.verdict ?? null)).toEqual(['不合格', '不合格', null]);

    await t.call('units.undoStatus', { historyIds: [revoked.changed[0]!.historyId] });
    history = await t.call('units.history', { unitId: failing });
    expect(history.unit.status).toBe('active');
    expect(history.status.map((s) => [s.previous, s.status, s.reason.startsWith('撤销：')])).toEqual([
      ['revoked', 'active', true],
      ['active', 'revoked', false],
    ]);
    expect((await t.call('dynamics.flags', {})).flags.some((f) => f.unitId === failing)).toBe(true);
    // Undoing twice is refused by name: the unit is no longer what that step made it.
    expect(await t.callRaw('units.undoStatus', { historyIds: [revoked.changed[0]!.historyId] })).toMatchObject({
      ok: false,
      error: { code: 'changed-since' },
    });

    const star = ids.get('柳州市三年优秀服务窗口')!;
    const raised = await t.call('units.setStar', { unitIds: [star], star: 3, reason: '连续三年优秀' });
    expect((await t.call('dynamics.flags', {})).flags.some((f) => f.unitId === star)).toBe(false);
    await t.call('units.undoStar', { historyIds: [raised.changed[0]!.historyId] });
    expect((await t.call('units.history', { unitId: star })).unit.starLevel).toBe(1);
    expect(await t.callRaw('units.setStar', { unitIds: [star], star: 1, reason: '再认定一次' })).toMatchObject({
      ok: false,
      error: { code: 'no-change' },
    });

    // A status changed in the roster form is history too.
    const unit = await t.call('units.get', { id: ids.get('柳州市正常报送客服中心')! });
    await t.call('units.update', { id: unit.id, fields: { ...unit, status: 'suspended' } });
    expect((await t.call('units.history', { unitId: unit.id })).status[0]).toMatchObject({
      previous: 'active',
      status: 'suspended',
      reason: '在名册中修改',
    });

    const log = (await t.call('audit.list', { actions: ['status'] })).rows.map((r) => r.summary);
    expect(log).toContain(
      '把 「柳州市连续不合格车间」 改为“撤销”（2022-12-20 起），理由：连续两年不合格，2022 年 12 月组委会会议决定撤销',
    );
    expect(log).toContain('撤销状态变更：「柳州市连续不合格车间」恢复为“在册”');
    expect(log).toContain('把 「柳州市三年优秀服务窗口」 的星级调整为“三星”，理由：连续三年优秀');
  });

  it('exports the list as a sheet and a PDF for the committee’s meeting', async () => {
    const { t } = await knownHistory();
    const dir = tempDir();
    const xlsx = await t.saveTo('dynamics.export', { format: 'xlsx' }, path.join(dir, 'flags.xlsx'));
    expect(xlsx.flags).toBe(EXPECTED.length);
    const csvDir = tempDir();
    execFileSync(
      'soffice',
      ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', csvDir, xlsx.file],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const csv = fs.readFileSync(path.join(csvDir, 'flags.csv'), 'utf8').split('\n');
    expect(csv[1]).toBe('序号,集体名称,系统,状态,星级,情形,依据,建议,组委会意见');
    expect(csv[2]).toBe(
      '1,柳州市两年未报送营业部,金融团工委,在册,未定星级,连续 2 年未报送,2021 未报送、2022 未报送,警告提醒,',
    );
    const pdf = await t.saveTo('dynamics.export', { format: 'pdf' }, path.join(dir, 'flags.pdf'));
    const text = execFileSync('pdftotext', ['-layout', pdf.file, '-'], { encoding: 'utf8' });
    for (const [name] of EXPECTED) expect(text).toContain(name);
    expect(text).toContain('建议撤销（1个）');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '50',
      '-f',
      '1',
      '-l',
      '1',
      pdf.file,
      path.resolve(__dirname, '../../test-results/screenshots/64-dynamics-pdf'),
    ]);
  });
});
