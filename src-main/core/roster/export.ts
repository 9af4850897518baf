import type { Orm } from '../db/open';
import { titledSheet } from '../export/sheetLayout';
import { listUnits } from './units';
import { UNIT_STATUS } from '../../common/statuses';

const COLUMNS: Array<{ header: string; width: number }> = [
  { header: '序号', width: 7 },
  { header: '集体名称', width: 40 },
  { header: '系统', width: 24 },
  { header: '级别', width: 9 },
  { header: '命名年份', width: 10 },
  { header: '状态', width: 8 },
  { header: '联系人', width: 10 },
  { header: '联系电话', width: 18 },
  { header: '电子邮箱', width: 26 },
  { header: '别名', width: 30 },
  { header: '备注', width: 30 },
];

/** The roster as an office sheet: a merged title, a header the import recognises, one row per unit. */
export async function exportRosterXlsx(
  orm: Orm,
  title = '青年文明号集体名册',
): Promise<{ fileName: string; bytes: Buffer; count: number }> {
  const list = listUnits(orm);
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = '组委会工作台';
  workbook.created = new Date();
  const sheet = titledSheet(workbook, '集体名册', title, COLUMNS);
  const header = sheet.getRow(2);
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } };
  });
  list.forEach((u, i) => {
    sheet.addRow([
      i + 1,
      u.name,
      u.sectorName ?? '',
      u.level ?? '',
      u.yearNamed ?? null,
      UNIT_STATUS[u.status],
      u.contact ?? '',
      u.phone ?? '',
      u.email ?? '',
      u.aliases.join('；'),
      u.notes ?? '',
    ]);
  });
  const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
  for (let r = 2; r <= list.length + 2; r++) {
    sheet.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: thin, left: thin, bottom: thin, right: thin };
    });
  }
  sheet.headerFooter.oddFooter = '第 &P 页，共 &N 页';
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  const day = new Date().toISOString().slice(0, 10);
  return { fileName: `集体名册-${day}.xlsx`, bytes, count: list.length };
}
