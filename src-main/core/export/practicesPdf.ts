import { and, asc, eq } from 'drizzle-orm';
import type { CoreContext } from '../app/context';
import type { Campaign } from '../campaigns/model';
import { submissionFiles, practices, sectors, submissions, units } from '../db/schema';
import { PRINT_SIZE } from '../store/thumbnails';
import { nameRuns } from './fonts';
import { formalFooter, FORMAL_PAGE, renderPdf } from './pdf';
import { CHINESE } from './honorsPdf';

const INDENT = '\u3000\u3000';

export interface PracticeEntry {
  unit: string;
  sector: string;
  note: string;
  markedBy: string;
  /** Print copies (JPEG) of up to four photos. */
  photos: string[];
}

/** The marked units of a campaign in roster order, each with print copies of up to four photos. */
export async function practiceEntries(ctx: CoreContext, campaign: Campaign): Promise<PracticeEntry[]> {
  const orm = ctx.db.orm;
  const marked = orm
    .select({
      submissionId: practices.submissionId,
      note: practices.note,
      markedBy: practices.markedBy,
      unit: units.name,
      sector: sectors.name,
    })
    .from(practices)
    .innerJoin(submissions, eq(practices.submissionId, submissions.id))
    .innerJoin(units, eq(submissions.unitId, units.id))
    .leftJoin(sectors, eq(units.sectorId, sectors.id))
    .where(eq(submissions.campaignId, campaign.id))
    .orderBy(asc(sectors.position), asc(units.id))
    .all();
  const entries: PracticeEntry[] = [];
  for (const m of marked) {
    const photos = orm
      .select({ sha256: submissionFiles.sha256, mime: submissionFiles.mime })
      .from(submissionFiles)
      .where(and(eq(submissionFiles.submissionId, m.submissionId), eq(submissionFiles.kind, 'photo')))
      .orderBy(asc(submissionFiles.position))
      .all();
    // Print copies (JPEG, 1000 px): a 2 MB camera file is not embedded whole, and a photo libvips
    // cannot read (HEIC, a broken or bomb-sized file) is left out rather than handed to the writer.
    const printable: string[] = [];
    for (const photo of photos) {
      if (printable.length === 4) break;
      const copy = await ctx.thumbnails.get(photo.sha256, ctx.store.pathFor(photo.sha256), photo.mime, PRINT_SIZE);
      if (copy) printable.push(copy);
    }
    entries.push({
      unit: m.unit,
      sector: m.sector ?? '未分配系统',
      note: m.note,
      markedBy: m.markedBy,
      photos: printable,
    });
  }
  return entries;
}

/** 典型做法汇编: each marked unit's name, the note on why, and up to four of its photos. */
export async function practicesPdf(
  entries: PracticeEntry[],
  campaign: Campaign,
): Promise<{ bytes: Buffer; count: number }> {
  const content: Array<Record<string, unknown>> = [
    {
      text: `${campaign.year}年度青年文明号集体典型做法汇编`,
      bold: true,
      fontSize: 22,
      alignment: 'center',
      margin: [0, 0, 0, 20],
    },
  ];
  for (const [i, m] of entries.entries()) {
    content.push({
      text: [{ text: `${CHINESE[i] ?? i + 1}、` }, ...nameRuns(m.unit), { text: `（${m.sector}）` }],
      font: 'Sans',
      bold: true,
      margin: [0, i ? 16 : 0, 0, 6],
    });
    // Two ideographic spaces: the paragraph indent of Chinese documents, which pdfmake strips unless told to keep it.
    content.push({ text: `${INDENT}${m.note || '（未填写说明）'}`, preserveLeadingSpaces: true });
    content.push({ text: `推荐人：${m.markedBy}`, alignment: 'right', fontSize: 12, margin: [0, 2, 0, 6] });
    for (let p = 0; p < m.photos.length; p += 2) {
      content.push({
        columns: m.photos.slice(p, p + 2).map((file) => ({ image: file, fit: [210, 160], alignment: 'center' })),
        columnGap: 12,
        margin: [0, 4, 0, 4],
      });
    }
  }
  if (!entries.length) content.push({ text: '本年度尚未标记典型做法。', alignment: 'center' });
  const bytes = await renderPdf(
    {
      ...FORMAL_PAGE,
      defaultStyle: { font: 'Serif', fontSize: 16, lineHeight: 1.45 },
      content,
      footer: formalFooter,
      info: { title: '典型做法汇编', creator: '组委会工作台' },
    },
    entries.flatMap((e) => e.photos),
  );
  return { bytes, count: entries.length };
}
