import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { needs } from '../support/tools';
import { asFile, openTestCore, tempDir } from './helpers';

/**
 * Rosters as offices receive them: written by LibreOffice Calc (not by exceljs, the library the
 * .xlsx reader shares assumptions with) as Excel 97–2003 .xls, .ods and .xlsx, from one sheet with a
 * merged title row and names in characters GB2312 lacked (GBK-era: 堃, 喆, 镕, 珺, 犇, 昇).
 */
const ROWS = [
  ['柳州市喆园社区服务站', '县区团委', '市级', '2019', '王堃', '0772-2811234', 'zheyuan@lz.cn', ''],
  ['柳州银行镕城支行营业部', '金融团工委', '省级', '2017', '朱珺', '13877201234', 'rongcheng@lzbank.cn', '2020 年更名'],
  ['柳州市第二中学团委', '教育团工委', '市级', '2021', '李犇', '0772-2820001', '', ''],
  ['柳州市昇平街道政务服务中心', '市直机关团工委', '全国', '2015', '黄昇', '0772-2833333', 'shengping@lz.gov.cn', ''],
];
const HEADERS = ['集体名称', '所属系统', '级别', '命名年份', '联系人', '联系电话', '电子邮箱', '备注'];

function sourceHtml(): string {
  const cell = (v: string) => `<td>${v}</td>`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><table>
<tr><td colspan="${HEADERS.length}">2022 年度柳州市青年文明号集体名册（组委会办公室）</td></tr>
<tr>${HEADERS.map(cell).join('')}</tr>
${ROWS.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('\n')}
</table></body></html>`;
}

/** The sheet as LibreOffice Calc saves it in each format, from the same HTML table. */
function calcSaves(): Record<'xls' | 'ods' | 'xlsx', Buffer> {
  const dir = tempDir();
  const html = path.join(dir, '名册.html');
  fs.writeFileSync(html, sourceHtml());
  const out: Partial<Record<'xls' | 'ods' | 'xlsx', Buffer>> = {};
  for (const [format, filter] of [
    ['xls', 'xls:MS Excel 97'],
    ['ods', 'ods:calc8'],
    ['xlsx', 'xlsx:Calc MS Excel 2007 XML'],
  ] as const) {
    execFileSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/lo-profile`,
        '--infilter=calc_HTML_WebQuery',
        '--convert-to',
        filter,
        '--outdir',
        dir,
        html,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    out[format] = fs.readFileSync(path.join(dir, `名册.${format}`));
  }
  return out as Record<'xls' | 'ods' | 'xlsx', Buffer>;
}

describe.skipIf(!needs('soffice'))('rosters other programs wrote', () => {
  it('imports the .xls, .ods and .xlsx LibreOffice saved — and the .xls named .et as WPS saves it — to the same roster', async () => {
    const saves = calcSaves();
    expect(saves.xls.subarray(0, 4).toString('hex')).toBe('d0cf11e0');
    const files: Array<[string, Buffer]> = [
      ['名册.xlsx', saves.xlsx],
      ['名册.xls', saves.xls],
      ['名册.ods', saves.ods],
      ['名册.et', saves.xls],
    ];
    const rosters: unknown[] = [];
    for (const [name, bytes] of files) {
      const t = openTestCore();
      const preview = await t.call('units.importPreview', { file: asFile(name, bytes) });
      // The merged title is passed over: the header is the second row, data starts on row 3.
      expect(preview.headerRow, name).toBe(1);
      expect(preview.plan?.bad ?? [], name).toEqual([]);
      const result = await t.call('units.importApply', { file: asFile(name, bytes) });
      expect(result.created, name).toBe(ROWS.length);
      const units = (await t.call('units.list')).map((u) => ({
        name: u.name,
        sector: u.sectorName,
        level: u.level,
        year: u.yearNamed,
        contact: u.contact,
        phone: u.phone,
        email: u.email,
        notes: u.notes,
      }));
      expect(units.map((u) => u.name).sort(), name).toEqual(ROWS.map((r) => r[0]).sort());
      const bank = units.find((u) => u.name === '柳州银行镕城支行营业部')!;
      expect(bank, name).toMatchObject({
        sector: '金融团工委',
        level: '省级',
        year: 2017,
        contact: '朱珺',
        phone: '13877201234',
        email: 'rongcheng@lzbank.cn',
        notes: '2020 年更名',
      });
      expect(
        units.find((u) => u.name === '柳州市喆园社区服务站'),
        name,
      ).toMatchObject({ phone: '0772-2811234', contact: '王堃' });
      rosters.push(units.sort((a, b) => a.name.localeCompare(b.name)));
      // The same file again changes nothing.
      expect((await t.call('units.importApply', { file: asFile(name, bytes) })).created, name).toBe(0);
    }
    for (const roster of rosters.slice(1)) expect(roster).toEqual(rosters[0]);
  }, 240_000);
});
