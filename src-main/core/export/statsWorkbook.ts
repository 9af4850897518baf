import { placeOf } from '../campaigns/model';
import type { StatsData, SectorRow, UnitRow } from './statsData';
import { comparisonSheet } from './comparisonSheet';
import { chinaWallClock } from '../../common/chinaTime';
import {
  A3,
  col,
  commitUpTo,
  FONT,
  fillLine,
  officeSheet,
  setWidths,
  styleBody,
  styleHeader,
  styleRow,
  type Book,
} from './officeSheet';
import { fitRow } from './sheetLayout';
import { COMPLETENESS, completenessLabel, TIMING } from '../../common/statuses';
import { FILE_KIND } from '../../common/fileKinds';
import { YEAR_OUTCOME } from '../../common/standing';

/** 汇总 by sector: two-level headers, a 合计 row of formulas (with their values), rates as real percentages. */
function summarySheet(book: Book, data: StatsData, title: string): void {
  const v = data.verdictLabels;
  const headers: Array<[string, string]> = [
    ['系统', ''],
    ['名册集体数', ''],
    ['报送情况', '已报送'],
    ['报送情况', TIMING.onTime],
    ['报送情况', TIMING.late],
    ['报送情况', YEAR_OUTCOME.missing],
    ['报送情况', '报送率'],
    ['材料', COMPLETENESS.complete],
    ['材料', COMPLETENESS.incomplete],
    ['评审', '已评审'],
    ['评审', '平均分'],
    ...v.map((label) => ['评审等次', label] as [string, string]),
  ];
  const width = headers.length;
  const sheet = officeSheet(book, '汇总', title, width, 2);
  const widths = headers.map((_h, i) => (i === 0 ? 30 : 10));
  setWidths(sheet, widths);
  fillLine(sheet, width, data.campaign.issuer || '市组委会办公室');
  headers.forEach(([top, sub], i) => {
    sheet.getCell(3, i + 1).value = top;
    sheet.getCell(4, i + 1).value = sub || top;
  });
  // Merge equal top headers across, and single-level headers down.
  let start = 0;
  for (let i = 1; i <= headers.length; i++) {
    if (i === headers.length || headers[i]![0] !== headers[start]![0]) {
      if (headers[start]![1] === '') sheet.mergeCells(3, start + 1, 4, start + 1);
      else if (i - start > 1) sheet.mergeCells(3, start + 1, 3, i);
      start = i;
    }
  }
  const first = 5;
  const rowValues = (s: SectorRow): Array<string | number | null> => [
    s.sector,
    s.units,
    s.submitted,
    s.onTime,
    s.late,
    s.missing,
    s.units ? s.submitted / s.units : 0,
    s.complete,
    s.incomplete,
    s.reviewed,
    s.meanScore,
    ...v.map((label) => s.verdicts[label] ?? 0),
  ];
  data.sectors.forEach((s, i) => {
    sheet.getRow(first + i).values = rowValues(s);
  });
  const last = first + data.sectors.length - 1;
  const totalRow = sheet.getRow(last + 1);
  const totals = rowValues(data.total);
  totals.forEach((value, i) => {
    const c = col(i + 1);
    const cell = totalRow.getCell(i + 1);
    if (i === 0) cell.value = '合计';
    else if (i === 6) cell.value = { formula: `IF(B${last + 1}=0,0,C${last + 1}/B${last + 1})`, result: value ?? 0 };
    else if (i === 10)
      cell.value = {
        formula: `IF(J${last + 1}=0,"",SUMPRODUCT(J${first}:J${last},K${first}:K${last})/J${last + 1})`,
        result: value ?? '',
      };
    else cell.value = { formula: `SUM(${c}${first}:${c}${last})`, result: value ?? 0 };
    cell.font = { name: FONT, bold: true };
  });
  for (let r = first; r <= last + 1; r++) {
    sheet.getCell(r, 7).numFmt = '0.0%';
    sheet.getCell(r, 11).numFmt = '0.0';
  }
  styleHeader(sheet, 3, 4, width, widths);
  styleBody(sheet, first, last + 1, width, widths);
}

function unitValues(u: UnitRow, data: StatsData): Array<string | number | Date | null> {
  return [
    u.index,
    u.name,
    u.sector,
    u.level,
    // Cells have no zone: written as the China wall clock the office reads (10:00 in Liuzhou, not 02:00).
    u.receivedAt ? chinaWallClock(u.receivedAt) : null,
    u.submitted ? (u.late ? TIMING.late : TIMING.onTime) : YEAR_OUTCOME.missing,
    u.submitted ? (u.summaries ? '有' : '无') : '',
    u.submitted ? u.photos : null,
    completenessLabel(u.complete, ''),
    ...data.campaign.items
      .filter((i) => i.kind !== 'veto')
      .map((i) => (u.items[i.id] === null ? '' : u.items[i.id] ? '✓' : '✗')),
    u.reviewerScores,
    u.mean,
    u.finalScore,
    u.verdict ?? '',
    u.practice ?? '',
    u.remarks,
  ];
}

function unitHeaders(data: StatsData): string[] {
  return [
    '序号',
    '集体名称',
    '系统',
    '级别',
    '收到时间',
    '是否逾期',
    FILE_KIND.summary,
    '照片数',
    '材料',
    ...data.campaign.items.filter((i) => i.kind !== 'veto').map((i, n) => `${n + 1}.${i.title}`),
    '各评审人得分',
    '平均分',
    '最终得分',
    '等次',
    '典型做法',
    '备注',
  ];
}

/** 明细: one row per unit; with `flat`, the same without title or merged cells, for other tools. */
function detailSheet(book: Book, data: StatsData, title: string, flat: boolean): void {
  const headers = unitHeaders(data);
  const width = headers.length;
  // 26 columns do not stay legible on A4: the printed 明细 is A3 landscape.
  // The flat sheet is for 数据透视 and scripts: hidden, so printing the workbook prints only the office's sheets (右键 → 取消隐藏
  // shows it).
  const sheet = flat
    ? book.addWorksheet('明细（无合并单元格）', { state: 'hidden', views: [{ state: 'frozen', ySplit: 1 }] })
    : officeSheet(book, '明细', title, width, 1, true, A3);
  const items = width - 15;
  // 序号 名称 系统 级别 收到时间 逾期 总结 照片 材料 | one per checklist item | 得分 平均 最终 等次 典型做法 备注
  const widths = [6, 30, 18, 8, 18, 8, 8, 7, 8, ...Array.from({ length: items }, () => 9), 20, 8, 8, 8, 20, 20];
  setWidths(sheet, widths);
  if (!flat) fillLine(sheet, width, data.campaign.issuer || '市组委会办公室');
  const headerRow = flat ? 1 : 3;
  sheet.getRow(headerRow).values = headers;
  if (!flat) styleHeader(sheet, headerRow, headerRow, width, widths);
  commitUpTo(sheet, headerRow);
  // Large: style and commit row by row, so the streaming writer never holds the whole sheet.
  data.units.forEach((u, i) => {
    const row = sheet.getRow(headerRow + 1 + i);
    row.values = unitValues(u, data);
    row.getCell(5).numFmt = 'yyyy-mm-dd hh:mm';
    row.getCell(width - 4).numFmt = '0.0';
    if (!flat) {
      styleRow(row, width);
      fitRow(row, widths);
    }
    row.commit();
  });
}

/** 活动开展情况: for each checklist item, how many units did it, by sector. */
function activitySheet(book: Book, data: StatsData, title: string): void {
  const sectors = data.sectors.map((s) => s.sector);
  const width = sectors.length + 3;
  const sheet = officeSheet(book, '活动开展情况', title, width, 1);
  const widths = Array.from({ length: width }, (_v, i) => (i === 1 ? 40 : i === 0 ? 6 : 12));
  setWidths(sheet, widths);
  fillLine(sheet, width, data.campaign.issuer || '市组委会办公室');
  sheet.getRow(3).values = ['序号', '活动项目', ...sectors, '合计'];
  data.activity.forEach((a, i) => {
    sheet.getRow(4 + i).values = [
      i + 1,
      `${a.item.section}：${a.item.title}`,
      ...sectors.map((s) => a.bySector[s] ?? 0),
      { formula: `SUM(${col(3)}${4 + i}:${col(2 + sectors.length)}${4 + i})`, result: a.total },
    ];
  });
  styleHeader(sheet, 3, 3, width, widths);
  styleBody(sheet, 4, 3 + data.activity.length, width, widths);
}

/** 未报送名单: who to chase, with how to reach them. */
function missingSheet(book: Book, data: StatsData, title: string): void {
  const width = 6;
  const sheet = officeSheet(book, '未报送名单', title, width, 1, false);
  const widths = [6, 34, 22, 10, 16, 24];
  setWidths(sheet, widths);
  fillLine(sheet, width, data.campaign.issuer || '市组委会办公室');
  sheet.getRow(3).values = ['序号', '集体名称', '系统', '联系人', '联系电话', '电子邮箱'];
  const missing = data.units.filter((u) => !u.submitted);
  missing.forEach((u, i) => {
    sheet.getRow(4 + i).values = [i + 1, u.name, u.sector, u.contact, u.phone, u.email];
  });
  styleHeader(sheet, 3, 3, width, widths);
  styleBody(sheet, 4, 3 + missing.length, width, widths);
}

/**
 * Writes the workbook with exceljs's streaming writer (inline strings, rows committed as they are
 * made): a 5,000-unit workbook never sits whole in memory.
 */
export async function writeStatsWorkbook(data: StatsData, file: string): Promise<void> {
  // Loaded on first use: the CLI and the app start without paying for it.
  const { default: excel } = await import('exceljs');
  const book = new excel.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
  book.creator = '组委会工作台';
  book.created = new Date();
  // The place comes from the campaign's issuer (柳州市…组委会), so another city's office gets its own titles.
  const base = `${data.campaign.year}年度${placeOf(data.campaign.issuer)}青年文明号集体工作情况`;
  summarySheet(book, data, `${base}统计表`);
  detailSheet(book, data, `${base}明细表`, false);
  activitySheet(book, data, `${data.campaign.year}年度青年文明号集体活动开展情况统计表`);
  comparisonSheet(book, data.comparison, data.campaign.issuer || '市组委会办公室', `${base}与上年对比表`);
  missingSheet(book, data, `${data.campaign.year}年度青年文明号集体未报送材料名单`);
  detailSheet(book, data, '', true);
  await book.commit();
}
