import { nameRuns } from './fonts';
import { FORMAL_PAGE, formalDate, formalFooter, renderPdf } from './pdf';
/** 一、二、三… for numbered headings. */
export const CHINESE = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
  '十六',
  '十七',
  '十八',
  '十九',
  '二十',
];

export interface HonorsLayout {
  title: string;
  issuer: string;
  date: string;
  /** Print "（排名不分先后）" under the title. */
  unranked: boolean;
  groups: Array<{ sector: string; names: string[] }>;
}

/**
 * The commendation list laid out as a formal document (GB/T 9704-2012): A4, text block 156 × 225
 * mm, title in bold serif at 二号 (22 pt), sector headings in a 黑体-style sans at 三号 (16 pt), names
 * in serif at 三号, numbered within each sector — two to a line when they are short — issuer and
 * date right-aligned at the end, page numbers "— 1 —" on the outer side. Names are plain text
 * lines rather than a table, which keeps 2,000 names fast.
 */
export async function honorsPdf(layout: HonorsLayout): Promise<Buffer> {
  const content: Array<Record<string, unknown>> = [
    {
      text: layout.title,
      bold: true,
      fontSize: 22,
      alignment: 'center',
      lineHeight: 1.35,
      margin: [0, 0, 0, layout.unranked ? 6 : 24],
    },
  ];
  if (layout.unranked) content.push({ text: '（排名不分先后）', alignment: 'center', margin: [0, 0, 0, 20] });
  layout.groups.forEach((group, g) => {
    // An empty sector name is the ungrouped list: numbered straight through, no heading.
    const heading = group.sector
      ? {
          text: `${CHINESE[g] ?? g + 1}、${group.sector}（${group.names.length}个）`,
          font: 'Sans',
          bold: true,
          margin: [0, 10, 0, 4],
        }
      : null;
    const short = group.names.every((n) => [...n].length <= 11);
    const label = (i: number) => [{ text: `${i + 1}. ` }, ...nameRuns(group.names[i]!)];
    for (let i = 0; i < group.names.length; i += short ? 2 : 1) {
      const line =
        short && i + 1 < group.names.length
          ? {
              columns: [
                { text: label(i), width: '50%' },
                { text: label(i + 1), width: '50%' },
              ],
              columnGap: 8,
            }
          : { text: label(i) };
      // A heading never stays alone at the foot of a page: it moves on with its first line.
      content.push(i === 0 && heading ? { stack: [heading, line], unbreakable: true } : line);
    }
  });
  // The 落款 and the 成文日期 stay together, on the page of the list's end.
  content.push({
    stack: [
      { text: layout.issuer, alignment: 'right', margin: [0, 36, 32, 0] },
      { text: formalDate(layout.date), alignment: 'right', margin: [0, 4, 32, 0] },
    ],
    unbreakable: true,
  });

  return renderPdf({
    ...FORMAL_PAGE,
    info: { title: layout.title, creator: '组委会工作台' },
    defaultStyle: { font: 'Serif', fontSize: 16, lineHeight: 1.45 },
    content,
    footer: formalFooter,
  });
}
