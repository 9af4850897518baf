import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonMail } from '../support/pythonMail';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';
import { needs } from '../support/tools';

const LINK_163 =
  'https://mail.163.com/large-attachment-download/index.html?p=X-NETEASE-HUGE-ATTACHMENT&file=abc123&title=%E6%9D%90%E6%96%99';
const LINK_QQ = 'https://wx.mail.qq.com/ftn/download?func=3&k=deadbeef&key=cafe';

/** The body 163 webmail writes for a 超大附件: the file as a link, its size and expiry beside it. */
const HTML_163 = `<div>柳州市图书馆少儿部2022年青年文明号材料，请查收。</div>
<div style="padding:10px;border:1px solid #ddd"><div>从网易163邮箱发来的超大附件</div>
<div><a href="${LINK_163}" target="_blank">少儿部创建材料.zip</a> <span style="color:#888">(80.96M, 2026年8月17日 0:49 到期)</span></div></div>`;

function eml(name: string, bytes: Buffer): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe.skipIf(!needs('python3'))('超大附件 links', () => {
  it('make a mail whose only material is a link a visible incomplete submission, with the name, size and expiry listed, never fetched', async () => {
    const t = openTestCore();
    await t.call('units.create', { name: '柳州市图书馆少儿部', email: 'se@lzlib.cn' });
    const mail = pythonMail({
      from: '柳州市图书馆少儿部 <se@lzlib.cn>',
      subject: '少儿部青年文明号材料（超大附件）',
      date: 'Thu, 20 Oct 2022 10:00:00 +0800',
      messageId: '<big1@test>',
      body: `少儿部创建材料.zip (80.96M, 2026年8月17日 0:49 到期)\n下载: ${LINK_163}`,
      html: HTML_163,
    });
    const [report] = (await t.call('intake.import', { files: localFiles([eml('163.eml', mail)]) })).sources;
    expect(report).toMatchObject({
      status: 'imported',
      unit: { name: '柳州市图书馆少儿部' },
      completeness: 'incomplete',
      files: [],
    });
    expect(report!.problems![0]).toEqual({
      code: 'large-attachment-link',
      message: '材料在超大附件链接中（少儿部创建材料.zip，80.96M），请在 2026-08-17 00:49 前下载后再导入',
    });
    const stored = await t.call('submissions.get', { id: report!.submission_id! });
    expect(stored.links).toEqual([
      {
        provider: '网易邮箱',
        url: LINK_163,
        name: '少儿部创建材料.zip',
        size: '80.96M',
        expiresAt: '2026-08-16T16:49:00.000Z',
      },
    ]);
  });

  it('add the problem beside attached files, and give QQ links their 30 days from the mail date', async () => {
    const t = openTestCore();
    const zip = path.join(tempDir(), 'a.zip');
    fs.writeFileSync(
      zip,
      writeZip([
        { name: '工作总结.docx', data: makeDocx('总结') },
        ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(30 + i, 9) })),
      ]),
    );
    const mail = pythonMail({
      from: '某单位 <x@qq.com>',
      subject: '材料（视频在超大附件）',
      date: 'Thu, 20 Oct 2022 10:00:00 +0800',
      messageId: '<qq1@test>',
      body: `从QQ邮箱发来的超大附件\n\n活动视频.mp4 (1.2G, 无限期)\n下载地址：${LINK_QQ}\n`,
      attachments: [{ file: zip, filename: '材料.zip', type: 'application/zip' }],
    });
    const [report] = (await t.call('intake.import', { files: localFiles([eml('qq.eml', mail)]) })).sources;
    expect(report!.files!.map((f) => f.name)).toContain('工作总结.docx');
    expect(report).toMatchObject({ completeness: 'incomplete' });
    expect(report!.problems![0]!.message).toBe(
      '材料在超大附件链接中（活动视频.mp4），请在 2022-11-19 10:00 前下载后再导入',
    );
  });
});
