import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeZip } from '../support/zipWriter';
import { openTestCore, tempDir } from './helpers';

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
});
