import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';

/** Pages of a PDF as poppler's pdfinfo counts them. */
const pages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

describe('prints a reader notices (#25 item 9; read back by poppler and LibreOffice)', () => {
  it('the 未报送 list keeps each e-mail address whole; a 评审表 with long comments stays on one page', async () => {
    const t = openTestCore();
    const dir = tempDir();
    const sector = (await t.call('sectors.list'))[0]!.id;
    const emails = Array.from({ length: 40 }, (_, i) => `qingnianwenminghao.tuanwei${i}@lzrmyy-hospital.com.cn`);
    for (const [i, email] of emails.entries())
      await t.call('units.create', {
        name: `柳州市人民医院第${i + 1}青年文明号集体`,
        email,
        contact: '张三',
        phone: '0772-2827423',
        sectorId: sector,
      });
    const missing = path.join(dir, 'missing.pdf');
    await t.saveTo('export.missing', { format: 'pdf' }, missing);
    const text = execFileSync('pdftotext', ['-layout', missing, '-'], { encoding: 'utf8' });
    for (const email of emails) expect(text).toContain(email);

    // One unit reviewed by three reviewers who each wrote a long comment.
    await t.call('units.create', { name: '柳州市第一中学团委', sectorId: sector });
    const zip = path.join(dir, '柳州市第一中学团委.zip');
    fs.writeFileSync(
      zip,
      writeZip([
        { name: '工作总结.docx', data: makeDocx('一中') },
        ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(30 + i, 20) })),
      ]),
    );
    const [report] = (await t.call('intake.import', { files: localFiles([zip]) })).sources;
    const campaign = (await t.call('campaigns.current'))!;
    const answers = Object.fromEntries(
      campaign.items.map((i) => [
        String(i.id),
        i.kind === 'count' ? { count: 5 } : i.kind === 'veto' ? { vetoed: false } : { done: true },
      ]),
    );
    for (const name of ['王老师', '李老师', '赵老师']) {
      const reviewer = await t.call('reviewers.create', { name });
      await t.call('reviews.save', {
        submissionId: report!.submission_id!,
        reviewerId: reviewer.id,
        answers,
        status: 'submitted',
        comment:
          `${name}：该单位全年组织化开展专题学习教育，活动扎实，材料翔实，建议在融媒体宣传和志愿服务品牌建设方面进一步加强。`.repeat(
            4,
          ),
      });
    }
    const sheets = path.join(dir, 'sheets');
    fs.mkdirSync(sheets);
    await t.unpackTo('export.reviewSheets', {}, sheets);
    const files = fs
      .readdirSync(sheets, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.pdf'));
    expect(files).toHaveLength(1);
    const sheet = path.join(sheets, files[0]!);
    expect(pages(sheet)).toBe(1);
    expect(execFileSync('pdftotext', [sheet, '-'], { encoding: 'utf8' })).toContain('签字');
  }, 120_000);

  it('printing the workbook leaves out the machine sheet (LibreOffice prints it to PDF)', async () => {
    const t = openTestCore();
    const dir = tempDir();
    await t.call('units.create', { name: '柳州市第一中学团委' });
    const xlsx = path.join(dir, 'stats.xlsx');
    await t.saveTo('export.stats', {}, xlsx);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.getWorksheet('明细（无合并单元格）')!.state).toBe('hidden');
    // The same workbook without the machine sheet prints to the same number of pages.
    const without = path.join(dir, 'without.xlsx');
    book.removeWorksheet(book.getWorksheet('明细（无合并单元格）')!.id);
    await book.xlsx.writeFile(without);
    const print = (file: string) => {
      execFileSync(
        'soffice',
        ['--headless', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'pdf', '--outdir', dir, file],
        { stdio: 'ignore', timeout: 120_000 },
      );
      return pages(file.replace(/\.xlsx$/, '.pdf'));
    };
    expect(print(xlsx)).toBe(print(without));
  }, 180_000);
});
