import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { DeskError } from '../../contract/errors';
import { officeBounds } from '../../intake/officeBounds';
import { isOds, readOtherSheet } from './readOtherSheets';

export interface SheetGrid {
  format: 'xlsx' | 'xls' | 'ods' | 'csv';
  sheetNames: string[];
  sheetIndex: number;
  /** Cell text by row; merged cells carry their master cell's text into every covered cell. */
  rows: string[][];
  /** 1-based row numbers as the user sees them in Excel, parallel to `rows`. */
  rowNumbers: number[];
  encoding?: 'utf-8' | 'gb18030' | 'utf-16';
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Excel on Chinese Windows saves CSV as GBK; anything that is not valid UTF-8 is read as GB18030 (a superset). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' | 'utf-16' } {
  // Excel's "Unicode 文本" export: UTF-16 with a byte-order mark, tab-separated.
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(body), encoding: 'gb18030' };
  }
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value instanceof Date) {
    // Excel stores a typed date; the roster only ever needs the calendar day.
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (value && typeof value === 'object' && 'result' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result instanceof Date ? result.toISOString().slice(0, 10) : String(result ?? '');
  }
  return cell.text ?? '';
}

async function readXlsx(bytes: Uint8Array, sheetIndex: number): Promise<SheetGrid> {
  // exceljs inflates the whole package in memory: one whose parts inflate past sane bounds is refused first.
  const bounds = await officeBounds(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (bounds === 'too-large')
    throw new DeskError(
      'too-large',
      '这个 Excel 文件解压后异常庞大（单个部件超过 64 MB 或合计超过 256 MB），疑似恶意构造，已拒绝导入。名册请另存为普通的 .xlsx 或 .csv 后再导入。',
    );
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new DeskError(
      'corrupt-sheet',
      '无法读取该 Excel 文件，文件可能已损坏或并非 .xlsx 格式。请在 Excel/WPS 中打开后另存为 .xlsx 再导入。',
    );
  }
  const sheets = workbook.worksheets.filter((ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden');
  if (sheets.length === 0) throw new DeskError('empty-sheet', '该 Excel 文件中没有可读取的工作表。');
  const index = Math.min(Math.max(sheetIndex, 0), sheets.length - 1);
  const sheet = sheets[index]!;
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cells.push(cellText(cell.isMerged ? cell.master : cell).trim());
    }
    if (cells.some((v) => v !== '')) {
      rows.push(cells);
      rowNumbers.push(rowNumber);
    }
  });
  return { format: 'xlsx', sheetNames: sheets.map((s) => s.name), sheetIndex: index, rows, rowNumbers };
}

/** Comma for CSV, tab for Excel's "Unicode 文本": whichever the first lines use most. */
function guessDelimiter(text: string): string {
  const head = text.split(/\r?\n/, 5).join('\n');
  const count = (d: string) => head.split(d).length - 1;
  return [',', '\t', ';'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

/**
 * Rows are counted as they are parsed: past `maxRows` the parser stops, so a 20 MB file of a
 * million short lines never becomes a million arrays (it cost 365–484 MB before its refusal).
 */
function readCsv(bytes: Uint8Array, maxRows: number): SheetGrid {
  const { text, encoding } = decodeText(bytes);
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  let line = 0;
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    delimiter: guessDelimiter(text),
    step: (result, parser) => {
      line++;
      const trimmed = result.data.map((c) => (c ?? '').trim());
      if (!trimmed.some((v) => v !== '')) return;
      rows.push(trimmed);
      rowNumbers.push(line);
      if (rows.length > maxRows) parser.abort();
    },
  });
  return { format: 'csv', sheetNames: ['CSV'], sheetIndex: 0, rows, rowNumbers, encoding };
}

function isUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/** A city's roster is a few thousand units; a sheet far beyond that is not one (header rows allowed for). */
const MAX_ROWS = 50_000;

/** Reads a roster spreadsheet by what its bytes are, not by what its name says. */
export async function readSheet(fileName: string, bytes: Uint8Array, sheetIndex = 0): Promise<SheetGrid> {
  if (bytes.length === 0) throw new DeskError('empty-sheet', `文件“${fileName}”是空的。`);
  let grid: SheetGrid;
  if (startsWith(bytes, ZIP_MAGIC) && isOds(bytes))
    grid = { format: 'ods', ...(await readOtherSheet(bytes, sheetIndex, MAX_ROWS, 'ods')) };
  else if (startsWith(bytes, ZIP_MAGIC)) grid = await readXlsx(bytes, sheetIndex);
  // Excel 97–2003 .xls and WPS .et: an OLE compound file of BIFF records.
  else if (startsWith(bytes, OLE_MAGIC))
    grid = { format: 'xls', ...(await readOtherSheet(bytes, sheetIndex, MAX_ROWS, 'ole')) };
  else if (bytes.subarray(0, 4096).includes(0) && !isUtf16(bytes)) {
    throw new DeskError(
      'unsupported-format',
      `“${fileName}”不是表格文件。请选择 Excel（.xlsx/.xls）、WPS（.et）、LibreOffice（.ods）或 .csv 格式的名册。`,
    );
  } else grid = readCsv(bytes, MAX_ROWS + 10);
  if (grid.rows.length === 0) throw new DeskError('empty-sheet', `“${fileName}”中没有数据。`);
  if (grid.rows.length > MAX_ROWS + 10)
    throw new DeskError(
      'too-large',
      `“${fileName}”的行数超过名册 ${MAX_ROWS} 行的上限。请检查是否选错了文件，或分成几个表格导入。`,
    );
  return grid;
}
