import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeDocx, makePng } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir, type TestCore } from './helpers';
import { sectorOf } from '../support/sectors';

const BANK = '柳州银行营业部';
const SCHOOL = '柳州市第一中学团委';
const bin = path.resolve(__dirname, '../../bin/desk.js');

interface Entry {
  actor: string;
  actorKind: string;
  action: string;
  summary: string;
  operation: string;
  via: string;
  unitId: number | null;
  campaignYear: number | null;
}

/** A ZIP written by 7-Zip (not our writer): a summary and three photos, named after the unit. */
function zipFor(dir: string, unit: string, seed: number): string {
  const work = fs.mkdtempSync(path.join(dir, 'src-'));
  fs.writeFileSync(path.join(work, '工作总结.docx'), makeDocx(`${unit}${seed}`));
  for (const i of [1, 2, 3]) fs.writeFileSync(path.join(work, `照片${i}.png`), makePng(seed * 10 + i, 8));
  const file = path.join(dir, `${unit}-${seed}.zip`);
  execFileSync('7zz', ['a', '-tzip', '-mcu=on', file, '.'], { cwd: work, stdio: 'ignore' });
  return file;
}

async function log(t: TestCore, query: Record<string, unknown> = {}): Promise<Entry[]> {
  return (await t.call('audit.list', { limit: 1000, ...query })).rows as Entry[];
}

describe('操作记录 (audit log)', () => {
  it('records who did each change — the office user, the reviewer, the schedule — in words that survive renames', async () => {
    const t = openTestCore();
    const dir = tempDir();
    // Before a name is set, entries still say it was the office.
    const bank = await t.call('units.create', { name: BANK, sectorId: await sectorOf(t, '金融团工委') });
    await t.call('audit.setUser', { name: '张敏' });
    const school = await t.call('units.create', { name: SCHOOL, sectorId: await sectorOf(t, '教育团工委') });
    const imported = await t.call('intake.import', {
      files: localFiles([zipFor(dir, BANK, 1), zipFor(dir, '某个不在名册的集体', 2)]),
    });
    expect(imported.totals).toMatchObject({ imported: 1, unmatched: 1 });
    const unclaimed = (await t.call('submissions.list', { unclaimed: true }))[0]!;
    await t.call('submissions.assign', { submissionId: unclaimed.id, unitId: school.id });
    await t.call('submissions.delete', { submissionId: unclaimed.id, reason: '重复发送的旧版本' });
    await t.call('submissions.restore', { submissionId: unclaimed.id });

    const reviewer = await t.call('reviewers.create', { name: '李评审' });
    const campaign = (await t.call('campaigns.current'))!;
    const submission = (await t.call('submissions.list', { unitId: bank.id }))[0]!;
    const answers = Object.fromEntries(
      campaign.items.map((i) => [
        String(i.id),
        i.kind === 'count' ? { count: 5 } : i.kind === 'veto' ? { vetoed: false } : { done: true },
      ]),
    );
    await t.call('reviews.save', { submissionId: submission.id, reviewerId: reviewer.id, answers, status: 'draft' });
    await t.call('reviews.save', {
      submissionId: submission.id,
      reviewerId: reviewer.id,
      answers,
      status: 'submitted',
    });
    await t.call('reviews.decide', {
      submissionId: submission.id,
      basis: 'override',
      verdict: '良好',
      score: 80,
      reason: '材料中的照片与往年重复',
    });
    await t.call('units.update', { id: bank.id, fields: { ...bank, name: '柳州银行股份有限公司营业部' } });
    await t.call('backup.configure', { auto: true, folder: null });
    expect((await t.call('backup.auto')).made).not.toBeNull();
    // Not due again within the day: nothing made, nothing written.
    expect((await t.call('backup.auto')).made).toBeNull();

    const entries = (await log(t)).reverse();
    expect(entries.map((e) => [e.actor, e.action, e.operation])).toEqual([
      ['办公室（未设置姓名）', 'roster', 'units.create'],
      ['张敏', 'settings', 'audit.setUser'],
      ['张敏', 'roster', 'units.create'],
      ['张敏', 'import', 'intake.import'],
      ['张敏', 'claim', 'submissions.assign'],
      ['张敏', 'deletion', 'submissions.delete'],
      ['张敏', 'correction', 'submissions.restore'],
      ['张敏', 'review', 'reviewers.create'],
      // The draft autosave is not there; the submitted review is, under the reviewer's name.
      ['李评审', 'review', 'reviews.save'],
      ['张敏', 'decision', 'reviews.decide'],
      ['张敏', 'roster', 'units.update'],
      ['张敏', 'settings', 'backup.configure'],
      ['自动备份', 'backup', 'backup.auto'],
    ]);
    expect(entries[3]!.summary).toBe('导入文件 2 个来源：入库 2 份（其中待认领 1）');
    expect(entries[4]).toMatchObject({
      unitId: school.id,
      campaignYear: 2022,
      summary: expect.stringMatching(/^认领：「柳州市第一中学团委」的材料（某个不在名册的集体-2\.zip）$/),
    });
    expect(entries[5]!.summary).toContain('理由：重复发送的旧版本');
    expect(entries[8]).toMatchObject({
      actorKind: 'reviewer',
      unitId: bank.id,
      summary: `提交评审：「${BANK}」的材料（${BANK}-1.zip）`,
    });
    // Written with the name it had then: the later rename does not rewrite history.
    expect(entries[9]!.summary).toBe(
      `「${BANK}」的材料（${BANK}-1.zip）改判为「良好」（80 分），理由：材料中的照片与往年重复`,
    );
    expect(entries.every((e) => e.via === 'test')).toBe(true);

    // Filters: by kind, by words, by unit, by person.
    expect((await log(t, { actions: ['deletion', 'correction'] })).map((e) => e.operation)).toEqual([
      'submissions.restore',
      'submissions.delete',
    ]);
    expect((await log(t, { text: '100%_' })).length).toBe(0);
    expect((await log(t, { text: '某个不在名册' })).map((e) => e.operation)).toEqual([
      'submissions.restore',
      'submissions.delete',
      'submissions.assign',
    ]);
    expect((await log(t, { unitId: bank.id })).map((e) => e.operation)).toEqual([
      'units.update',
      'reviews.decide',
      'reviews.save',
      'units.create',
    ]);
    expect((await log(t, { actor: '李评审' })).length).toBe(1);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await t.call('audit.list', { since: future })).total).toBe(0);
    expect((await t.call('audit.list', { limit: 3 })).rows.length).toBe(3);
  });

  it('a refused change leaves no entry; a backup and a restore do, the restore inside the restored data', async () => {
    const t = openTestCore();
    await t.call('audit.setUser', { name: '王芳' });
    expect((await t.callRaw('submissions.delete', { submissionId: 999, reason: '测试删除' })).ok).toBe(false);
    expect((await t.callRaw('units.create', { name: '' })).ok).toBe(false);
    const backup = await t.call('backup.create', {});
    await t.call('units.create', { name: BANK, sectorId: await sectorOf(t, '金融团工委') });
    await t.call('backup.restore', { name: path.basename(backup.file) });
    const entries = await log(t);
    // The restored data is as it was at the backup (user set, nothing else), plus the restore itself.
    expect(entries.map((e) => e.operation)).toEqual(['backup.restore', 'audit.setUser']);
    expect(entries[0]).toMatchObject({
      actor: '王芳',
      action: 'restore',
      summary: expect.stringMatching(
        /^恢复 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 的备份（0 个文件）；恢复前的数据已备份为「.+\.deskbackup」$/,
      ),
    });
  });

  it('is append-only: the database itself refuses to change or remove an entry', async () => {
    const t = openTestCore();
    await t.call('audit.setUser', { name: '张敏' });
    await t.core.close();
    const db = new Database(path.join(t.dataDir, 'desk.sqlite'));
    expect(() => db.prepare("UPDATE audit_log SET actor = '别人'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT actor FROM audit_log').pluck().all()).toEqual(['张敏']);
    db.close();
  });

  it('exports the filtered log as a workbook LibreOffice opens, and the CLI lists it as JSON with a stable error code for a bad date', async () => {
    const dataDir = tempDir();
    const t = openTestCore(dataDir);
    await t.call('audit.setUser', { name: '张敏' });
    for (let i = 0; i < 30; i++)
      await t.call('units.create', { name: `柳州市第${i + 1}中学团委`, sectorId: await sectorOf(t, '教育团工委') });
    await t.call('units.remove', { ids: [1, 2, 3, 4, 5] });
    const out = path.join(tempDir(), '操作记录.xlsx');
    const saved = await t.saveTo('audit.export', { actions: ['roster', 'deletion'] }, out);
    expect(saved.rows).toBe(31);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.getWorksheet('操作记录')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '时间', '操作人', '类别', '内容', '年度', '方式']);
    expect(sheet.getRow(2).getCell(4).value).toBe(
      '从名册删除 「柳州市第1中学团委」、「柳州市第2中学团委」、「柳州市第3中学团委」 等 5 个',
    );
    expect(sheet.getRow(2).getCell(3).value).toBe('删除');
    expect(sheet.rowCount).toBe(32);
    await t.core.close();

    if (spawnSync('sh', ['-c', 'command -v soffice']).status === 0) {
      const csvDir = tempDir();
      execFileSync(
        'soffice',
        ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', csvDir, out],
        { stdio: 'ignore', timeout: 120_000 },
      );
      const csv = fs.readFileSync(path.join(csvDir, '操作记录.csv'), 'utf8');
      expect(csv.split('\n')[0]).toBe('时间,操作人,类别,内容,年度,方式');
      expect(csv).toContain('张敏,名册,新建集体「柳州市第30中学团委」');
    }

    const cli = (args: string[]) =>
      spawnSync(process.execPath, [bin, '--data', dataDir, ...args], { encoding: 'utf8' });
    const listed = cli(['audit', 'list', '--action', 'deletion', '--json']);
    expect(listed.status).toBe(0);
    const value = JSON.parse(listed.stdout).value;
    expect(value.total).toBe(1);
    expect(value.rows[0]).toMatchObject({ actor: '张敏', action: 'deletion', operation: 'units.remove', via: 'test' });
    const since = cli(['audit', 'list', '--since', '2000年1月1日', '--json']);
    expect(JSON.parse(since.stdout).value.total).toBe(32);
    const bad = cli(['audit', 'list', '--since', '上周', '--json']);
    expect(bad.status).not.toBe(0);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const badKind = cli(['audit', 'list', '--action', 'nonsense', '--json']);
    expect(JSON.parse(badKind.stdout)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    // The CLI writes under the same name, and says it came from the command line.
    expect(cli(['audit', 'user', '李四', '--json']).status).toBe(0);
    const last = JSON.parse(cli(['audit', 'list', '--limit', '1', '--json']).stdout).value.rows[0];
    expect(last).toMatchObject({ actor: '李四', via: 'cli', summary: '使用人设为「李四」' });
  });
});
