import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRosterRows, rosterCsv, rosterXlsx } from '../support/rosterSheets';
import { ensureBuilt } from '../support/build';
import { desk } from '../support/desk';
import { tempDir } from './helpers';

const bin = path.resolve(__dirname, '../../bin/desk.js');

beforeAll(() => ensureBuilt(), 120_000);

describe('desk CLI', () => {
  it('imports a 300-row office sheet with bad rows, then its GBK .csv twin, and a second run changes nothing', async () => {
    const data = tempDir();
    const dir = tempDir();
    const rows = makeRosterRows(300);
    rows[5]!.phone = '电话待补';
    rows[6]!.name = '';
    const xlsx = path.join(dir, 'roster.xlsx');
    const csv = path.join(dir, 'roster.csv');
    fs.writeFileSync(xlsx, await rosterXlsx(rows));
    fs.writeFileSync(csv, rosterCsv(rows, 'gbk'));

    const first = await desk(['--data', data, 'units', 'import', xlsx, '--json']);
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout);
    expect(result).toMatchObject({ ok: true, value: { created: 298, updated: 0, noChange: false } });
    expect(result.value.bad).toEqual([
      { row: 9, name: rows[5]!.name, reasons: ['联系电话“电话待补”格式不正确'] },
      { row: 10, name: '', reasons: ['集体名称为空'] },
    ]);

    for (const file of [xlsx, csv]) {
      const again = await desk(['units', 'import', file, '--json'], { COMMITTEE_DESK_DATA: data });
      expect(JSON.parse(again.stdout)).toMatchObject({
        ok: true,
        value: { created: 0, updated: 0, unchanged: 298, noChange: true },
      });
    }
    const human = await desk(['--data', data, 'units', 'import', csv]);
    expect(human.stdout).toContain('无变化：298 个集体与名册一致。');
    expect(human.stdout).toContain('第 7 行（' + rows[5]!.name + '）：联系电话“电话待补”格式不正确');

    const list = JSON.parse((await desk(['--data', data, 'units', 'list', '--json'])).stdout);
    expect(list.value).toHaveLength(298);
    expect(list.value[0]).toEqual(
      expect.objectContaining({
        id: expect.any(Number),
        name: expect.any(String),
        sectorName: expect.any(String),
        aliases: expect.any(Array),
      }),
    );
  });

  it('exports the roster to a real .xlsx and lists campaigns', async () => {
    const data = tempDir();
    const dir = tempDir();
    const xlsx = path.join(dir, 'in.xlsx');
    fs.writeFileSync(xlsx, await rosterXlsx(makeRosterRows(12)));
    await desk(['--data', data, 'units', 'import', xlsx]);
    const out = path.join(dir, '导出名册.xlsx');
    const exported = await desk(['--data', data, 'units', 'export', out]);
    expect(exported.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.getWorksheet('集体名册')!.rowCount).toBe(14);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const campaigns = JSON.parse((await desk(['--data', data, 'campaigns', 'list', '--json'])).stdout);
    expect(campaigns.value[0]).toMatchObject({ year: 2022, isCurrent: true, totalPoints: 100 });
    expect((await desk(['--data', data, 'campaigns', 'list'])).stdout).toContain(
      '★ 2022年度  截止 2022-10-31  清单 12 项 / 100 分',
    );
  });

  it('fails with a non-zero status and a one-line reason on bad input', async () => {
    const data = tempDir();
    const missing = await desk(['--data', data, 'units', 'import', '/nope/roster.xlsx']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('错误（file-not-found）：找不到文件：/nope/roster.xlsx');
    const json = await desk(['--data', data, 'units', 'import', '/nope/roster.xlsx', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: false,
      error: { code: 'file-not-found', message: '找不到文件：/nope/roster.xlsx' },
    });

    const fake = path.join(tempDir(), 'fake.xlsx');
    fs.writeFileSync(fake, Buffer.from('Rar!\u001a\u0007\u0000 not a sheet'));
    const wrong = await desk(['--data', data, 'units', 'import', fake, '--json']);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout).error.code).toBe('unsupported-format');

    const usage = await desk(['units', 'frobnicate']);
    expect(usage.code).toBe(2);
    const help = await desk(['units', 'import', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('从 .xlsx 或 .csv');
  });
});

describe('desk CLI beside another writer', () => {
  it('refuses a second long write while another live process holds the data folder, and takes over a dead one', async () => {
    const data = tempDir();
    const dir = tempDir();
    const csv = path.join(dir, 'roster.csv');
    fs.writeFileSync(csv, rosterCsv(makeRosterRows(5), 'utf-8'));
    fs.mkdirSync(path.join(data, 'locks'), { recursive: true });
    const lock = path.join(data, 'locks', 'long-write.lock');
    // This test process is alive: its lock must be respected.
    fs.writeFileSync(
      lock,
      JSON.stringify({ pid: process.pid, operation: '名册导入', startedAt: new Date().toISOString() }),
    );
    const refused = await desk(['--data', data, 'units', 'import', csv, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual({
      ok: false,
      error: { code: 'busy', message: '另一项写入操作（名册导入）正在进行中，请等它完成后再试。' },
    });
    expect(JSON.parse((await desk(['--data', data, 'units', 'list', '--json'])).stdout).value).toEqual([]);

    // A lock left by a process that no longer exists is taken over.
    fs.writeFileSync(
      lock,
      JSON.stringify({ pid: 2 ** 22 + 12345, operation: '名册导入', startedAt: '2022-10-31T00:00:00Z' }),
    );
    const done = await desk(['--data', data, 'units', 'import', csv, '--json']);
    expect(JSON.parse(done.stdout)).toMatchObject({ ok: true, value: { created: 5 } });
    expect(fs.existsSync(lock)).toBe(false);
  });
});

describe('desk import', () => {
  it('prints one JSON document per docs/cli.md, and submissions list/assign work by unit name', async () => {
    const data = tempDir();
    const dir = tempDir();
    const { writeZip, makeDocx, makePng } = await import('../support/zipWriter');
    fs.writeFileSync(
      path.join(dir, '柳州银行营业部.zip'),
      writeZip([
        { name: '总结.docx', data: makeDocx('x') },
        ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(10 + i, 10) })),
      ]),
    );
    fs.writeFileSync(path.join(dir, '不知道是谁.zip'), writeZip([{ name: '总结.docx', data: makeDocx('y') }]));
    fs.writeFileSync(
      path.join(dir, '假的.zip'),
      Buffer.from('7z\u00bc\u00af\u0027\u001c\u0000\u0004 not really', 'latin1'),
    );
    const rosterFile = path.join(tempDir(), 'roster.csv');
    fs.writeFileSync(rosterFile, '集体名称,电子邮箱\n柳州银行营业部,yyb@lzbank.cn\n柳州市图书馆少儿部,\n');
    await desk(['--data', data, 'units', 'import', rosterFile]);

    const run = await desk(['--data', data, 'import', dir, '--json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(Object.keys(doc).sort()).toEqual(['sources', 'totals']);
    const by = (name: string) => doc.sources.find((s: { source: string }) => s.source === name);
    expect(by('柳州银行营业部.zip')).toMatchObject({
      status: 'imported',
      unit: { name: '柳州银行营业部' },
      match: { score: 95, reason: '压缩包名含单位全称' },
      received_from: 'archive',
      late: false,
      completeness: 'complete',
      problems: [],
    });
    expect(by('柳州银行营业部.zip').files[1]).toEqual({
      name: '照片1.png',
      path: '照片1.png',
      kind: 'photo',
      size: expect.any(Number),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(by('不知道是谁.zip')).toMatchObject({
      status: 'unmatched',
      completeness: 'incomplete',
      problems: [{ code: 'too-few-photos' }],
    });
    expect(by('假的.zip')).toMatchObject({
      status: 'rejected',
      code: 'corrupt',
      message: expect.stringContaining('7z 压缩包无法读取'),
    });
    expect(doc.totals).toMatchObject({ sources: 3, imported: 1, unmatched: 1, rejected: 1, duplicate: 0 });

    const unclaimed = JSON.parse(
      (await desk(['--data', data, 'submissions', 'list', '--unclaimed', '--json'])).stdout,
    ).value;
    expect(unclaimed).toHaveLength(1);
    const assigned = await desk([
      '--data',
      data,
      'submissions',
      'assign',
      String(unclaimed[0].id),
      '柳州市图书馆少儿部',
    ]);
    expect(assigned.stdout).toContain('已把材料');
    expect(assigned.stdout).toContain('认领给“柳州市图书馆少儿部”（第 1 版）');
    const all = JSON.parse(
      (await desk(['--data', data, 'submissions', 'list', '--campaign', '2022', '--json'])).stdout,
    ).value;
    expect(all.map((s: { unitName: string }) => s.unitName).sort()).toEqual(['柳州市图书馆少儿部', '柳州银行营业部']);
    const wrongYear = await desk(['--data', data, 'submissions', 'list', '--campaign', '2031', '--json']);
    expect(wrongYear.code).toBe(1);
    expect(JSON.parse(wrongYear.stdout).error.code).toBe('no-campaign');

    // Corrections: move, a file's kind, delete and restore — each in the history.
    const bank = by('柳州银行营业部.zip').submission_id as number;
    const moved = await desk([
      '--data',
      data,
      'submissions',
      'move',
      String(bank),
      '柳州市图书馆少儿部',
      '--reason',
      '发错了单位名',
    ]);
    expect(moved.stdout).toContain('已把材料');
    expect(moved.stdout).toContain('改到“柳州市图书馆少儿部”（第 2 版）');
    const kind = JSON.parse(
      (await desk(['--data', data, 'submissions', 'set-kind', String(bank), '总结.docx', 'other', '--json'])).stdout,
    );
    expect(kind).toMatchObject({
      ok: true,
      value: { completeness: 'incomplete', problems: [{ code: 'missing-summary' }] },
    });
    const bad = JSON.parse(
      (await desk(['--data', data, 'submissions', 'set-kind', String(bank), '没有这个.docx', 'other', '--json']))
        .stdout,
    );
    expect(bad.error.code).toBe('not-found');
    const noReason = await desk(['--data', data, 'submissions', 'delete', String(bank), '--reason', '', '--json']);
    expect(JSON.parse(noReason.stdout).error).toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('请写明删除的理由'),
    });
    expect((await desk(['--data', data, 'submissions', 'delete', String(bank), '--reason', '测试'])).stdout).toContain(
      `desk submissions restore ${bank}`,
    );
    const deleted = JSON.parse(
      (await desk(['--data', data, 'submissions', 'list', '--deleted', '--json'])).stdout,
    ).value;
    expect(deleted.map((s: { id: number }) => s.id)).toEqual([bank]);
    const refusedMove = JSON.parse(
      (
        await desk([
          '--data',
          data,
          'submissions',
          'move',
          String(bank),
          '柳州银行营业部',
          '--reason',
          '改回',
          '--json',
        ])
      ).stdout,
    );
    expect(refusedMove.error.code).toBe('submission-deleted');
    expect((await desk(['--data', data, 'submissions', 'restore', String(bank)])).stdout).toContain('已恢复材料');
    const history = await desk(['--data', data, 'submissions', 'history', String(bank)]);
    expect(history.stdout).toContain('所属集体 柳州银行营业部 → 柳州市图书馆少儿部；理由：发错了单位名');
    expect(history.stdout).toContain('文件类别 总结.docx：工作总结 → 总结.docx：其他文件');
    expect(history.stdout).toContain('删除；理由：测试');
    const historyJson = JSON.parse(
      (await desk(['--data', data, 'submissions', 'history', String(bank), '--json'])).stdout,
    ).value;
    expect(historyJson.history.map((h: { action: string }) => h.action)).toEqual([
      'unit',
      'file-kind',
      'deleted',
      'restored',
    ]);
  });
});

describe('desk import killed mid-way', () => {
  it('leaves no row pointing at a missing file and no half submission; strays are swept at the next start', async () => {
    const { spawn } = await import('node:child_process');
    const { writeZip, makeDocx, fakePhoto } = await import('../support/zipWriter');
    const { openTestCore } = await import('./helpers');
    const data = tempDir();
    const dir = tempDir();
    for (let i = 0; i < 40; i++) {
      fs.writeFileSync(
        path.join(dir, `单位${i}.zip`),
        writeZip([
          { name: '总结.docx', data: makeDocx(`单位${i}`) },
          ...[1, 2, 3].map((p) => ({ name: `照片${p}.jpg`, data: fakePhoto(1_500_000, i * 10 + p) })),
        ]),
      );
    }
    const child = spawn(process.execPath, [bin, '--data', data, 'import', dir], { stdio: 'ignore' });
    // Kill it once some submissions are in, while it is writing the rest.
    const db = path.join(data, 'desk.sqlite');
    for (let waited = 0; waited < 20_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      if (fs.existsSync(path.join(data, 'files')) && fs.readdirSync(path.join(data, 'files')).length > 3) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(fs.existsSync(db)).toBe(true);

    const t = openTestCore(data);
    const submissions = await t.call('submissions.list', {});
    expect(submissions.length).toBeLessThan(40);
    for (const s of submissions) {
      expect(s.files).toHaveLength(4);
      for (const f of s.files)
        expect(fs.existsSync(path.join(data, 'files', f.sha256.slice(0, 2), f.sha256))).toBe(true);
    }
    const stored = fs
      .readdirSync(path.join(data, 'files'))
      .filter((d) => /^[0-9a-f]{2}$/.test(d))
      .flatMap((d) => fs.readdirSync(path.join(data, 'files', d)));
    expect(stored.sort()).toEqual([...new Set(submissions.flatMap((s) => s.files.map((f) => f.sha256)))].sort());
    expect(fs.readdirSync(path.join(data, 'files', '.tmp'))).toEqual([]);
    // The lock the killed process held is taken over: the import can simply be run again.
    const rerun = JSON.parse((await desk(['--data', data, 'import', dir, '--json'])).stdout);
    t.core.close();
    expect(rerun.totals.imported + rerun.totals.unmatched + rerun.totals.duplicate).toBe(40);
    expect(rerun.totals.duplicate).toBe(submissions.length);
  }, 60_000);
});

describe('desk reviewers / reviews', () => {
  it('adds reviewers (refusing a duplicate) and lists reviews as JSON', async () => {
    const data = tempDir();
    expect((await desk(['--data', data, 'reviewers', 'add', '王老师'])).stdout.trim()).toBe(
      '已添加评审人“王老师”（编号 1）',
    );
    const dup = await desk(['--data', data, 'reviewers', 'add', '王老师', '--json']);
    expect(dup.code).toBe(1);
    expect(JSON.parse(dup.stdout)).toEqual({
      ok: false,
      error: { code: 'duplicate-reviewer', message: '已有名为“王老师”的评审人' },
    });
    expect(JSON.parse((await desk(['--data', data, 'reviewers', 'list', '--json'])).stdout).value).toEqual([
      { id: 1, name: '王老师', conflictSectorIds: [], conflictUnitIds: [], active: true },
    ]);
    expect(
      JSON.parse((await desk(['--data', data, 'reviews', 'list', '--campaign', '2022', '--json'])).stdout),
    ).toEqual({ ok: true, value: [] });
  });
});

describe('desk export stats', () => {
  it('writes the statistics workbook atomically and reports what it counted', async () => {
    const data = tempDir();
    const dir = tempDir();
    const roster = path.join(dir, 'roster.csv');
    fs.writeFileSync(roster, '集体名称,所属系统\n柳州银行营业部,金融团工委\n柳州市图书馆少儿部,市直机关团工委\n');
    await desk(['--data', data, 'units', 'import', roster]);
    const out = path.join(dir, '统计表.xlsx');
    const result = await desk(['--data', data, 'export', 'stats', out, '--json']);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, value: { units: 2, submitted: 0 } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.getWorksheet('未报送名单')!.rowCount).toBe(5);
    const bad = await desk(['--data', data, 'export', 'stats', path.join(dir, 'no-such-folder', 'x.xlsx'), '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).error.code).toBe('bad-path');
  });
});
