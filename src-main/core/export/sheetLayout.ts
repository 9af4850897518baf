import type ExcelJS from 'exceljs';

/** A character's width in column units (Excel's are the width of "0"): CJK and full-width count two. */
export function textUnits(text: string): number {
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

