import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../src-main/core/intake/fileNames';
import { makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';
import { needs } from '../support/tools';
import { sectorOf } from '../support/sectors';

const LONG = `柳州市第一中学团委关于${'开展青年文明号创建活动的'.repeat(16)}总结.docx`;
// Long in characters yet within the 255 bytes a Linux file name may have, so 7-Zip can pack it.
const LONG_ON_DISK = `柳州市第一中学团委_2022_${'summary_'.repeat(16)}总结.png`;

describe('names of received files', () => {
  it('show what they are: no hidden direction marks, no device names, no trailing dots, at most 120 characters', () => {
    expect(safeFileName('照片\u202Egpj.exe')).toBe('照片gpj.exe');
    expect(safeFileName('\u2066总结\u2069\u200B.docx')).toBe('总结.docx');
    expect(safeFileName('CON')).toBe('_CON');
    expect(safeFileName('nul.jpg')).toBe('_nul.jpg');
    expect(safeFileName('Com1.txt')).toBe('_Com1.txt');
    expect(safeFileName('console.jpg')).toBe('console.jpg');
    expect(safeFileName('工作总结.docx. . ')).toBe('工作总结.docx');
    expect(safeFileName('a<b>c:d"e|f?g*h.jpg')).toBe('a_b_c_d_e_f_g_h.jpg');
    expect(safeFileName(' \u202E ...')).toBe('未命名文件');
    const cut = safeFileName(LONG);
    expect([...cut]).toHaveLength(120);
    expect(cut.endsWith('.docx')).toBe(true);
  });

  it.skipIf(!needs('7zz'))(
    'are made safe for entries of a ZIP that 7-Zip wrote, as for e-mail attachments',
    async () => {
      const t = openTestCore();
      await t.call('units.create', { name: '柳州市第一中学团委', sectorId: await sectorOf(t, '金融团工委') });
      const work = tempDir();
      const folder = path.join(work, '柳州市第一中学团委');
      fs.mkdirSync(folder);
      const names = ['照片\u202Egpj.exe', 'CON', 'nul.jpg', '活动照片.png.', LONG_ON_DISK];
      for (const [i, name] of names.entries()) fs.writeFileSync(path.join(folder, name), makePng(40 + i, 30));
      const zip = path.join(work, '柳州市第一中学团委.zip');
      const made = spawnSync('7zz', ['a', '-tzip', '-mcu=on', zip, folder], { encoding: 'utf8' });
      expect(made.status, made.stderr).toBe(0);
      const report = (await t.call('intake.import', { files: localFiles([zip]) })).sources[0]!;
      expect(report.status).toBe('imported');
      expect([...safeFileName(LONG_ON_DISK)]).toHaveLength(120);
      expect(report.files!.map((f) => f.name).sort()).toEqual(
        ['_CON', '_nul.jpg', safeFileName(LONG_ON_DISK), '活动照片.png', '照片gpj.exe'].sort(),
      );
      // What the bytes are still decides the kind: a picture named .exe is a photo, shown by its true name.
      expect(report.files!.find((f) => f.name === '照片gpj.exe')?.kind).toBe('photo');
      const submission = await t.call('submissions.get', { id: report.submission_id! });
      expect(submission.files.every((f) => !/[\u202A-\u202E\u2066-\u2069]/.test(f.name + f.pathInSource))).toBe(true);
    },
  );

  it('refuses an archive whose local header names another file or another method than its central directory', async () => {
    for (const tamper of ['name', 'method'] as const) {
      const t = openTestCore();
      await t.call('units.create', { name: '柳州市第一中学团委', sectorId: await sectorOf(t, '金融团工委') });
      const zip = writeZip([
        { name: '柳州市第一中学团委/照片1.png', data: makePng(40, 30), encoding: 'utf8', deflate: true },
        { name: '柳州市第一中学团委/照片2.png', data: makePng(41, 30), encoding: 'utf8', deflate: true },
      ]);
      const local = zip.indexOf(Buffer.from('照片2.png')) - Buffer.byteLength('柳州市第一中学团委/') - 30;
      expect(zip.readUInt32LE(local)).toBe(0x04034b50);
      if (tamper === 'name') zip.write('3', local + 30 + Buffer.byteLength('柳州市第一中学团委/照片'), 'latin1');
      else zip.writeUInt16LE(0, local + 8);
      const file = path.join(tempDir(), '柳州市第一中学团委.zip');
      fs.writeFileSync(file, zip);
      const report = (await t.call('intake.import', { files: localFiles([file]) })).sources[0]!;
      expect(report, tamper).toMatchObject({ status: 'rejected', code: 'corrupt' });
      expect(report.message).toContain('前后不一致');
      expect(await t.call('submissions.list', {})).toHaveLength(0);
    }
  });
});
