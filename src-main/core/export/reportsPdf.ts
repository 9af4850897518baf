import type { Campaign } from '../campaigns/model';
import { nameRuns } from './fonts';
import { formalFooter, FORMAL_PAGE, MM, renderPdf } from './pdf';
import type { StatsData } from './statsData';
import { chinaDay, chinaMinute } from '../../common/chinaTime';
import { completenessLabel, TIMING } from '../../common/statuses';
import { YEAR_OUTCOME } from '../../common/standing';

const TABLE = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#666',
  vLineColor: () => '#666',
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

/** A sector heading never stays alone at a page's foot: it moves on with its table. */
function keepHeadingWithNext(node: { headlineLevel?: number }, followingNodesOnPage: unknown[]): boolean {
  return node.headlineLevel === 1 && followingNodesOnPage.length === 0;
}

/** Pages in a PDF pdfmake wrote (its page objects are plain dictionaries). */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

/** 未报送 reminder list: who sent nothing, by sector, with whom to call. */
export async function missingPdf(data: StatsData): Promise<{ bytes: Buffer; count: number }> {
  const missing = data.units.filter((u) => !u.submitted);
  const content: Array<Record<string, unknown>> = [
    {
      text: `${data.campaign.year}年度青年文明号集体未报送材料提醒名单`,
      bold: true,
      fontSize: 22,
      alignment: 'center',
      margin: [0, 0, 0, 8],
    },
    {
      text: `截至 ${chinaDay()}，共 ${missing.length} 个集体尚未报送（报送截止：${data.campaign.deadline}）`,
      alignment: 'center',
      fontSize: 12,
      margin: [0, 0, 0, 12],
    },
  ];
  const sectors = [...new Set(missing.map((u) => u.sector))];
  for (const sector of sectors) {
    const rows = missing.filter((u) => u.sector === sector);
    content.push({
      text: `${sector}（${rows.length}个）`,
      font: 'Sans',
      bold: true,
      fontSize: 14,
      margin: [0, 8, 0, 4],
      headlineLevel: 1,
    });
    content.push({
      table: {
        headerRows: 1,
        // A row never splits across pages; an address is never broken mid-address (its column takes its width).
        dontBreakRows: true,
        widths: [22, '*', 48, 78, 'auto'],
        body: [
          ['序号', '集体名称', '联系人', '联系电话', '电子邮箱'].map((text) => ({
            text,
            bold: true,
            alignment: 'center',
          })),
          ...rows.map((u, i) => [
            { text: String(i + 1), alignment: 'center' },
            { text: nameRuns(u.name) },
            u.contact,
            u.phone,
            { text: u.email, noWrap: true, fontSize: 10 },
          ]),
        ],
      },
      layout: TABLE,
      fontSize: 11,
    });
  }
  if (!missing.length) content.push({ text: '所有集体均已报送材料。', alignment: 'center', margin: [0, 20, 0, 0] });
  const bytes = await renderPdf({
    ...FORMAL_PAGE,
    pageMargins: [20 * MM, 25 * MM, 20 * MM, 25 * MM],
    defaultStyle: { font: 'Serif', fontSize: 12, lineHeight: 1.3 },
    content,
    footer: formalFooter,
    pageBreakBefore: keepHeadingWithNext,
    info: { title: '未报送材料提醒名单', creator: '组委会工作台' },
  });
  return { bytes, count: missing.length };
}

export interface SheetReview {
  reviewerName: string;
  total: number;
  verdict: string | null;
  comment: string;
  excluded: boolean;
  answers: Record<string, { done?: boolean; count?: number; score?: number; vetoed?: boolean; note?: string }>;
}

function answerText(item: Campaign['items'][number], a: SheetReview['answers'][string] | undefined): string {
  if (!a) return '—';
  if (item.kind === 'check') return a.done === undefined ? '—' : a.done ? '已开展' : '未开展';
  if (item.kind === 'count') return a.count === undefined ? '—' : `${a.count} 次`;
  if (item.kind === 'score') return a.score === undefined ? '—' : `${a.score} 分`;
  return a.vetoed ? '否决' : '否';
}

/** 评审表 for one unit: the checklist with every reviewer's answers, totals, comments and the result. */
type SheetUnit = {
  name: string;
  sector: string;
  receivedAt: Date | null;
  late: boolean | null;
  complete: boolean | null;
  mean: number | null;
  finalScore: number | null;
  verdict: string | null;
};

/**
 * 评审表 on one page: laid out as usual, and where that runs onto a second page (long comments, many
 * reviewers) set tighter — never a lone signature line on page 2.
 */
export async function reviewSheetPdf(campaign: Campaign, unit: SheetUnit, reviews: SheetReview[]): Promise<Buffer> {
  let pdf = await reviewSheetLayout(campaign, unit, reviews, 1);
  for (const scale of [0.85, 0.72]) {
    if (pageCount(pdf) <= 1) break;
    pdf = await reviewSheetLayout(campaign, unit, reviews, scale);
  }
  return pdf;
}

async function reviewSheetLayout(
  campaign: Campaign,
  unit: SheetUnit,
  reviews: SheetReview[],
  scale: number,
): Promise<Buffer> {
  const reviewers = reviews.map((r) => `${r.reviewerName}${r.excluded ? '（回避）' : ''}`);
  const body: unknown[][] = [
    [
      { text: '检查项目', bold: true },
      { text: '分值', bold: true, alignment: 'center' },
      ...reviewers.map((n) => ({ text: n, bold: true, alignment: 'center' })),
    ],
    ...campaign.items.map((item, i) => [
      { text: `${i + 1}. ${item.title}${item.kind === 'count' ? `（≥${item.minCount} 次）` : ''}` },
      { text: item.kind === 'veto' ? '否决项' : String(item.points), alignment: 'center' },
      ...reviews.map((r) => {
        const a = r.answers[String(item.id)];
        return { text: `${answerText(item, a)}${a?.note ? `\n${a.note}` : ''}`, alignment: 'center', fontSize: 10 };
      }),
    ]),
    [
      { text: '总分 / 等次', bold: true },
      '',
      ...reviews.map((r) => ({ text: `${r.total}  ${r.verdict ?? ''}`, bold: true, alignment: 'center' })),
    ],
  ];
  const content: Array<Record<string, unknown>> = [
    {
      text: `${campaign.year}年度青年文明号集体评审表`,
      bold: true,
      fontSize: 20,
      alignment: 'center',
      margin: [0, 0, 0, 10],
    },
    {
      table: {
        widths: [60, '*', 60, '*'],
        body: [
          ['集体名称', { text: nameRuns(unit.name), colSpan: 3 }, '', ''],
          ['所属系统', unit.sector, '收到时间', unit.receivedAt ? chinaMinute(unit.receivedAt) : YEAR_OUTCOME.missing],
          [
            '是否逾期',
            unit.late === null ? '—' : unit.late ? TIMING.late : TIMING.onTime,
            '材料',
            completenessLabel(unit.complete),
          ],
          [
            '平均分',
            unit.mean === null ? '—' : unit.mean.toFixed(1),
            '最终得分 / 等次',
            `${unit.finalScore ?? '—'} / ${unit.verdict ?? '—'}`,
          ],
        ],
      },
      layout: TABLE,
      margin: [0, 0, 0, 10],
    },
    { table: { headerRows: 1, widths: ['*', 34, ...reviews.map(() => 64)], body }, layout: TABLE, fontSize: 11 },
    ...reviews
      .filter((r) => r.comment)
      .map((r) => ({ text: `${r.reviewerName}评语：${r.comment}`, margin: [0, 6, 0, 0], fontSize: 11 })),
    // The sheet is filed signed: a line per reviewer for the signature and the date.
    {
      table: {
        widths: ['*', '*'],
        body: reviews.map((r) => [`评审人（${r.reviewerName}）签字：________________`, '日期：______年____月____日']),
      },
      layout: 'noBorders',
      margin: [0, 18, 0, 0],
      fontSize: 12,
      lineHeight: 2,
      unbreakable: true,
    },
  ];
  const margin = scale < 1 ? 15 : 22;
  return renderPdf({
    ...FORMAL_PAGE,
    pageMargins: [20 * MM, margin * MM, 20 * MM, margin * MM],
    defaultStyle: { font: 'Serif', fontSize: Math.round(12 * scale * 10) / 10, lineHeight: scale < 1 ? 1.1 : 1.25 },
    content:
      scale < 1
        ? content.map((c) => ({
            ...c,
            ...(c.fontSize ? { fontSize: Math.round((c.fontSize as number) * scale * 10) / 10 } : {}),
            ...(c.lineHeight ? { lineHeight: 1.5 } : {}),
          }))
        : content,
    footer: formalFooter,
    info: { title: `评审表 ${unit.name}`, creator: '组委会工作台' },
  });
}
