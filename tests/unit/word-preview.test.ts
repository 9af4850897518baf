import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wordDoc } from '../support/wordDoc';
import { officeBounds } from '../../src-main/core/intake/officeBounds';
import { makePng, writeZip } from '../support/zipWriter';
import { openTestCore, tempDir, type TestCore, localFiles } from './helpers';
import { sectorOf } from '../support/sectors';

/** The same file with its directory's sector chain bent into a loop: a parser that follows it never ends. */
function withSectorLoop(doc: Buffer): Buffer {
  const out = Buffer.from(doc);
  const shift = out.readUInt16LE(0x1e);
  const sectorAt = (n: number) => (n + 1) << shift;
  const directory = out.readUInt32LE(0x30);
  const fat = sectorAt(out.readUInt32LE(0x4c));
  const other = directory === 0 ? 1 : 0;
  out.writeInt32LE(other, fat + 4 * directory);
  out.writeInt32LE(directory, fat + 4 * other);
  return out;
}

async function summaryPreview(t: TestCore, unit: string, name: string, data: Buffer) {
  await t.call('units.create', { name: unit, sectorId: await sectorOf(t, '阳和工业新区（北部生态新区）团工委') });
  const zip = path.join(tempDir(), `${unit}.zip`);
  fs.writeFileSync(zip, writeZip([{ name, data }]));
  const imported = await t.call('intake.import', { files: localFiles([zip]) });
  const submission = await t.call('submissions.get', { id: imported.sources[0]!.submission_id! });
  const summary = submission.files.find((f) => f.kind === 'summary')!;
  expect(summary.name).toBe(name);
  return t.call('files.preview', { sha256: summary.sha256 });
}

const doc = wordDoc(
  '柳州市第一中学团委2022年度工作总结\n\n全年开展“组织化学习”五次，为群众办实事十件。学生姓名中有砦、䶮、𠮷。\n',
);

describe('.doc and .wps summaries', () => {
  it.skipIf(!doc)(
    'show their text to the reviewer, rare characters included',
    async () => {
      const t = openTestCore();
      const preview = await summaryPreview(t, '柳州市第一中学团委', '2022年度工作总结.doc', doc!);
      expect(preview).toMatchObject({ kind: 'text', fromWord: true, truncated: false });
      expect(preview.kind === 'text' && preview.text).toContain(
        '全年开展“组织化学习”五次，为群众办实事十件。学生姓名中有砦、䶮、𠮷。',
      );
    },
    180_000,
  );

  it.skipIf(!doc)(
    'a crafted file that would send the parser round in circles is stopped, and the app carries on',
    async () => {
      const t = openTestCore();
      const preview = await summaryPreview(t, '柳州银行营业部', '总结.wps', withSectorLoop(doc!));
      expect(preview).toMatchObject({ kind: 'none' });
      expect(preview.kind === 'none' && preview.message).toContain('无法读取（文件过大或过复杂）');
      // The process that asked is unharmed: the next operation answers as usual.
      expect(await t.call('units.list')).toHaveLength(1);
    },
    60_000,
  );
});

/**
 * A .docx whose document.xml inflates to 100 MB (about 100 KB on disk); `lying`: its headers say 10 KB. `text`: letters
 * that barely compress instead of spaces.
 */
function docxBomb(lying: boolean, bytes = 100 * 1024 ** 2, text = false): Buffer {
  const body = Buffer.alloc(bytes, 0x20);
  if (text)
    for (let i = 0, x = 7; i < bytes; i++) body[i] = 0x61 + (((x = (x * 1103515245 + 12345) >>> 0) >>> 16) % 26);
  body.write(
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>',
    0,
  );
  const zip = writeZip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      ),
      encoding: 'utf8',
    },
    { name: 'word/document.xml', data: body, encoding: 'utf8', deflate: true },
  ]);
  if (lying) {
    // The uncompressed size in the local header and in the central directory entry of the second part.
    const local = zip.indexOf(Buffer.from('word/document.xml')) - 30;
    zip.writeUInt32LE(10_000, local + 22);
    const central = zip.lastIndexOf(Buffer.from('word/document.xml')) - 46;
    zip.writeUInt32LE(10_000, central + 24);
  }
  return zip;
}

describe('a .docx built to explode', () => {
  it("is refused by its ratio below the part limit, and by the office's own lower limits from 设置 → 收件限制", async () => {
    const t = openTestCore();
    const intake = async (name: string, docx: Buffer) => {
      const file = path.join(tempDir(), `${name}.zip`);
      fs.writeFileSync(
        file,
        writeZip([
          { name: '2022年度工作总结.docx', data: docx },
          { name: '照片1.png', data: makePng(40, 30) },
        ]),
      );
      return (await t.call('intake.import', { files: localFiles([file]) })).sources[0]!;
    };
    // 12 MB of spaces from ~12 KB: under the 64 MB part limit, but 1:1000.
    expect(await intake('柳州市第一中学团委', docxBomb(false, 12 * 1024 ** 2))).toMatchObject({
      status: 'rejected',
      code: 'zip-bomb',
      message: expect.stringContaining('压缩比超过 1:200'),
    });
    // 3 MB of letters: an ordinary large document by default…
    const large = docxBomb(false, 3 * 1024 ** 2, true);
    expect((await intake('柳州银行营业部', large)).status).not.toBe('rejected');
    // …refused once the office lowers the part limit to 2 MB, the message naming the limit and where to change it.
    const limits = await t.call('intake.limits', undefined);
    await t.call('intake.setLimits', { ...limits, maxDocumentPartBytes: 2 * 1024 ** 2 });
    expect(await t.call('intake.limits', undefined)).toMatchObject({
      maxDocumentPartBytes: 2 * 1024 ** 2,
      maxDocumentTotalBytes: 256 * 1024 ** 2,
    });
    const refused = await intake('柳州市图书馆少儿部', docxBomb(false, 3 * 1024 ** 2 + 1, true));
    expect(refused).toMatchObject({
      status: 'rejected',
      code: 'zip-bomb',
      message: expect.stringMatching(/单个部件超过 2 MB.*设置 → 收件限制/),
    });
    expect(fs.readdirSync(path.join(t.dataDir, 'files', '.tmp'))).toEqual([]);
  }, 60_000);

  for (const lying of [false, true]) {
    it(`is refused at intake as zip-bomb naming the file, and never converted for preview, ${lying ? 'its headers claiming it is small' : 'its headers saying how large it is'}`, async () => {
      const t = openTestCore();
      const bomb = docxBomb(lying);
      const file = path.join(tempDir(), '柳州市第一中学团委.zip');
      fs.writeFileSync(file, writeZip([{ name: '2022年度工作总结.docx', data: bomb }]));
      const [report] = (await t.call('intake.import', { files: localFiles([file]) })).sources;
      expect(report).toMatchObject({
        status: 'rejected',
        code: 'zip-bomb',
        message: expect.stringContaining('“2022年度工作总结.docx”解压后异常庞大'),
      });
      expect(fs.readdirSync(path.join(t.dataDir, 'files', '.tmp'))).toEqual([]);
      // A file stored before intake checked documents is still bounded when previewed.
      const loose = path.join(tempDir(), 'bomb.docx');
      fs.writeFileSync(loose, bomb);
      expect(await officeBounds(loose)).toBe('too-large');
    }, 60_000);
  }
});
