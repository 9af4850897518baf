import { DeskError } from '../../contract/errors';
import { officeBounds } from '../../intake/officeBounds';

/**
 * Sheets other programs save: Excel 97–2003 and WPS (.xls/.et, an OLE file of BIFF8 records) and
 * LibreOffice/WPS .ods. exceljs reads only .xlsx, so these go through SheetJS (the @e965/xlsx build,
 * SheetJS republished on npm; the `xlsx` package on npm is years behind and has a known
 * prototype-pollution advisory). The grid comes out the same as the .xlsx reader's: visible sheets
 * only, merged cells filled with their master's text, 1-based row numbers as the sheet shows them.
 */
export interface OtherGrid {
  sheetNames: string[];
  sheetIndex: number;
  rows: string[][];
  rowNumbers: number[];
}

const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

/** An OpenDocument package says what it is in a first, stored `mimetype` part. */
export function isOds(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 120)).toString('latin1');
  return head.slice(30, 38) === 'mimetype' && head.includes(ODS_MIME);
}

function text(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (value === null || value === undefined) return '';
  return String(value).trim();
}

export async function readOtherSheet(
  bytes: Uint8Array,
  sheetIndex: number,
  maxRows: number,
  kind: 'ods' | 'ole',
): Promise<OtherGrid> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // An .ods is a ZIP like an .xlsx: one whose parts inflate past sane bounds is refused before parsing.
  if (kind === 'ods' && (await officeBounds(buffer)) === 'too-large') {
    throw new DeskError(
      'too-large',
      '这个表格文件解压后异常庞大，疑似恶意构造，已拒绝导入。名册请另存为普通的 .xlsx 或 .csv 后再导入。',
    );
  }
  const XLSX = await import('@e965/xlsx');
  let workbook: ReturnType<typeof XLSX.read>;
  try {
    // Dense sheets and a row cap keep a huge sheet from costing more than the rows the roster can use.
    workbook = XLSX.read(buffer, {
      type: 'buffer',
      dense: true,
      cellDates: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      sheetRows: maxRows + 11,
    });
  } catch {
    throw new DeskError(
      'corrupt-sheet',
      '无法读取该表格文件，文件可能已损坏或加了密码。请在 Excel/WPS 中打开后另存为 .xlsx 再导入。',
    );
  }
  const visible = workbook.SheetNames.filter((_name, i) => !(workbook.Workbook?.Sheets?.[i]?.Hidden ?? 0));
  if (visible.length === 0) throw new DeskError('empty-sheet', '该表格文件中没有可读取的工作表。');
  const index = Math.min(Math.max(sheetIndex, 0), visible.length - 1);
  const sheet = workbook.Sheets[visible[index]!]!;
  const range = XLSX.utils.decode_range(sheet['!ref'] ?? 'A1:A1');
  const values = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: '', blankrows: true });
  const width = range.e.c - range.s.c + 1;
  const grid = values.map((row) => Array.from({ length: width }, (_v, c) => text(row[c])));
  // A merged title or a merged sector cell reads as its master's text in every cell it covers.
  for (const merge of sheet['!merges'] ?? []) {
    const master = grid[merge.s.r - range.s.r]?.[merge.s.c - range.s.c] ?? '';
    for (let r = merge.s.r; r <= merge.e.r; r++) {
      for (let c = merge.s.c; c <= merge.e.c; c++) {
        const row = grid[r - range.s.r];
        if (row && c - range.s.c < width) row[c - range.s.c] = master;
      }
    }
  }
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  grid.forEach((row, i) => {
    if (!row.some((v) => v !== '')) return;
    rows.push(row);
    rowNumbers.push(range.s.r + i + 1);
  });
  return { sheetNames: visible, sheetIndex: index, rows, rowNumbers };
}
