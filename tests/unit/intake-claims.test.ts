import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { learnableAlias } from '../../src-main/core/intake/match';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';

describe('what a claim teaches', () => {
  it('keeps the name the sender used and drops the words any submission carries', () => {
    expect(learnableAlias('市中院立案庭2022年青年文明号创建材料（终稿）.zip')).toBe('市中院立案庭');
    expect(learnableAlias('市中院立案庭2022年度创建工作总结-定稿.zip')).toBe('市中院立案庭');
    expect(learnableAlias('Re: 转发：市中院立案庭申报书最终版.zip')).toBe('市中院立案庭');
    expect(learnableAlias('鱼峰支行营业部 创建材料 修改稿 (2).rar')).toBe('鱼峰支行营业部');
    expect(learnableAlias('柳州银行柳南支行营业部.zip')).toBe('柳州银行柳南支行营业部');
    // Nothing distinctive left: nothing learnt.
    expect(learnableAlias('2022年青年文明号创建材料终稿.zip')).toBeNull();
    expect(learnableAlias('新建文件夹 (3).zip')).toBeNull();
  });
});

describe('a claim never teaches an alias that also names another unit', () => {
  it("keeps 柳南支行营业部 out of 柳州银行营业部's aliases, as it would also name 柳州银行柳南支行营业部, and says so", async () => {
    const t = openTestCore();
    const [bank] = [
      await t.call('units.create', { name: '柳州银行营业部' }),
      await t.call('units.create', { name: '柳州银行柳南支行营业部' }),
    ];
    const file = path.join(tempDir(), '柳南支行营业部材料.zip');
    fs.writeFileSync(file, writeZip([{ name: '工作总结.docx', data: makeDocx('营业部') }]));
    const report = (await t.call('intake.import', { files: localFiles([file]) })).sources[0]!;
    expect(report.status).toBe('unmatched');
    const claimed = await t.call('submissions.assign', { submissionId: report.submission_id!, unitId: bank.id });
    expect(claimed.learned).toEqual([]);
    expect(claimed.refused).toEqual([{ alias: '柳南支行营业部', unitName: '柳州银行柳南支行营业部' }]);
    expect((await t.call('units.get', { id: bank.id })).aliases).toEqual([]);
  });
});

describe('the claim box', () => {
  it('offers the nearest units first, and narrows by name or pinyin initials as the clerk types', async () => {
    const t = openTestCore();
    for (const name of [
      '柳州市第一中学团委',
      '柳州市人民医院儿科',
      '柳州银行营业部',
      '柳州市中医医院',
      '柳州银行鱼峰支行营业部',
      '柳州市中级人民法院立案庭',
    ])
      await t.call('units.create', { name });
    const dir = tempDir();
    const file = path.join(dir, '市中院立案庭2022年创建材料.zip');
    fs.writeFileSync(file, writeZip([{ name: '工作总结.docx', data: makeDocx('立案庭') }]));
    const report = (await t.call('intake.import', { files: localFiles([file]) })).sources[0]!;
    expect(report.status).toBe('unmatched');
    const near = await t.call('submissions.suggestUnits', { submissionId: report.submission_id! });
    expect(near).toHaveLength(6);
    expect(near[0]).toMatchObject({ name: '柳州市中级人民法院立案庭' });
    expect(near[0]!.closeness).toBeGreaterThan(near[1]!.closeness);

    const bankFile = path.join(dir, '柳州银行柳南支行营业部.zip');
    fs.writeFileSync(bankFile, writeZip([{ name: '工作总结.docx', data: makeDocx('营业部') }]));
    const bank = (await t.call('intake.import', { files: localFiles([bankFile]) })).sources[0]!;
    const banks = await t.call('submissions.suggestUnits', { submissionId: bank.submission_id! });
    expect(
      banks
        .slice(0, 2)
        .map((u) => u.name)
        .sort(),
    ).toEqual(['柳州银行营业部', '柳州银行鱼峰支行营业部']);
    // Pinyin initials, as the placeholder promises: 鱼峰 → yf.
    expect(
      (await t.call('submissions.suggestUnits', { submissionId: bank.submission_id!, search: 'yf' })).map(
        (u) => u.name,
      ),
    ).toEqual(['柳州银行鱼峰支行营业部']);
    expect(
      (await t.call('submissions.suggestUnits', { submissionId: bank.submission_id!, search: '中医' })).map(
        (u) => u.name,
      ),
    ).toEqual(['柳州市中医医院']);
  });
});

describe('matching by the names inside the archive', () => {
  it('uses a ZIP inside the ZIP, and a folder inside that, when only they carry the unit name', async () => {
    const t = openTestCore();
    for (const name of ['柳州市第一中学团委', '柳州市人民医院儿科']) await t.call('units.create', { name });
    const dir = tempDir();
    const inner = (top: string, n: number) =>
      writeZip([
        { name: `${top}总结/工作总结.docx`, data: makeDocx(`总结${n}`) },
        { name: `${top}照片/1.png`, data: makePng(30 + n, 20) },
      ]);
    const byArchive = path.join(dir, '2022年青年文明号材料.zip');
    fs.writeFileSync(byArchive, writeZip([{ name: '柳州市第一中学团委.zip', data: inner('', 1) }]));
    const first = (await t.call('intake.import', { files: localFiles([byArchive]) })).sources[0]!;
    expect(first).toMatchObject({
      status: 'imported',
      unit: { name: '柳州市第一中学团委' },
      match: { reason: '压缩包名含单位全称' },
    });

    const byFolder = path.join(dir, '材料.zip');
    fs.writeFileSync(byFolder, writeZip([{ name: '附件.zip', data: inner('柳州市人民医院儿科/', 2) }]));
    const second = (await t.call('intake.import', { files: localFiles([byFolder]) })).sources[0]!;
    expect(second).toMatchObject({
      status: 'imported',
      unit: { name: '柳州市人民医院儿科' },
      match: { reason: '文件夹名含单位全称' },
    });
  });
});

describe('claiming again', () => {
  it('moves the current version: the unit it leaves gets its newest remaining version back as current', async () => {
    const t = openTestCore();
    const school = await t.call('units.create', { name: '柳州市第一中学团委' });
    const bank = await t.call('units.create', { name: '柳州银行营业部' });
    const dir = tempDir();
    const zip = (name: string, text: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(
        file,
        writeZip([
          { name: '工作总结.docx', data: makeDocx(text) },
          { name: '照片.png', data: makePng(40, 40 + text.length) },
        ]),
      );
      return file;
    };
    const first = (await t.call('intake.import', { files: localFiles([zip('柳州市第一中学团委.zip', '一中')]) }))
      .sources[0]!;
    const second = (await t.call('intake.import', { files: localFiles([zip('第二次报送.zip', '不知是谁的材料')]) }))
      .sources[0]!;
    expect([first.status, second.status]).toEqual(['imported', 'unmatched']);
    await t.call('submissions.assign', { submissionId: second.submission_id!, unitId: school.id });
    const current = async (unitId: number) =>
      (
        (await t.call('submissions.list', {})) as Array<{
          id: number;
          unitId: number | null;
          isCurrent: boolean;
          version: number;
        }>
      )
        .filter((s) => s.unitId === unitId && s.isCurrent)
        .map((s) => [s.id, s.version]);
    expect(await current(school.id)).toEqual([[second.submission_id, 2]]);
    // It was the bank's after all.
    await t.call('submissions.assign', { submissionId: second.submission_id!, unitId: bank.id });
    expect(await current(school.id)).toEqual([[first.submission_id, 1]]);
    expect(await current(bank.id)).toEqual([[second.submission_id, 1]]);
    // Claiming for the unit it already has changes nothing.
    await t.call('submissions.assign', { submissionId: second.submission_id!, unitId: bank.id });
    expect(await current(bank.id)).toEqual([[second.submission_id, 1]]);
  });
});
