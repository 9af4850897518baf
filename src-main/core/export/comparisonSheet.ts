import type { SectorYear, YearComparison } from '../dashboard/comparison';
import { col, fillLine, FONT, officeSheet, setWidths, styleBody, styleHeader, type Book } from './officeSheet';

type Measure = {
  label: string;
  value: (y: SectorYear) => number | null;
  format: string;
  change: 'difference' | 'points';
};

/** What the committee compares year on year; rates as real percentages, their change in points. */
const MEASURES: Measure[] = [
  { label: '名册集体数', value: (y) => y.units, format: '0', change: 'difference' },
  { label: '报送率', value: (y) => (y.units ? y.submitted / y.units : null), format: '0.0%', change: 'points' },
  { label: '按时报送率', value: (y) => (y.units ? y.onTime / y.units : null), format: '0.0%', change: 'points' },
  { label: '平均分', value: (y) => y.meanScore, format: '0.0', change: 'difference' },
  { label: '受表彰集体', value: (y) => y.honors, format: '0', change: 'difference' },
];

/**
 * 与上年对比: per sector, each measure for the previous campaign, this one, and the change (a
 * formula, with its value, so the sheet stays right if someone corrects a figure). Without a
 * previous campaign the sheet says so instead of showing a column of blanks.
 */
export function comparisonSheet(book: Book, data: YearComparison, issuer: string, title: string): void {
  const { year, previousYear } = data;
  const width = 1 + MEASURES.length * 3;
  const sheet = officeSheet(book, '与上年对比', title, width, 2);
  const widths = [30, ...MEASURES.flatMap(() => [10, 10, 10])];
  setWidths(sheet, widths);
  fillLine(sheet, width, issuer);
  sheet.getCell(3, 1).value = '系统';
  sheet.mergeCells(3, 1, 4, 1);
  MEASURES.forEach((m, i) => {
    const first = 2 + i * 3;
    sheet.getCell(3, first).value = m.label;
    sheet.mergeCells(3, first, 3, first + 2);
    sheet.getCell(4, first).value = previousYear ? `${previousYear}年度` : '上一年度';
    sheet.getCell(4, first + 1).value = `${year}年度`;
    sheet.getCell(4, first + 2).value = m.change === 'points' ? '增减（百分点）' : '增减';
  });
  const rows = [
    ...data.rows.map((r) => ({ name: r.name, current: r.current, previous: r.previous })),
    { name: '合计', ...data.total },
  ];
  rows.forEach((r, n) => {
    const at = 5 + n;
    const row = sheet.getRow(at);
    row.getCell(1).value = r.name;
    MEASURES.forEach((m, i) => {
      const first = 2 + i * 3;
      const before = r.previous ? m.value(r.previous) : null;
      const now = m.value(r.current);
      row.getCell(first).value = before;
      row.getCell(first + 1).value = now;
      const [a, b] = [`${col(first)}${at}`, `${col(first + 1)}${at}`];
      if (before !== null && now !== null) {
        row.getCell(first + 2).value =
          m.change === 'points'
            ? { formula: `ROUND((${b}-${a})*100,1)`, result: Math.round((now - before) * 1000) / 10 }
            : { formula: `${b}-${a}`, result: Math.round((now - before) * 10) / 10 };
      }
      row.getCell(first).numFmt = m.format;
      row.getCell(first + 1).numFmt = m.format;
      row.getCell(first + 2).numFmt =
        m.change === 'points' ? '+0.0;-0.0;0' : m.format === '0.0' ? '+0.0;-0.0;0' : '+0;-0;0';
    });
    if (r.name === '合计') row.font = { name: FONT, bold: true };
  });
  const last = 4 + rows.length;
  styleHeader(sheet, 3, 4, width, widths);
  styleBody(sheet, 5, last, width, widths);
  const note = sheet.getRow(last + 2);
  note.getCell(1).value = previousYear
    ? `说明：两个年度都按当前名册（不含已撤销的集体）统计；报送率、按时报送率以名册集体数为分母；平均分为各集体评审平均分的平均。`
    : `说明：${year}年度之前没有在本软件中开展过的年度工作，暂无可对比的数据。`;
  note.getCell(1).font = { name: FONT, size: 10 };
  sheet.mergeCells(last + 2, 1, last + 2, width);
}
