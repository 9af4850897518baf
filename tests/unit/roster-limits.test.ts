import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRosterRows, rosterCsv, rosterXlsx } from '../support/rosterSheets';
import { writeZip } from '../support/zipWriter';
import { asFile, openTestCore, tempDir } from './helpers';

describe('roster sheets that are not rosters', () => {
  it('refuse an .xlsx bomb before exceljs inflates it, a sheet of 60,000 rows, and a file over 20 MB; nothing is imported', async () => {
    const t = openTestCore();
    const dir = tempDir();
    const types =
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>';
    const bomb = path.join(dir, '名册.xlsx');
    // ~100 KB on disk, 100 MB of sheet XML once inflated.
    fs.writeFileSync(
      bomb,
      writeZip([
        { name: '[Content_Types].xml', data: Buffer.from(types) },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(100 * 1024 ** 2, 0x20), deflate: true },
      ]),
    );
    expect(fs.statSync(bomb).size).toBeLessThan(1024 ** 2);
    const refused = await t.callRaw('units.importPreview', { file: { path: bomb } });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'too-large', message: expect.stringContaining('异常庞大') },
    });

    const long = path.join(dir, '长名册.csv');
    fs.writeFileSync(long, `集体名称\n${Array.from({ length: 60_000 }, (_, i) => `第${i}集体`).join('\n')}\n`);
    expect(await t.callRaw('units.importApply', { file: { path: long } })).toMatchObject({
      ok: false,
      error: { code: 'too-large', message: expect.stringContaining('50000 行') },
    });

    const big = path.join(dir, '大文件.csv');
    fs.writeFileSync(big, `集体名称\n${'某某集体,'.repeat(2_000_000)}\n`);
    expect(fs.statSync(big).size).toBeGreaterThan(20 * 1024 ** 2);
    expect(await t.callRaw('units.importPreview', { file: { path: big } })).toMatchObject({
      ok: false,
      error: { code: 'too-large', message: expect.stringContaining('20 MB') },
    });
    expect(await t.call('units.list', {})).toHaveLength(0);
  });

  it('a CSV of a million short rows under 20 MB is refused once past the row limit, its rows never all held', async () => {
    const t = openTestCore();
    const file = path.join(tempDir(), '百万行.csv');
    fs.writeFileSync(
      file,
      `集体名称,联系人\n${Array.from({ length: 1_000_000 }, (_, i) => `集体${i},王`).join('\n')}\n`,
    );
    expect(fs.statSync(file).size).toBeLessThan(20 * 1024 ** 2);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const answer = await t.callRaw('units.importPreview', { file: { path: file } });
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'too-large', message: expect.stringContaining('50000 行') },
    });
    expect((peak - before) / 1024 ** 2).toBeLessThan(150);
  });

  it('a 备注 or 联系人 longer than a unit keeps is that row’s problem, named in the preview and the import; the rest goes in', async () => {
    const rows = makeRosterRows(30);
    rows[4]!.notes = '该集体'.repeat(200); // 600 characters
    rows[9]!.contact = '王'.repeat(60);
    for (const [name, bytes] of [
      ['名册.xlsx', await rosterXlsx(rows)],
      ['名册.csv', rosterCsv(rows, 'gbk')],
    ] as const) {
      const t = openTestCore();
      const preview = await t.call('units.importPreview', { file: asFile(name, bytes) });
      const bad = preview.plan!.bad.map((b) => ({ name: b.name, reasons: b.reasons.join('；') }));
      expect(bad, name).toEqual([
        { name: rows[4]!.name, reasons: '备注过长（600 字，最多 500 字）' },
        { name: rows[9]!.name, reasons: '联系人过长（60 字，最多 50 字）' },
      ]);
      const result = await t.call('units.importApply', { file: asFile(name, bytes) });
      expect(result.created, name).toBe(28);
      expect(
        result.bad.map((b) => b.row),
        name,
      ).toEqual(preview.plan!.bad.map((b) => b.row));
      expect(await t.call('units.list'), name).toHaveLength(28);
    }
  });
});
