import type ExcelJS from 'exceljs';

/** A character's width in column units (Excel's are the width of "0"): CJK and full-width count two. */
function textUnits(text: string): number {
  let n = 0;
  for (const ch of text) n += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return n;
}

/** Points per printed line of 11 pt 宋体, and the padding above and below. */
const LINE_PT = 15;
const PAD_PT = 5;

/**
 * A row tall enough for its wrapped text. Excel, WPS and LibreOffice do not all fit row heights to
 * wrapped text on opening, so each row says how tall it must be: long names no longer run over the
 * next row, and checklist headers are whole.
 */
export function fitRow(row: ExcelJS.Row, widths: number[], minPt = 18): void {
  let lines = 1;
  widths.forEach((width, i) => {
    const value = row.getCell(i + 1).value;
    if (typeof value !== 'string' || !value) return;
    const perLine = Math.max(1, width - 1);
    const needed = value.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(textUnits(part) / perLine)), 0);
    lines = Math.max(lines, needed);
  });
  row.height = Math.max(minPt, lines * LINE_PT + PAD_PT);
}

/**
 * An office list sheet: a merged bold 宋体 title on row 1, the header on row 2 (frozen, repeated
 * on every printed page), A4 landscape fitted to the width. The roster, 动态管理 and 电话催报 share it.
 */
export function titledSheet(
  book: ExcelJS.Workbook,
  name: string,
  title: string,
  columns: Array<{ header: string; width: number }>,
): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '2:2',
    },
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  sheet.mergeCells(1, 1, 1, columns.length);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { name: '宋体', size: 16, bold: true };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 30;
  const header = sheet.getRow(2);
  header.values = columns.map((c) => c.header);
  header.font = { name: '宋体', bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  return sheet;
}
