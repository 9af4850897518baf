import fs from 'node:fs';
import { imageSize } from 'image-size';
import type { Campaign } from '../campaigns/model';
import { chinaDay } from '../../common/chinaTime';
import { CHINESE, type HonorsLayout } from './honorsPdf';
import { formalDate } from './pdf';
import type { PracticeEntry } from './practicesPdf';
import type { StatsData } from './statsData';

type Docx = typeof import('docx');
type Block = InstanceType<Docx['Paragraph']> | InstanceType<Docx['Table']>;

/**
 * The same documents as Word files the office pastes into its red-headed 公文 in WPS or Word:
 * GB/T 9704 page (A4, margins 37/35/28/26 mm), title in 小标宋-style 二号, headings in 黑体 三号,
 * text in 仿宋 三号, page numbers "— 1 —" on the outer side. Fonts are named, not embedded: every
 * office PC has them, and WPS substitutes its own where one is missing.
 */
const TITLE_FONT = '方正小标宋简体';
const HEAD_FONT = '黑体';
const BODY_FONT = '仿宋';
const pt = (n: number) => n * 2; // docx sizes are half-points

async function formalDocument(title: string, children: Block[]): Promise<Buffer> {
  const d: Docx = await import('docx');
  const mm = d.convertMillimetersToTwip;
  const footer = (alignment: (typeof d.AlignmentType)[keyof typeof d.AlignmentType]) =>
    new d.Footer({
      children: [
        new d.Paragraph({
          alignment,
          children: [new d.TextRun({ children: ['— ', d.PageNumber.CURRENT, ' —'], font: BODY_FONT, size: pt(14) })],
        }),
      ],
    });
  const doc = new d.Document({
    creator: '组委会工作台',
    title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: { ascii: BODY_FONT, eastAsia: BODY_FONT, hAnsi: BODY_FONT }, size: pt(16) },
          paragraph: { spacing: { line: 560, lineRule: d.LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
          },
        },
        footers: { default: footer(d.AlignmentType.RIGHT), even: footer(d.AlignmentType.LEFT) },
        children,
      },
    ],
  });
  return d.Packer.toBuffer(doc);
}

async function parts() {
  const d: Docx = await import('docx');
  const run = (text: string, font = BODY_FONT, size = 16, bold = false) =>
    new d.TextRun({ text, bold, size: pt(size), font: { ascii: font, eastAsia: font, hAnsi: font } });
  const line = (
    text: string,
    options: {
      font?: string;
      size?: number;
      bold?: boolean;
      align?: 'center' | 'right' | 'left';
      before?: number;
      indent?: boolean;
    } = {},
  ) =>
    new d.Paragraph({
      alignment:
        options.align === 'center'
          ? d.AlignmentType.CENTER
          : options.align === 'right'
            ? d.AlignmentType.RIGHT
            : d.AlignmentType.LEFT,
      spacing: { before: options.before ?? 0 },
      indent: options.indent ? { firstLine: pt(16) * 20 } : undefined,
      children: [run(text, options.font, options.size, options.bold)],
    });
  const title = (text: string) => line(text, { font: TITLE_FONT, size: 22, align: 'center' });
  return { d, run, line, title };
}

/** 表彰名单 as .docx: numbered within each sector, issuer and date right-aligned at the end. */
export async function honorsDocx(layout: HonorsLayout): Promise<Buffer> {
  const { line, title } = await parts();
  const children: Block[] = [title(layout.title)];
  if (layout.unranked) children.push(line('（排名不分先后）', { align: 'center' }));
  layout.groups.forEach((group, g) => {
    if (group.sector)
      children.push(
        line(`${CHINESE[g] ?? g + 1}、${group.sector}（${group.names.length}个）`, { font: HEAD_FONT, before: 200 }),
      );
    group.names.forEach((name, i) => children.push(line(`${i + 1}. ${name}`)));
  });
  children.push(
    line(layout.issuer, { align: 'right', before: 600 }),
    line(formalDate(layout.date), { align: 'right' }),
  );
  return formalDocument(layout.title, children);
}

/** 未报送提醒名单 as .docx: by sector, a table of whom to call. */
export async function missingDocx(data: StatsData): Promise<{ bytes: Buffer; count: number }> {
  const { d, run, line, title } = await parts();
  const missing = data.units.filter((u) => !u.submitted);
  const children: Block[] = [
    title(`${data.campaign.year}年度青年文明号集体未报送材料提醒名单`),
    line(`截至 ${chinaDay()}，共 ${missing.length} 个集体尚未报送（报送截止：${data.campaign.deadline}）`, {
      align: 'center',
      size: 12,
    }),
  ];
  const widths = [700, 2944, 1200, 2100, 1900];
  const cell = (text: string, bold = false, column = 0) =>
    new d.TableCell({
      width: { size: widths[column]!, type: d.WidthType.DXA },
      children: [
        new d.Paragraph({
          spacing: { line: 300, lineRule: d.LineRuleType.AUTO },
          children: [run(text, BODY_FONT, 11, bold)],
        }),
      ],
    });
  for (const sector of [...new Set(missing.map((u) => u.sector))]) {
    const rows = missing.filter((u) => u.sector === sector);
    children.push(line(`${sector}（${rows.length}个）`, { font: HEAD_FONT, size: 14, before: 200 }));
    children.push(
      new d.Table({
        width: { size: 100, type: d.WidthType.PERCENTAGE },
        // The text block is 156 mm (8,844 twips): the name gets the room, a phone number one line.
        columnWidths: widths,
        rows: [
          new d.TableRow({
            tableHeader: true,
            children: ['序号', '集体名称', '联系人', '联系电话', '电子邮箱'].map((h, c) => cell(h, true, c)),
          }),
          ...rows.map(
            (u, i) =>
              new d.TableRow({
                children: [String(i + 1), u.name, u.contact, u.phone, u.email].map((t, c) => cell(t, false, c)),
              }),
          ),
        ],
      }),
    );
  }
  if (!missing.length) children.push(line('所有集体均已报送材料。', { align: 'center' }));
  return { bytes: await formalDocument('未报送材料提醒名单', children), count: missing.length };
}

/** 典型做法汇编 as .docx: each unit's heading, the note indented, the recommender, up to four photos. */
export async function practicesDocx(
  entries: PracticeEntry[],
  campaign: Campaign,
): Promise<{ bytes: Buffer; count: number }> {
  const { d, line, title } = await parts();
  const children: Block[] = [title(`${campaign.year}年度青年文明号集体典型做法汇编`)];
  for (const [i, m] of entries.entries()) {
    children.push(line(`${CHINESE[i] ?? i + 1}、${m.unit}（${m.sector}）`, { font: HEAD_FONT, before: i ? 300 : 200 }));
    children.push(line(m.note || '（未填写说明）', { indent: true }));
    children.push(line(`推荐人：${m.markedBy}`, { align: 'right', size: 12 }));
    const images = m.photos.map((file) => {
      const data = fs.readFileSync(file);
      const size = imageSize(data);
      // 75 mm wide at most (two to a line), 55 mm high.
      const scale = Math.min(283 / (size.width || 1), 208 / (size.height || 1), 1);
      return new d.ImageRun({
        type: 'jpg',
        data,
        transformation: {
          width: Math.round((size.width || 1) * scale),
          height: Math.round((size.height || 1) * scale),
        },
      });
    });
    for (let p = 0; p < images.length; p += 2)
      children.push(
        new d.Paragraph({
          alignment: d.AlignmentType.CENTER,
          spacing: { line: 240, lineRule: d.LineRuleType.AUTO },
          children: images.slice(p, p + 2).flatMap((img, k) => (k ? [new d.TextRun('  '), img] : [img])),
        }),
      );
  }
  if (!entries.length) children.push(line('本年度尚未标记典型做法。', { align: 'center' }));
  return { bytes: await formalDocument('典型做法汇编', children), count: entries.length };
}
