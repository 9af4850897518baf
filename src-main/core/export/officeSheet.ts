import type ExcelJS from 'exceljs';
import { chinaWallClock } from '../../common/chinaTime';
import { fitRow } from './sheetLayout';

/*
 * The office's printed statistics sheets: a title over the page, 填报单位 and 填报日期, boxed
 * headers in 宋体, repeated on every printed page. Shared by every sheet of the statistics workbook.
 */

export const FONT = '宋体';
const thin = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const HEAD_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFEFF3F8' } };

export type Book = ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter;

/** exceljs's paper codes: 9 is A4, 8 is A3. */
const A4 = 9;
export const A3 = 8;

export function officeSheet(
  book: Book,
  name: string,
  title: string,
  width: number,
  headerRows: number,
  landscape = true,
  paperSize = A4,
): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 2 + headerRows, xSplit: 0 }],
    pageSetup: {
      paperSize,
      orientation: landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `3:${2 + headerRows}`,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页', evenFooter: '第 &P 页，共 &N 页' },
  });
  sheet.mergeCells(1, 1, 1, width);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { name: '黑体', size: 16, bold: true };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 32;
  return sheet;
}

/**
 * 填报单位 on the left; 填报日期 and the date on the right, the date merged over the last two
 * columns: one narrow column printed "###" for 2022年12月20日 in LibreOffice.
 */
export function fillLine(sheet: ExcelJS.Worksheet, width: number, issuer: string): void {
  const row = sheet.getRow(2);
  row.getCell(1).value = `填报单位：${issuer}`;
  row.getCell(width - 2).value = '填报日期：';
  row.getCell(width - 2).alignment = { horizontal: 'right', vertical: 'middle' };
  sheet.mergeCells(2, width - 1, 2, width);
  const date = row.getCell(width - 1);
  date.value = chinaWallClock(new Date());
  date.numFmt = 'yyyy"年"m"月"d"日"';
  date.alignment = { horizontal: 'left', vertical: 'middle' };
  row.font = { name: FONT, size: 11 };
  row.height = 20;
}

export function styleHeader(sheet: ExcelJS.Worksheet, from: number, to: number, width: number, widths: number[]): void {
  for (let r = from; r <= to; r++) {
    const row = sheet.getRow(r);
    fitRow(row, widths, 22);
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cell.font = { name: FONT, bold: true, size: 11 };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = HEAD_FILL;
      cell.border = BORDER;
    }
  }
}

const BODY_FONT = { name: FONT, size: 11 };
const BOLD_FONT = { name: FONT, size: 11, bold: true };
const LEFT = { vertical: 'middle' as const, horizontal: 'left' as const, wrapText: true };
const CENTER = { vertical: 'middle' as const, horizontal: 'center' as const, wrapText: true };

const STYLES = new Map<string, Partial<ExcelJS.Style>>();

/** Shared style objects: one per combination, reused for every cell, which keeps writing fast. */
function sharedStyle(bold: boolean, left: boolean, numFmt: string | undefined): Partial<ExcelJS.Style> {
  const key = `${bold}|${left}|${numFmt ?? ''}`;
  let style = STYLES.get(key);
  if (!style) {
    style = {
      border: BORDER,
      font: bold ? BOLD_FONT : BODY_FONT,
      alignment: left ? LEFT : CENTER,
      ...(numFmt ? { numFmt } : {}),
    };
    STYLES.set(key, style);
  }
  return style;
}

export function styleRow(row: ExcelJS.Row, width: number): void {
  for (let c = 1; c <= width; c++) {
    const cell = row.getCell(c);
    cell.style = sharedStyle(!!cell.font?.bold, c <= 2 && typeof cell.value === 'string', cell.numFmt || undefined);
  }
}

export function styleBody(sheet: ExcelJS.Worksheet, from: number, to: number, width: number, widths: number[]): void {
  for (let r = from; r <= to; r++) {
    styleRow(sheet.getRow(r), width);
    fitRow(sheet.getRow(r), widths);
  }
}

export function setWidths(sheet: ExcelJS.Worksheet, widths: number[]): void {
  sheet.columns = widths.map((width) => ({ width }));
}

/** Streaming sheets write rows once committed; committing in order keeps them in order. */
export function commitUpTo(sheet: ExcelJS.Worksheet, last: number): void {
  for (let r = 1; r <= last; r++) sheet.getRow(r).commit();
}

export function col(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
