import { chinaDay } from '../../common/chinaTime';
import type { Campaign } from '../campaigns/model';
import { nameRuns } from '../export/fonts';
import { formalFooter, FORMAL_PAGE, MM, renderPdf } from '../export/pdf';
import { titledSheet } from '../export/sheetLayout';
import type { ReminderTarget } from './targets';
import { REMIND_SITUATION } from '../../common/standing';

const HEADERS = ['序号', '集体名称', '系统', '联系人', '联系电话', '情况', '需要对方做的'];

/** What the caller asks of the unit, in a phrase: send, resend as ZIP, remove the password, complete. */
function ask(t: ReminderTarget): string {
  if (t.situation === 'incomplete') return `补齐：${t.detail}`;
  if (t.situation === 'refused') return t.detail.replace(/^.*?。/, '') || '重新发送';
  return '尽快报送材料';
}

function rowsOf(targets: ReminderTarget[]): string[][] {
  return targets.map((t, i) => [
    String(i + 1),
    t.unitName,
    t.sector,
    t.contact,
    t.phone,
    REMIND_SITUATION[t.situation],
    ask(t),
  ]);
}

/** 电话催报名单 as a sheet: one row per unit to call, with what to ask for. */
export async function phoneListWorkbook(campaign: Campaign, targets: ReminderTarget[], file: string): Promise<void> {
  const { default: excel } = await import('exceljs');
  const book = new excel.Workbook();
  book.creator = '组委会工作台';
  const widths = [6, 36, 18, 10, 16, 12, 50];
  const sheet = titledSheet(
    book,
    '电话催报',
    `${campaign.year}年度青年文明号材料电话催报名单（${chinaDay()}，共 ${targets.length} 个）`,
    HEADERS.map((header, k) => ({ header, width: widths[k]! })),
  );
  for (const row of rowsOf(targets)) sheet.addRow(row).alignment = { vertical: 'middle', wrapText: true };
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

export async function phoneListPdf(campaign: Campaign, targets: ReminderTarget[]): Promise<Buffer> {
  const body = [
    HEADERS.map((text) => ({ text, bold: true, alignment: 'center' })),
    ...rowsOf(targets).map((r) => r.map((text, i) => (i === 1 ? { text: nameRuns(text) } : text))),
  ];
  return renderPdf({
    ...FORMAL_PAGE,
    pageOrientation: 'landscape',
    pageMargins: [15 * MM, 18 * MM, 15 * MM, 18 * MM],
    defaultStyle: { font: 'Serif', fontSize: 10.5, lineHeight: 1.25 },
    content: [
      {
        text: `${campaign.year}年度青年文明号材料电话催报名单`,
        bold: true,
        fontSize: 20,
        alignment: 'center',
        margin: [0, 0, 0, 6],
      },
      {
        text: `截至 ${chinaDay()}，共 ${targets.length} 个集体（报送截止：${campaign.deadline}）`,
        alignment: 'center',
        margin: [0, 0, 0, 10],
      },
      targets.length
        ? { table: { headerRows: 1, widths: [22, '*', 70, 44, 80, 56, '*'], body }, layout: TABLE }
        : { text: '没有需要催报的集体。', alignment: 'center' },
    ],
    footer: formalFooter,
    info: { title: '电话催报名单', creator: '组委会工作台' },
  });
}
