import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonMail } from '../support/pythonMail';
import { makeDocx, makePng } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';

/** A minimal PDF, as a summary's bytes start. */
const pdf = (text: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);

describe('archives by content, not by name (#25 item 5)', () => {
  it('a ZIP named .rar attached to a mail is unpacked (7-Zip wrote it), while a .docx stays a document', async () => {
    const t = openTestCore();
    await t.call('units.create', { name: '柳州市第一中学团委', email: 'tw@lzyz.cn' });
    const dir = tempDir();
    const work = path.join(dir, 'work');
    fs.mkdirSync(work);
    for (const [i, name] of ['工作总结.pdf', '活动一.pdf', '活动二.pdf', '活动三.pdf'].entries())
      fs.writeFileSync(path.join(work, name), pdf(`第${i + 1}份`));
    for (const i of [1, 2, 3]) fs.writeFileSync(path.join(work, `照片${i}.png`), makePng(30 + i, 20));
    // 7-Zip writes a ZIP whatever the name says: the file a unit sends as 实验报告.rar.
    const rarNamed = path.join(dir, '实验报告.rar');
    execFileSync('7zz', ['a', '-tzip', rarNamed, '.'], { cwd: work, stdio: 'ignore' });
    expect(fs.readFileSync(rarNamed).subarray(0, 2).toString()).toBe('PK');
    const docx = path.join(dir, '说明.docx');
    fs.writeFileSync(docx, makeDocx('附带的说明'));
    const eml = path.join(dir, 'mail.eml');
    fs.writeFileSync(
      eml,
      pythonMail({
        from: '柳州市第一中学团委 <tw@lzyz.cn>',
        subject: '柳州市第一中学团委2022年青年文明号材料',
        date: 'Thu, 20 Oct 2022 10:00:00 +0800',
        messageId: '<rar-named-zip@test>',
        body: '材料见附件。',
        attachments: [
          { file: rarNamed, filename: '实验报告.rar', type: 'application/x-rar-compressed' },
          {
            file: docx,
            filename: '说明.docx',
            type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          },
        ],
      }),
    );
    const [report] = (await t.call('intake.import', { files: localFiles([eml]) })).sources;
    expect(report).toMatchObject({ status: 'imported', completeness: 'complete' });
    const files = report!.files!.map((f) => [f.name, f.kind]).sort();
    expect(files).toEqual(
      [
        ['工作总结.pdf', 'summary'],
        ['活动一.pdf', 'summary'],
        ['活动二.pdf', 'summary'],
        ['活动三.pdf', 'summary'],
        ['照片1.png', 'photo'],
        ['照片2.png', 'photo'],
        ['照片3.png', 'photo'],
        ['说明.docx', 'summary'],
      ].sort(),
    );
    expect(report!.files!.find((f) => f.name === '工作总结.pdf')!.path).toContain('实验报告.rar/');
  });
});

describe('badges at intake (#25 item 8)', () => {
  it('a summary with no text to read (a scan saved as PDF) is flagged 没有可读的工作总结 once the indexer has read it', async () => {
    const t = openTestCore();
    await t.call('units.create', { name: '柳州市第一中学团委' });
    const dir = tempDir();
    const work = path.join(dir, 'scan');
    fs.mkdirSync(work);
    // A PDF page with no text on it (as a scanner's PDF has none): LibreOffice Writer prints a blank page.
    fs.writeFileSync(path.join(dir, '工作总结.txt'), '\n\n\n');
    execFileSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/lo-profile`,
        '--convert-to',
        'pdf',
        '--outdir',
        work,
        path.join(dir, '工作总结.txt'),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    for (const i of [1, 2, 3]) fs.writeFileSync(path.join(work, `照片${i}.png`), makePng(30 + i, 20));
    const zip = path.join(dir, '柳州市第一中学团委.zip');
    execFileSync('7zz', ['a', '-tzip', zip, '.'], { cwd: work, stdio: 'ignore' });
    const [report] = (await t.call('intake.import', { files: localFiles([zip]) })).sources;
    expect(report).toMatchObject({ status: 'imported', completeness: 'complete' });
    await t.call('search.index', {});
    const { badges } = await t.call('reviews.badges', { submissionId: report!.submission_id! });
    expect(badges.map((b) => b.code)).toContain('no-readable-summary');
  }, 120_000);
});
