import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniff } from '../../src-main/core/intake/sniff';
import { writerDocument } from '../support/wordDoc';
import { makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';
import { sectorOf } from '../support/sectors';

const TEXT = '柳州市第一中学团委2022年度工作总结\n\n全年开展“组织化学习”五次，为群众办实事十件。\n';
// A formatted summary, as offices write them: a heading, a paragraph, a table.
const HTML = `<html><head><meta charset="utf-8"></head><body><h1>柳州市第一中学团委2022年度工作总结</h1><p>全年开展“组织化学习”五次，为群众办实事十件。</p><table border="1"><tr><td>活动</td><td>次数</td></tr><tr><td>志愿服务</td><td>12</td></tr></table></body></html>`;
const docx = writerDocument(HTML, 'docx', 'html');
const odt = writerDocument(TEXT, 'odt');
const odtFormatted = writerDocument(HTML, 'odt', 'html');

/** The names of a ZIP's entries in the order its central directory lists them. */
function entryOrder(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const names: string[] = [];
  for (let at = zip.readUInt32LE(end + 16), n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

describe('summaries saved by LibreOffice Writer (and WPS, which orders its parts the same way)', () => {
  it.skipIf(!docx)(
    'a .docx with [Content_Types].xml last is a summary inside a ZIP, and the reviewer reads it',
    async () => {
      // The point of the test: this is the order that made content sniffing call it a plain ZIP.
      expect(entryOrder(docx!).at(-1)).toBe('[Content_Types].xml');
      expect((await sniff(docx!.subarray(0, 4100))).ext).toBe('zip');
      const t = openTestCore();
      await t.call('units.create', { name: '柳州市第一中学团委', sectorId: await sectorOf(t, '金融团工委') });
      const zip = path.join(tempDir(), '柳州市第一中学团委.zip');
      fs.writeFileSync(
        zip,
        writeZip([
          { name: '2022年度工作总结.docx', data: docx! },
          ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(60 + i, 40) })),
        ]),
      );
      const report = (await t.call('intake.import', { files: localFiles([zip]) })).sources[0]!;
      expect(report).toMatchObject({ status: 'imported', completeness: 'complete' });
      expect(report.files!.find((f) => f.name === '2022年度工作总结.docx')).toMatchObject({ kind: 'summary' });
      const submission = await t.call('submissions.get', { id: report.submission_id! });
      const summary = submission.files.find((f) => f.kind === 'summary')!;
      expect(summary.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const preview = await t.call('files.preview', { sha256: summary.sha256 });
      expect(preview.kind === 'html' && preview.html).toContain('全年开展“组织化学习”五次');
    },
    180_000,
  );

  it.skipIf(!docx || !odt)(
    'a .docx or .odt given on its own is one document, not an archive of its XML parts',
    async () => {
      const t = openTestCore();
      await t.call('units.create', { name: '柳州市第一中学团委', sectorId: await sectorOf(t, '金融团工委') });
      const dir = tempDir();
      for (const [name, data] of [
        ['柳州市第一中学团委工作总结.docx', docx!],
        ['柳州市第一中学团委工作总结.odt', odt!],
      ] as const) {
        const file = path.join(dir, name);
        fs.writeFileSync(file, data);
        const report = (await t.call('intake.import', { files: localFiles([file]) })).sources[0]!;
        expect(report.files!.map((f) => [f.name, f.kind])).toEqual([[name, 'summary']]);
        expect(report.unit?.name).toBe('柳州市第一中学团委');
      }
    },
    180_000,
  );

  it.skipIf(!odtFormatted)(
    'an .odt summary is shown in the 评审 pane as a .docx is: heading, paragraph and table',
    async () => {
      const t = openTestCore();
      const file = path.join(tempDir(), '工作总结.odt');
      fs.writeFileSync(file, odtFormatted!);
      const report = (await t.call('intake.import', { files: localFiles([file]) })).sources[0]!;
      const summary = (await t.call('submissions.get', { id: report.submission_id! })).files[0]!;
      expect(summary).toMatchObject({ kind: 'summary', mime: 'application/vnd.oasis.opendocument.text' });
      const preview = await t.call('files.preview', { sha256: summary.sha256 });
      expect(preview.kind).toBe('html');
      const html = preview.kind === 'html' ? preview.html : '';
      expect(html).toMatch(/<h1>柳州市第一中学团委2022年度工作总结<\/h1>/);
      expect(html).toContain('<p>全年开展“组织化学习”五次，为群众办实事十件。</p>');
      expect(html).toMatch(/<table>.*<td><p>志愿服务<\/p><\/td><td><p>12<\/p><\/td>.*<\/table>/);
    },
    180_000,
  );

  it('an .ofd (GB/T 33190) counts as a summary and its text is shown (no program here writes OFD: a minimal package from the standard)', async () => {
    const t = openTestCore();
    const ofd = writeZip([
      {
        name: 'OFD.xml',
        data: Buffer.from(
          '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
        ),
      },
      {
        name: 'Doc_0/Document.xml',
        data: Buffer.from(
          '<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
        ),
      },
      {
        name: 'Doc_0/Pages/Page_0/Content.xml',
        data: Buffer.from(
          '<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="2"><ofd:TextObject ID="3" Boundary="0 0 100 10" Font="4" Size="5"><ofd:TextCode X="0" Y="5">柳州市公交集团1路车队</ofd:TextCode><ofd:TextCode X="60" Y="5">工作总结</ofd:TextCode></ofd:TextObject><ofd:TextObject ID="5" Boundary="0 20 100 10" Font="4" Size="5"><ofd:TextCode X="0" Y="5">安全行驶十万公里。</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>',
        ),
      },
    ]);
    const file = path.join(tempDir(), '工作总结.ofd');
    fs.writeFileSync(file, ofd);
    const report = (await t.call('intake.import', { files: localFiles([file]) })).sources[0]!;
    expect(report.files!.map((f) => [f.name, f.kind])).toEqual([['工作总结.ofd', 'summary']]);
    const summary = (await t.call('submissions.get', { id: report.submission_id! })).files[0]!;
    expect(await t.call('files.preview', { sha256: summary.sha256 })).toEqual({
      kind: 'text',
      text: '柳州市公交集团1路车队工作总结\n安全行驶十万公里。',
      truncated: false,
    });
  });
});
