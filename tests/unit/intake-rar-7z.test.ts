import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { pythonMail } from '../support/pythonMail';
import { FIXTURES } from '../support/sharedFixtures';
import { rar4Stored } from '../support/rar4Stored';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir, OFFICE } from './helpers';
import { needs } from '../support/tools';

const rar = (name: string) => path.join(FIXTURES, 'rar', name);
const VOLUMES = [1, 2, 3, 4].map((i) => rar(`rar5_multivolume_solid.part0${i}.rar`));
const VOLUME_NAMES = [
  'cebula.txt',
  'test.bin',
  'test1.bin',
  'test2.bin',
  'test3.bin',
  'test4.bin',
  'test5.bin',
  'test6.bin',
  'elf-Linux-ARMv7-ls',
];

/** Nothing half-written stays in the store's temporary area. */
function tmpIsEmpty(dataDir: string): void {
  expect(fs.readdirSync(path.join(dataDir, 'files', '.tmp'))).toEqual([]);
}

/** A 7z written by Debian's 7-Zip from the files in `dir`. */
function sevenZip(dir: string, out: string, args: string[] = []): string {
  const run = spawnSync('7zz', ['a', '-bd', '-y', ...args, out, '.'], { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr || run.stdout);
  return out;
}

function unitFolder(): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, '柳州市第一中学团委'));
  fs.writeFileSync(path.join(dir, '柳州市第一中学团委', '工作总结.docx'), makeDocx('总结'));
  for (const i of [1, 2, 3])
    fs.writeFileSync(path.join(dir, '柳州市第一中学团委', `活动照片${i}.png`), makePng(40 + i, 30));
  return dir;
}

describe('RAR and 7z intake', () => {
  it.skipIf(!needs('7zz'))(
    'reads a 7z written by 7-Zip: Chinese names, its folder naming the unit, a ZIP inside unpacked, a symlink skipped',
    async () => {
      const t = openTestCore();
      await t.call('units.create', { name: '柳州市第一中学团委' });
      const dir = unitFolder();
      fs.writeFileSync(
        path.join(dir, '柳州市第一中学团委', '补充照片.zip'),
        writeZip([{ name: '活动照片4.png', data: makePng(50, 30) }]),
      );
      fs.symlinkSync('/etc/passwd', path.join(dir, '柳州市第一中学团委', '链接'));
      const archive = sevenZip(dir, path.join(tempDir(), '材料.7z'), ['-snl']);
      const report = (await t.call('intake.import', { files: localFiles([archive]) })).sources[0]!;
      expect(report).toMatchObject({
        status: 'imported',
        unit: { name: '柳州市第一中学团委' },
        completeness: 'complete',
        received_from: 'archive',
      });
      expect(report.files!.map((f) => f.name).sort(), JSON.stringify(report)).toEqual([
        '工作总结.docx',
        '活动照片1.png',
        '活动照片2.png',
        '活动照片3.png',
        '活动照片4.png',
      ]);
      expect(report.notes).toEqual(
        expect.arrayContaining([
          '已跳过链接“柳州市第一中学团委/链接”（不会创建链接）',
          '已展开内层压缩包“柳州市第一中学团委/补充照片.zip”',
        ]),
      );
      tmpIsEmpty(t.dataDir);
    },
  );

  it.skipIf(!needs('fixtures'))(
    'reads the parts of a multi-volume RAR given together as one archive, and refuses a part alone asking for the rest',
    async () => {
      const t = openTestCore();
      const together = (await t.call('intake.import', { files: localFiles(VOLUMES) })).sources;
      expect(together).toHaveLength(1);
      expect(together[0]).toMatchObject({
        status: 'unmatched',
        source: 'rar5_multivolume_solid.part01.rar 等 4 个分卷',
      });
      expect(together[0]!.files!.map((f) => f.name)).toEqual(VOLUME_NAMES);
      for (const part of [VOLUMES[0]!, VOLUMES[2]!]) {
        const alone = (await openTestCore().call('intake.import', { files: localFiles([part]) })).sources[0]!;
        expect(alone).toMatchObject({
          status: 'rejected',
          code: 'unsupported-format',
          message: expect.stringContaining('全部分卷'),
        });
      }
      tmpIsEmpty(t.dataDir);
    },
  );

  it.skipIf(!needs('fixtures', 'python3'))(
    'reads a multi-volume RAR sent as four attachments of one mail (written by Python)',
    async () => {
      const eml = path.join(tempDir(), 'parts.eml');
      fs.writeFileSync(
        eml,
        pythonMail({
          from: '市中院立案庭 <la@lzzy.gov.cn>',
          subject: '青年文明号材料（分卷压缩）',
          date: 'Thu, 20 Oct 2022 10:00:00 +0800',
          messageId: '<parts-1@lzzy.gov.cn>',
          body: '材料较大，分卷发送。',
          attachments: VOLUMES.map((file) => ({
            file,
            filename: path.basename(file),
            type: 'application/x-rar-compressed',
          })),
        }),
      );
      const t = openTestCore();
      const report = (await t.call('intake.import', { files: localFiles([eml]) })).sources[0]!;
      expect(report.files!.map((f) => f.name)).toEqual(VOLUME_NAMES);
      expect(report.notes!.join('；')).toContain('已合并 4 个分卷');
      tmpIsEmpty(t.dataDir);
    },
  );

  it.skipIf(!needs('fixtures'))(
    'refuses a self-extracting .exe without running it, and names the 7z method it lacks instead of calling the archive damaged',
    async () => {
      const t = openTestCore();
      const [sfx] = (await t.call('intake.import', { files: localFiles([rar('rar5_sfx_windows.exe')]) })).sources;
      expect(sfx).toMatchObject({
        status: 'rejected',
        code: 'unsupported-format',
        message: expect.stringContaining('自解压程序'),
      });
      const [zstd] = (
        await t.call('intake.import', { files: localFiles([path.join(FIXTURES, '7z', '7z_zstd_codec.7z')]) })
      ).sources;
      expect(zstd).toMatchObject({
        status: 'rejected',
        code: 'unsupported-format',
        message: expect.stringContaining('Zstandard'),
      });
      tmpIsEmpty(t.dataDir);
    },
  );

  it.skipIf(!needs('7zz'))(
    'decodes a RAR4 name stored without the Unicode flag as GBK, as WinRAR on Chinese Windows writes it, and skips a Unix symlink',
    async () => {
      const t = openTestCore();
      await t.call('units.create', { name: '柳州市人民医院急诊科' });
      const archive = rar4Stored([
        { rawName: iconv.encode('柳州市人民医院急诊科\\工作总结.docx', 'gbk'), data: makeDocx('总结') },
        { rawName: Buffer.from('link'), data: Buffer.from('/etc/passwd'), unixMode: 0o120777 },
        ...[1, 2, 3].map((i) => ({
          rawName: iconv.encode(`柳州市人民医院急诊科\\照片${i}.png`, 'gbk'),
          data: makePng(20 + i, 20),
        })),
      ]);
      const file = path.join(tempDir(), '材料.rar');
      fs.writeFileSync(file, archive);
      expect(spawnSync('7zz', ['t', file]).status, '7-Zip must accept the hand-made RAR').toBe(0);
      const report = (await t.call('intake.import', { files: localFiles([file]) })).sources[0]!;
      expect(report).toMatchObject({
        status: 'imported',
        unit: { name: '柳州市人民医院急诊科' },
        completeness: 'complete',
        received_at: '2022-10-20T02:00:00.000Z',
      });
      expect(report.files!.map((f) => f.path)).toEqual([
        '柳州市人民医院急诊科/工作总结.docx',
        ...[1, 2, 3].map((i) => `柳州市人民医院急诊科/照片${i}.png`),
      ]);
      expect(report.notes!.join('；')).toContain('已跳过链接“link”');
    },
  );

  it.skipIf(!needs('7zz'))(
    'refuses a 7z bomb by its declared sizes before decoding, and leaves nothing behind when cancelled mid-archive',
    async () => {
      const t = openTestCore();
      await t.call('intake.setLimits', {
        maxTotalBytes: 50_000_000,
        maxEntries: 100,
        maxRatio: 100,
        ratioFloorBytes: 2_000_000,
        maxDepth: 3,
      });
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'zeros.bin'), Buffer.alloc(120_000_000));
      const bomb = sevenZip(dir, path.join(tempDir(), 'bomb.7z'));
      const [refused] = (await t.call('intake.import', { files: localFiles([bomb]) })).sources;
      expect(refused).toMatchObject({ status: 'rejected', code: 'zip-bomb' });

      const big = tempDir();
      for (const i of [1, 2, 3, 4])
        fs.writeFileSync(
          path.join(big, `照片${i}.jpg`),
          Buffer.from(Array.from({ length: 8_000_000 }, (_, j) => (j * 7919 + i) & 0xff)),
        );
      const archive = sevenZip(big, path.join(tempDir(), 'big.7z'), ['-mx0']);
      const cancelled = t.call('intake.import', { files: localFiles([archive]) });
      const unsubscribe = t.core.subscribe((event) => {
        if (event.type === 'progress' && event.operation === 'intake.import')
          void t.core.invoke('jobs.cancel', {}, OFFICE);
      });
      const result = await cancelled;
      unsubscribe();
      expect(result.cancelled || result.sources[0]?.status === 'imported').toBe(true);
      tmpIsEmpty(t.dataDir);
    },
  );

  it.skipIf(!needs('7zz'))(
    'a 7z naming 100,000 entries is refused from the first entries past the limit, its listing never held whole',
    async () => {
      const t = openTestCore();
      const dir = tempDir();
      for (let i = 0; i < 100_000; i++) fs.writeFileSync(path.join(dir, `f${i}.txt`), '');
      const archive = sevenZip(dir, path.join(tempDir(), 'many.7z'));
      fs.rmSync(dir, { recursive: true, force: true });
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      const [refused] = (await t.call('intake.import', { files: localFiles([archive]) })).sources;
      clearInterval(timer);
      expect(refused).toMatchObject({ status: 'rejected', code: 'zip-bomb' });
      expect(refused!.message).toContain('超过 5000 个');
      expect((peak - before) / 1024 ** 2).toBeLessThan(150);
    },
    180_000,
  );
});
