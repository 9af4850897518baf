import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniff } from '../../src-main/core/intake/sniff';
import { writerDocument } from '../support/wordDoc';
import { makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';

const TEXT = '柳州市第一中学团委2022年度工作总结\n\n全年开展“组织化学习”五次，为群众办实事十件。\n';
// A formatted summary, as offices write them: a heading, a paragraph, a table.
const HTML = `<html><head><meta charset="utf-8"></head><body><h1>柳州市第一中学团委2022年度工作总结</h1><p>全年开展“组织化学习”五次，为群众办实事十件。</p><table border="1"><tr><td>活动</td><td>次数</td></tr><tr><td>志愿服务</td><td>12</td></tr></table></body></html>`;
const docx = writerDocument(HTML, 'docx', 'html');
const odt = writerDocument(TEXT, 'odt');

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
  it.skipIf(!docx)('a .docx with [Content_Types].xml last is a summary inside a ZIP, and the reviewer reads it (skipped without LibreOffice)', async () => {
    // The point of the test: this is the order that made content sniffing call it a plain ZIP.
    expect(entryOrder(docx!).at(-1)).toBe('[Content_Types].xml');
    expect((await sniff(docx!.subarray(0, 4100))).ext).toBe('zip');
    const t = openTestCore();
    await t.call('units.create', { name: '柳州市第一中学团委', sectorId: 6 });
    const zip = path.join(tempDir(), '柳州市第一中学团委.zip');
    fs.writeFileSync(zip, writeZip([{ name: '2022年度工作总结.docx', data: docx! }, ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(60 + i, 40) }))]));
    const report = (await t.call('intake.import', { files: localFiles([zip]) })).sources[0]!;
    expect(report).toMatchObject({ status: 'imported', completeness: 'complete' });
    expect(report.files!.find((f) => f.name === '2022年度工作总结.docx')).toMatchObject({ kind: 'summary' });
    const submission = await t.call('submissions.get', { id: report.submission_id! });
    const summary = submission.files.find((f) => f.kind === 'summary')!;
    expect(summary.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const preview = await t.call('files.preview', { sha256: summary.sha256 });
    expect(preview.kind === 'html' && preview.html).toContain('全年开展“组织化学习”五次');
  }, 180_000);

  it.skipIf(!docx || !odt)('a .docx or .odt given on its own is one document, not an archive of its XML parts (skipped without LibreOffice)', async () => {
    const t = openTestCore();
    await t.call('units.create', { name: '柳州市第一中学团委', sectorId: 6 });
    const dir = tempDir();
    for (const [name, data] of [['柳州市第一中学团委工作总结.docx', docx!], ['柳州市第一中学团委工作总结.odt', odt!]] as const) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, data);
      const report = (await t.call('intake.import', { files: localFiles([file]) })).sources[0]!;
      expect(report.files!.map((f) => [f.name, f.kind])).toEqual([[name, 'summary']]);
      expect(report.unit?.name).toBe('柳州市第一中学团委');
    }
  }, 180_000);
});
