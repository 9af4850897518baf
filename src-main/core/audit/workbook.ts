import { AUDIT_ACTIONS, AUDIT_VIA, type AuditAction, type AuditVia } from '../../common/auditActions';
import { chinaTimeLabel } from '../../common/chinaTime';
import type { Orm } from '../db/open';
import { listAudit, type AuditQuery } from './log';

const COLUMNS: Array<{ header: string; width: number }> = [
  { header: '时间', width: 18 },
  { header: '操作人', width: 16 },
  { header: '类别', width: 10 },
  { header: '内容', width: 80 },
  { header: '年度', width: 8 },
  { header: '方式', width: 10 },
];

const PAGE = 5_000;

/**
 * 操作记录 as a sheet, with the page's filter: streamed row by row (a year's log can hold a
 * hundred thousand entries), read a page at a time so memory stays flat.
 */
export async function writeAuditWorkbook(orm: Orm, query: AuditQuery, file: string): Promise<number> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
  workbook.creator = '组委会工作台';
  const sheet = workbook.addWorksheet('操作记录', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    },
  });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { name: '宋体', bold: true };
  let written = 0;
  for (let offset = 0; ; offset += PAGE) {
    const { rows } = listAudit(orm, { ...query, offset, limit: PAGE });
    for (const r of rows) {
      const row = sheet.addRow([
        chinaTimeLabel(r.at),
        r.actor,
        AUDIT_ACTIONS[r.action as AuditAction] ?? r.action,
        r.summary,
        r.campaignYear ?? '',
        AUDIT_VIA[r.via as AuditVia] ?? r.via,
      ]);
      row.getCell(4).alignment = { wrapText: true, vertical: 'top' };
      row.commit();
    }
    written += rows.length;
    if (rows.length < PAGE) break;
  }
  sheet.commit();
  await workbook.commit();
  return written;
}
