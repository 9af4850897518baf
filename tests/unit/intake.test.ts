import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chineseClientEml } from '../support/emlBuilder';
import { fakePhoto, makeDocx, makePng, writeZip, type ZipEntryInput } from '../support/zipWriter';
import { openTestCore, tempDir, type TestCore, localFiles, OFFICE, PAGE } from './helpers';

function goodEntries(folder: string, modified = new Date('2022-10-20T10:00:00+08:00')): ZipEntryInput[] {
  return [
    { name: `${folder}/工作总结.docx`, data: makeDocx(folder), modified, deflate: true },
    { name: `${folder}/活动照片1.png`, data: makePng(64, 48), modified },
    { name: `${folder}/活动照片2.png`, data: makePng(65, 48), modified },
    { name: `${folder}/活动照片3.png`, data: makePng(66, 48), modified },
  ];
}

function put(dir: string, name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

async function roster(t: TestCore) {
  for (const [name, email] of [
    ['柳州银行营业部', 'yyb@lzbank.cn'],
    ['柳州银行鱼峰支行营业部', null],
    ['柳州市人民医院急诊科', 'jzk@lzrmyy.cn'],
    ['柳州市人民医院儿科', null],
    ['柳州市第一中学团委', null],
  ] as const) {
    await t.call('units.create', { name, email });
  }
}

async function importOne(t: TestCore, file: string) {
  const result = await t.call('intake.import', { files: localFiles([file]) });
  return result.sources[0]!;
}

describe('intake', () => {
  it('stores a GBK-named ZIP from Chinese Windows, matched by its folder name, complete and on time', async () => {
    const t = openTestCore();
    await roster(t);
    const dir = tempDir();
    const report = await importOne(t, put(dir, '2022年度材料.zip', writeZip(goodEntries('柳州市第一中学团委'))));
    expect(report).toMatchObject({
      status: 'imported',
      unit: { name: '柳州市第一中学团委' },
      match: { reason: '文件夹名含单位全称' },
      completeness: 'complete',
      late: false,
      received_from: 'archive',
      received_at: '2022-10-20T02:00:00.000Z',
    });
    expect(report.files!.map((f) => [f.name, f.kind])).toEqual([
      ['工作总结.docx', 'summary'],
      ['活动照片1.png', 'photo'],
      ['活动照片2.png', 'photo'],
      ['活动照片3.png', 'photo'],
    ]);
    const [submission] = await t.call('submissions.list', {});
    expect(submission!.files.find((f) => f.name === '活动照片2.png')).toMatchObject({
      width: 65,
      height: 48,
      mime: 'image/png',
    });
    expect(submission!.files[0]!.pathInSource).toBe('柳州市第一中学团委/工作总结.docx');
  });

  it('judges lateness at the end of the deadline day in China time, from the newest entry inside', async () => {
    const t = openTestCore();
    await roster(t);
    const dir = tempDir();
    const onTime = await importOne(
      t,
      put(dir, '柳州银行营业部.zip', writeZip(goodEntries('材料', new Date('2022-10-31T23:30:00+08:00')))),
    );
    expect(onTime).toMatchObject({ late: false, received_at: '2022-10-31T15:30:00.000Z', received_from: 'archive' });
    const late = await importOne(
      t,
      put(dir, '柳州银行鱼峰支行营业部.zip', writeZip(goodEntries('鱼峰材料', new Date('2022-11-01T00:10:00+08:00')))),
    );
    expect(late).toMatchObject({ late: true, unit: { name: '柳州银行鱼峰支行营业部' } });
  });

  it('reports the same archive, or the same files repacked, as duplicate; a changed one becomes version 2', async () => {
    const t = openTestCore();
    await roster(t);
    const dir = tempDir();
    const first = await importOne(t, put(dir, '柳州银行营业部.zip', writeZip(goodEntries('材料'))));
    expect(first).toMatchObject({ status: 'imported', version: 1 });
    const storeFiles = () => fs.readdirSync(path.join(t.dataDir, 'files'), { recursive: true }).length;
    const before = storeFiles();
    expect(await importOne(t, path.join(dir, '柳州银行营业部.zip'))).toMatchObject({
      status: 'duplicate',
      submission_id: first.submission_id,
    });
    const repacked = writeZip(
      goodEntries('材料')
        .map((e) => ({ ...e, name: e.name.replace('材料/', '另一个文件夹/') }))
        .reverse(),
    );
    expect(await importOne(t, put(dir, '重新打包.zip', repacked))).toMatchObject({ status: 'duplicate' });
    expect(storeFiles()).toBe(before);

    const changed = [...goodEntries('材料'), { name: '材料/活动照片4.png', data: makePng(80, 60) }];
    // A new summary with 修改稿 in the name is a 重新报送: a version of its own.
    const second = await importOne(t, put(dir, '柳州银行营业部（修改稿）.zip', writeZip(changed)));
    expect(second).toMatchObject({
      status: 'imported',
      version: 2,
      taken_as: 'version',
      unit: { name: '柳州银行营业部' },
    });
    const versions = await t.call('submissions.list', { unitId: second.unit!.id });
    expect(versions.map((v) => [v.version, v.isCurrent])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('reads many sources in one import as it reads them one by one: a copy, a refusal and a new version among them, each in order', async () => {
    const t = openTestCore();
    await roster(t);
    const dir = tempDir();
    const files = [
      put(dir, '柳州银行营业部.zip', writeZip(goodEntries('材料'))),
      put(dir, '柳州银行营业部（再发一次）.zip', writeZip(goodEntries('材料'))),
      put(dir, '坏的.zip', Buffer.from('PK\u0003\u0004 这不是压缩包')),
      put(
        dir,
        '柳州银行营业部（修改稿）.zip',
        writeZip([...goodEntries('材料'), { name: '材料/活动照片4.png', data: makePng(80, 60) }]),
      ),
      put(dir, '柳州市人民医院急诊科.zip', writeZip(goodEntries('急诊科'))),
    ];
    const { sources } = await t.call('intake.import', { files: localFiles(files) });
    expect(sources.map((s) => [s.source, s.status, s.version ?? null])).toEqual([
      ['柳州银行营业部.zip', 'imported', 1],
      ['柳州银行营业部（再发一次）.zip', 'duplicate', null],
      ['坏的.zip', 'rejected', null],
      ['柳州银行营业部（修改稿）.zip', 'imported', 2],
      ['柳州市人民医院急诊科.zip', 'imported', 1],
    ]);
    expect(sources[1]!.submission_id).toBe(sources[0]!.submission_id);
    // 导入材料 lists them newest first, in the order they were read.
    const history = await t.call('intake.history', {});
    expect(history.map((h) => h.label).reverse()).toEqual(files.map((f) => path.basename(f)));
    const bank = await t.call('submissions.list', { unitId: sources[0]!.unit!.id });
    expect(bank.map((v) => [v.version, v.isCurrent])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('never guesses between near-miss units: they go to 待认领, and a claim teaches the next import', async () => {
    const t = openTestCore();
    await roster(t);
    const dir = tempDir();
    // Neither bank's full name is in "柳州银行柳南支行营业部"; nor is either hospital department in "人民医院".
    const bank = await importOne(t, put(dir, '柳州银行柳南支行营业部.zip', writeZip(goodEntries('材料'))));
    expect(bank.status).toBe('unmatched');
    const hospital = await importOne(
      t,
      put(
        dir,
        '人民医院2022年材料.zip',
        writeZip(goodEntries('人民医院', new Date('2022-10-21T10:00:00+08:00')).slice(0, 2)),
      ),
    );
    expect(hospital.status).toBe('unmatched');
    const both = await importOne(
      t,
      put(
        dir,
        '柳州市人民医院急诊科和柳州市人民医院儿科联合材料.zip',
        writeZip([{ name: 'x.docx', data: makeDocx('联合') }]),
      ),
    );
    expect(both).toMatchObject({ status: 'unmatched' });

    const unclaimed = await t.call('submissions.list', { unclaimed: true });
    expect(unclaimed).toHaveLength(3);
    const units = await t.call('units.list', { search: '鱼峰' });
    const claimed = await t.call('submissions.assign', { submissionId: bank.submission_id!, unitId: units[0]!.id });
    expect(claimed.submission).toMatchObject({
      unitName: '柳州银行鱼峰支行营业部',
      version: 1,
      matchReason: '人工认领',
    });
    expect(claimed.learned).toEqual(['柳州银行柳南支行营业部']);

    const next = await importOne(
      t,
      put(dir, '柳州银行柳南支行营业部-补充照片.zip', writeZip([{ name: '照片.png', data: makePng(20, 20) }])),
    );
    // Photos alone, 补充 in the name: they join the claimed version rather than replace it.
    expect(next).toMatchObject({
      status: 'imported',
      unit: { name: '柳州银行鱼峰支行营业部' },
      version: 1,
      taken_as: 'supplement',
      supplement_of: bank.submission_id,
    });
    expect(next.match!.reason).toContain('别名');
  });

  it('reads an .eml from a Chinese client: RFC 2047 subject, RFC 2047 inside the quoted filename, raw GBK filename, sender matched, Date decides lateness', async () => {
    const t = openTestCore();
    await roster(t);
    const dir = tempDir();
    const raw = chineseClientEml({
      fromName: '急诊科团支部',
      fromAddress: 'JZK@lzrmyy.cn',
      subject: '2022年度青年文明号材料',
      date: 'Mon, 31 Oct 2022 23:30:00 +0800',
      messageId: '<abc123@lzrmyy.cn>',
    });
    const report = await importOne(t, put(dir, 'mail.eml', raw));
    expect(report).toMatchObject({
      status: 'imported',
      unit: { name: '柳州市人民医院急诊科' },
      match: { reason: '发件邮箱与名册一致' },
      received_from: 'email',
      received_at: '2022-10-31T15:30:00.000Z',
      late: false,
    });
    expect(report.files!.map((f) => f.name)).toEqual(['工作总结.docx', '照片一.png']);
    expect(report.problems).toEqual([{ code: 'too-few-photos', message: '照片 1 张，少于要求的 3 张' }]);
    const [submission] = await t.call('submissions.list', {});
    expect(submission).toMatchObject({
      subject: '2022年度青年文明号材料',
      senderName: '急诊科团支部',
      senderAddress: 'jzk@lzrmyy.cn',
      messageId: '<abc123@lzrmyy.cn>',
    });
  });

  it('rejects bad input with stable codes and a Chinese way forward, storing nothing', async () => {
    const t = openTestCore();
    await t.call('intake.setLimits', {
      maxTotalBytes: 3_000_000,
      maxEntries: 100,
      maxRatio: 100,
      ratioFloorBytes: 2_000_000,
      maxDepth: 3,
    });
    const dir = tempDir();
    const cases: Array<[string, Buffer, string, RegExp]> = [
      [
        '材料.zip',
        Buffer.concat([Buffer.from('Rar!\u001a\u0007\u0001\u0000', 'latin1'), Buffer.alloc(64, 1)]),
        'corrupt',
        /RAR 压缩包无法读取.*请联系该单位重新发送/,
      ],
      ['bomb.zip', writeZip([{ name: 'a.txt', data: Buffer.alloc(8_000_000), deflate: true }]), 'zip-bomb', /压缩炸弹/],
      ['big.zip', writeZip([{ name: 'a.jpg', data: fakePhoto(3_500_000) }]), 'too-large', /超过 3 MB 的上限/],
      [
        'evil.zip',
        writeZip([
          { name: 'ok.docx', data: makeDocx('x') },
          { name: '..\\..\\Windows\\evil.exe', data: Buffer.from('MZ') },
        ]),
        'unsafe-path',
        /试图写到收件文件夹以外/,
      ],
      [
        'junk.zip',
        writeZip([
          { name: '__MACOSX/._a.docx', data: Buffer.from('x') },
          { name: 'Thumbs.db', data: Buffer.from('x') },
        ]),
        'empty',
        /没有可用的文件（只有 2 个系统垃圾文件）/,
      ],
      ['nothing.zip', Buffer.alloc(0), 'empty', /空文件/],
      [
        'deep.zip',
        [1, 2, 3, 4].reduce(
          (inner, level) => writeZip([{ name: `第${level}层.zip`, data: inner }]),
          writeZip([{ name: '工作总结.docx', data: makeDocx('x') }]),
        ),
        'zip-bomb',
        /嵌套超过 3 层.*不要压缩包套压缩包/,
      ],
    ];
    for (const [name, bytes, code, message] of cases) {
      const report = await importOne(t, put(dir, name, bytes));
      expect(report, name).toMatchObject({ status: 'rejected', code });
      expect(report.message, name).toMatch(message);
      // A ZIP is what the office asks for: a ZIP refused must not be told to become one.
      if (name !== '材料.zip') expect(report.message, name).not.toMatch(/改用 ZIP/);
    }
    expect(await t.call('submissions.list', {})).toEqual([]);
    const stored = fs
      .readdirSync(path.join(t.dataDir, 'files'), { recursive: true })
      .filter((f) => !String(f).startsWith('.tmp'));
    expect(stored).toEqual([]);
  });

  it('skips and counts junk, expands nested ZIPs, and reads a folder of per-unit subfolders', async () => {
    const t = openTestCore();
    await roster(t);
    const dir = tempDir();
    const inner = writeZip(goodEntries('照片').slice(1));
    const outer = writeZip([
      { name: '工作总结.docx', data: makeDocx('x') },
      { name: '照片.zip', data: inner },
      { name: '__MACOSX/._工作总结.docx', data: Buffer.from('x') },
      { name: '~$工作总结.docx', data: Buffer.from('x') },
      { name: 'desktop.ini', data: Buffer.from('x') },
    ]);
    const report = await importOne(t, put(dir, '柳州银行营业部材料.zip', outer));
    expect(report).toMatchObject({ status: 'imported', completeness: 'complete', junk_skipped: 3 });
    expect(report.files!.map((f) => f.name)).toEqual([
      '工作总结.docx',
      '活动照片1.png',
      '活动照片2.png',
      '活动照片3.png',
    ]);

    const folder = tempDir();
    for (const unit of ['柳州市第一中学团委', '柳州市人民医院儿科']) {
      fs.mkdirSync(path.join(folder, unit));
      fs.writeFileSync(path.join(folder, unit, '总结.docx'), makeDocx(unit));
      fs.writeFileSync(path.join(folder, unit, '照片.png'), makePng(10, 10));
    }
    const result = await t.call('intake.import', { files: localFiles([folder]) });
    expect(result.sources.map((s) => [s.source, s.status, s.unit?.name, s.received_from])).toEqual([
      ['柳州市人民医院儿科', 'imported', '柳州市人民医院儿科', 'file'],
      ['柳州市第一中学团委', 'imported', '柳州市第一中学团委', 'file'],
    ]);
    expect(result.totals).toMatchObject({ sources: 2, imported: 2, incomplete: 2 });
  });

  it('sweeps store files no row refers to at the next start, and browser mode may not read paths', async () => {
    const t = openTestCore();
    await roster(t);
    const dir = tempDir();
    await importOne(t, put(dir, '柳州银行营业部.zip', writeZip(goodEntries('材料'))));
    const stray = path.join(t.dataDir, 'files', 'ab', 'ab'.padEnd(64, '0'));
    fs.mkdirSync(path.dirname(stray), { recursive: true });
    fs.writeFileSync(stray, 'left by a killed import');
    const deadTemp = path.join(t.dataDir, 'files', '.tmp', `${2 ** 22 + 7}-deadbeef`);
    fs.writeFileSync(deadTemp, 'half written');
    t.core.close();
    const again = openTestCore(t.dataDir);
    expect(fs.existsSync(stray)).toBe(false);
    expect(fs.existsSync(deadTemp)).toBe(false);
    const [submission] = await again.call('submissions.list', {});
    for (const file of submission!.files)
      expect(fs.existsSync(path.join(t.dataDir, 'files', file.sha256.slice(0, 2), file.sha256))).toBe(true);
    expect(await again.core.invoke('intake.import', { files: localFiles([dir]) }, PAGE)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});

describe('small files go straight to the store', () => {
  it('replaces what a killed writer left short under a hash, and a refused source writes nothing', async () => {
    const t = openTestCore();
    await roster(t);
    const photo = makePng(64, 48);
    const sha = crypto.createHash('sha256').update(photo).digest('hex');
    const target = path.join(t.dataDir, 'files', sha.slice(0, 2), sha);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, photo.subarray(0, 10));
    const dir = tempDir();
    await importOne(t, put(dir, '柳州银行营业部.zip', writeZip(goodEntries('材料'))));
    expect(fs.readFileSync(target).equals(photo)).toBe(true);

    const stored = () =>
      fs
        .readdirSync(path.join(t.dataDir, 'files'))
        .filter((d) => d !== '.tmp')
        .flatMap((d) => fs.readdirSync(path.join(t.dataDir, 'files', d))).length;
    const before = stored();
    const bad = tempDir();
    // New small files first, then one whose checksum fails: the source is refused and none of it is kept.
    const zip = writeZip([
      { name: '新总结.docx', data: makeDocx('新的') },
      { name: '新照片.png', data: makePng(90, 90) },
      { name: 'bad.png', data: makePng(91, 91) },
    ]);
    const crcAt = zip.lastIndexOf(Buffer.from('bad.png')) - 46 + 16;
    zip.writeUInt32LE(zip.readUInt32LE(crcAt) ^ 1, crcAt);
    const refused = await importOne(t, put(bad, '柳州市第一中学团委.zip', zip));
    expect(refused).toMatchObject({ status: 'rejected', code: 'corrupt' });
    expect(stored()).toBe(before);
    expect(fs.readdirSync(path.join(t.dataDir, 'files', '.tmp'))).toEqual([]);
  });
});

describe('intake cancel', () => {
  it('stops between sources: finished ones stay stored, the rest are not started, nothing half-written', async () => {
    const t = openTestCore();
    const dir = tempDir();
    for (let i = 0; i < 6; i++) put(dir, `单位${i}.zip`, writeZip(goodEntries(`单位${i}`)));
    const stop = t.core.subscribe((event) => {
      if (event.type === 'progress' && event.operation === 'intake.import' && event.done === 2)
        void t.core.invoke('jobs.cancel', {}, OFFICE);
    });
    const result = await t.call('intake.import', { files: localFiles([dir]) });
    stop();
    expect(result.cancelled).toBe(true);
    expect(result.sources.length).toBeLessThan(6);
    expect(result.sources.length + result.notStarted).toBe(6);
    const stored = await t.call('submissions.list', {});
    expect(stored).toHaveLength(result.sources.length);
    expect(fs.readdirSync(path.join(t.dataDir, 'files', '.tmp'))).toEqual([]);
  });
});
