import { chinaDay } from '../../common/chinaTime';
import { UNIT_STATUS } from '../../common/statuses';
import { nameRuns } from '../export/fonts';
import { formalFooter, FORMAL_PAGE, MM, renderPdf } from '../export/pdf';
import { titledSheet } from '../export/sheetLayout';
import { starLabel, SUGGESTION } from '../../common/standing';
import type { Flag } from './rules';

const COLUMNS: Array<{ header: string; width: number; of: (f: Flag, i: number) => string | number }> = [
  { header: '序号', width: 6, of: (_f, i) => i + 1 },
  { header: '集体名称', width: 36, of: (f) => f.unitName },
  { header: '系统', width: 18, of: (f) => f.sector },
  { header: '状态', width: 8, of: (f) => UNIT_STATUS[f.status] },
  { header: '星级', width: 9, of: (f) => starLabel(f.star) },
  { header: '情形', width: 26, of: (f) => f.label },
  { header: '依据', width: 34, of: (f) => f.evidence },
  { header: '建议', width: 14, of: (f) => SUGGESTION[f.suggestion] },
  { header: '组委会意见', width: 20, of: () => '' },
];

/** 动态管理 as a sheet: one row per flag, a blank 组委会意见 column for the meeting. */
export async function flagsWorkbook(flags: Flag[], asOf: number | null, file: string): Promise<void> {
  const { default: excel } = await import('exceljs');
  const book = new excel.Workbook();
  book.creator = '组委会工作台';
  const sheet = titledSheet(
    book,
    '动态管理',
    `青年文明号集体动态管理名单（${asOf ?? ''}年度，${chinaDay()} 生成）`,
    COLUMNS,
  );
  flags.forEach((f, i) => {
    const row = sheet.addRow(COLUMNS.map((c) => c.of(f, i)));
    row.alignment = { vertical: 'middle', wrapText: true };
  });
  await book.xlsx.writeFile(file);
}

const TABLE = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#666',
  vLineColor: () => '#666',
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

/** The same list as a PDF for the committee's meeting, grouped by what it proposes. */
export async function flagsPdf(flags: Flag[], asOf: number | null): Promise<Buffer> {
  const content: Array<Record<string, unknown>> = [
    { text: '青年文明号集体动态管理名单', bold: true, fontSize: 22, alignment: 'center', margin: [0, 0, 0, 6] },
    {
      text: `依据${asOf ?? ''}年度及以往各年度的报送与评审结果，截至 ${chinaDay()}，共 ${flags.length} 项`,
      alignment: 'center',
      fontSize: 12,
      margin: [0, 0, 0, 12],
    },
  ];
  for (const suggestion of Object.keys(SUGGESTION) as Array<keyof typeof SUGGESTION>) {
    const rows = flags.filter((f) => f.suggestion === suggestion);
    if (!rows.length) continue;
    content.push({
      text: `${SUGGESTION[suggestion]}（${rows.length}个）`,
      font: 'Sans',
      bold: true,
      fontSize: 14,
      margin: [0, 8, 0, 4],
    });
    content.push({
      table: {
        headerRows: 1,
        widths: [22, '*', 70, 88, '*', 60],
        body: [
          ['序号', '集体名称', '系统', '情形', '依据', '组委会意见'].map((text) => ({
            text,
            bold: true,
            alignment: 'center',
          })),
          ...rows.map((f, i) => [
            { text: String(i + 1), alignment: 'center' },
            { text: nameRuns(f.unitName) },
            f.sector,
            f.label,
            f.evidence,
            '',
          ]),
        ],
      },
      layout: TABLE,
      fontSize: 10.5,
    });
  }
  if (!flags.length)
    content.push({ text: '按现行规则，没有需要提醒、调整或撤销的集体。', alignment: 'center', margin: [0, 20, 0, 0] });
  return renderPdf({
    ...FORMAL_PAGE,
    pageOrientation: 'landscape',
    pageMargins: [20 * MM, 20 * MM, 20 * MM, 20 * MM],
    defaultStyle: { font: 'Serif', fontSize: 11, lineHeight: 1.3 },
    content,
    footer: formalFooter,
    info: { title: '动态管理名单', creator: '组委会工作台' },
  });
}
