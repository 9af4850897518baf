import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { mutate, seeded } from '../support/mutate';
import { makeRosterRows, rosterCsv, rosterXlsx } from '../support/rosterSheets';
import { asFile, openTestCore, tempDir } from './helpers';

/** A 300-row office sheet with a title row, merged sector cells and a handful of broken rows. */
async function officeSheet() {
  const rows = makeRosterRows(300);
  rows[10]!.phone = '12345';
  rows[20]!.email = 'bad@@mail';
  rows[30]!.level = '特级';
  rows[40]!.name = '';
  rows[50]!.name = rows[49]!.name;
  rows[60]!.year = '明年';
  return rows;
}

describe('roster import', () => {
  it('imports a real .xlsx with a title row and merged cells, lists bad rows by row number, and re-imports as no change', async () => {
    const { call } = openTestCore();
    const rows = await officeSheet();
    const file = asFile('名册.xlsx', await rosterXlsx(rows));

    const preview = await call('units.importPreview', { file });
    expect(preview.headerRowNumber).toBe(3);
    expect(preview.mapping).toMatchObject({
      name: 1,
      sector: 2,
      level: 3,
      yearNamed: 4,
      contact: 5,
      phone: 6,
      email: 7,
      aliases: 8,
      notes: 9,
    });
    expect(preview.plan!.counts).toMatchObject({ rows: 300, create: 294, bad: 6 });
    // Data starts on sheet row 4 (title, 填报单位 line, header above it).
    const byRow = new Map(preview.plan!.bad.map((b) => [b.row, b.reasons.join('；')]));
    expect(byRow.get(14)).toContain('联系电话');
    expect(byRow.get(24)).toContain('电子邮箱');
    expect(byRow.get(34)).toContain('级别“特级”');
    expect(byRow.get(44)).toContain('集体名称为空');
    expect(byRow.get(54)).toContain('与第 53 行集体名称重复');
    expect(byRow.get(64)).toContain('命名年份');

    const first = await call('units.importApply', { file });
    expect(first).toMatchObject({ created: 294, updated: 0, unchanged: 0, noChange: false });
    expect(first.bad).toHaveLength(6);
    const units = await call('units.list');
    expect(units).toHaveLength(294);
    expect(units.find((u) => u.name === rows[0]!.name)).toMatchObject({
      sectorName: '县区团委',
      level: '市级',
      yearNamed: 2010,
      phone: rows[0]!.phone,
    });

    const second = await call('units.importApply', { file });
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 294, noChange: true });
    expect(await call('units.list')).toHaveLength(294);
  });

  it('reads merged sector cells down a column as that sector for every row', async () => {
    const { call } = openTestCore();
    const rows = makeRosterRows(24);
    await call('units.importApply', { file: asFile('merged.xlsx', await rosterXlsx(rows, { mergeSectors: true })) });
    const units = await call('units.list');
    expect(units).toHaveLength(24);
    for (const row of rows) expect(units.find((u) => u.name === row.name)?.sectorName).toBe(row.sector);
  });

  it('reads the GBK .csv twin (and UTF-8 with or without BOM) to the same roster', async () => {
    const rows = makeRosterRows(50);
    const fromXlsx = openTestCore();
    await fromXlsx.call('units.importApply', { file: asFile('a.xlsx', await rosterXlsx(rows)) });
    const expected = (await fromXlsx.call('units.list')).map(({ id: _i, updatedAt: _u, sectorId: _s, ...u }) => u);

    for (const encoding of ['gbk', 'utf-8', 'utf-8-bom'] as const) {
      const t = openTestCore();
      const preview = await t.call('units.importPreview', { file: asFile('名册.csv', rosterCsv(rows, encoding)) });
      expect(preview.encoding).toBe(encoding === 'gbk' ? 'gb18030' : 'utf-8');
      const result = await t.call('units.importApply', { file: asFile('名册.csv', rosterCsv(rows, encoding)) });
      expect(result.created).toBe(50);
      const got = (await t.call('units.list')).map(({ id: _i, updatedAt: _u, sectorId: _s, ...u }) => u);
      expect(got).toEqual(expected);
    }
    // The CSV after the xlsx: same data, so nothing to do.
    const again = await fromXlsx.call('units.importApply', { file: asFile('名册.csv', rosterCsv(rows, 'gbk')) });
    expect(again.noChange).toBe(true);
  });

  it('reads Excel "Unicode text" (UTF-16, tab-separated) and restores landlines that lost their leading 0 in a number cell', async () => {
    const { call } = openTestCore();
    const text = '集体名称\t联系电话\r\n柳州市图书馆少儿部\t7722811111\r\n柳州银行营业部\t13800138000\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const preview = await call('units.importPreview', { file: asFile('名册.txt', utf16) });
    expect(preview.encoding).toBe('utf-16');
    await call('units.importApply', { file: asFile('名册.txt', utf16) });
    const units = await call('units.list');
    expect(units.map((u) => [u.name, u.phone])).toEqual([
      ['柳州市图书馆少儿部', '07722811111'],
      ['柳州银行营业部', '13800138000'],
    ]);
  });

  it('updates changed rows instead of duplicating them, and keeps aliases learnt elsewhere', async () => {
    const { call } = openTestCore();
    const rows = makeRosterRows(10);
    await call('units.importApply', { file: asFile('a.xlsx', await rosterXlsx(rows)) });
    const target = (await call('units.list')).find((u) => u.name === rows[3]!.name)!;
    await call('units.update', {
      id: target.id,
      fields: { ...target, aliases: [...target.aliases, '认领时记住的名字'] },
    });
    rows[3]!.contact = '新联系人';
    rows[3]!.phone = '13900001111';
    const result = await call('units.importApply', { file: asFile('a.xlsx', await rosterXlsx(rows)) });
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 9 });
    const after = await call('units.get', { id: target.id });
    expect(after).toMatchObject({ contact: '新联系人', phone: '13900001111' });
    expect(after.aliases).toContain('认领时记住的名字');
  });

  it('lets the user correct the mapping when headers are not recognised', async () => {
    const { call } = openTestCore();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['编号', '文明号', '片区', '电话']);
    sheet.addRow([1, '柳州市图书馆少儿部', '教育团工委', '0772-2811111']);
    sheet.addRow([2, '柳州市博物馆讲解队', '新的系统', '13800138000']);
    const file = asFile('odd.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));

    const preview = await call('units.importPreview', { file });
    expect(preview.plan).toBeNull();
    expect(preview.problem).toContain('集体名称');
    const mapping = { name: 1, sector: 2, phone: 3 };
    const fixed = await call('units.importPreview', { file, mapping, headerRow: 0 });
    expect(fixed.plan!.counts).toMatchObject({ create: 2, bad: 0 });
    expect(fixed.plan!.newSectors).toEqual(['新的系统']);
    const result = await call('units.importApply', { file, mapping, headerRow: 0 });
    expect(result.sectorsCreated).toEqual(['新的系统']);
    expect((await call('units.list', { search: '博物馆' }))[0]).toMatchObject({
      sectorName: '新的系统',
      phone: '13800138000',
    });
  });

  it('refuses files that are not roster sheets with a clear code and writes nothing', async () => {
    const { callRaw, call } = openTestCore();
    const cases: Array<[string, Buffer, string]> = [
      ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'corrupt-sheet'],
      ['broken.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), 'corrupt-sheet'],
      ['photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), 'unsupported-format'],
      ['empty.csv', Buffer.from('\r\n\r\n'), 'empty-sheet'],
    ];
    for (const [name, bytes, code] of cases) {
      const result = await callRaw('units.importApply', { file: asFile(name, bytes) });
      expect(result, name).toMatchObject({ ok: false, error: { code } });
      expect(result.ok ? '' : result.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await call('units.list')).toEqual([]);
  });

  it('exports the roster to an .xlsx that imports back unchanged', async () => {
    const { call, saveTo } = openTestCore();
    await call('units.importApply', { file: asFile('a.xlsx', await rosterXlsx(makeRosterRows(40))) });
    const exported = await call('units.export', {});
    expect(exported.artifact.fileName).toMatch(/^集体名册-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const saved = await saveTo('units.export', {}, path.join(tempDir(), exported.artifact.fileName));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved.file);
    const sheet = workbook.getWorksheet('集体名册')!;
    expect(sheet.getCell('A1').value).toBe('青年文明号集体名册');
    expect(sheet.getRow(2).values).toContain('集体名称');
    expect(sheet.rowCount).toBe(42);
    const back = await call('units.importApply', { file: { path: saved.file } });
    expect(back).toMatchObject({ noChange: true, unchanged: 40 });
  });
});

describe('roster import against damaged sheets', () => {
  it('a damaged .xlsx or .csv gets a preview or a refusal with a code and a Chinese message, never an internal error', async () => {
    const { callRaw } = openTestCore();
    const sheets: Array<[string, Buffer]> = [
      ['名册.xlsx', await rosterXlsx(makeRosterRows(30), { mergeSectors: true })],
      ['名册.csv', rosterCsv(makeRosterRows(30))],
    ];
    const rand = seeded(511);
    for (let i = 0; i < 80; i++) {
      const [name, bytes] = sheets[rand(sheets.length)]!;
      const result = await callRaw('units.importPreview', { file: asFile(name, mutate(bytes, rand)) });
      if (result.ok) continue;
      expect(result.error.code, `${name} mutation ${i}`).not.toBe('internal');
      expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  }, 60_000);
});
