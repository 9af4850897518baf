import fs from 'node:fs';
import yazl from 'yazl';
import { z } from 'zod';
import type { CoreContext } from '../app/context';
import { resolveCampaign } from '../campaigns/campaigns';
import { placeOf } from '../campaigns/model';
import type { Job } from '../contract/define';
import { DeskError } from '../contract/errors';
import { typedDay } from '../contract/schemas';
import { makeArtifact } from '../transfer/artifacts';
import { collectStats } from './statsData';
import { writeStatsWorkbook } from './statsWorkbook';
import { commendedList, unsettledHonors } from '../honors/honors';
import { honorsPdf } from './honorsPdf';
import { missingPdf, reviewSheetPdf } from './reportsPdf';
import { practiceEntries, practicesPdf } from './practicesPdf';
import { honorsDocx, missingDocx, practicesDocx } from './docx';
import { aggregate } from '../review/aggregate';
import { reviews } from '../db/schema';
import { chinaDay } from '../../common/chinaTime';

/** Each export makes one document as an artifact (see transfer/artifacts.ts); the shell delivers it. */
export async function exportStats(ctx: CoreContext, campaignYear: number | undefined) {
  const campaign = resolveCampaign(ctx.db.orm, campaignYear);
  const data = collectStats(ctx.db.orm, campaign.id);
  const artifact = await makeArtifact(ctx.dataDir, `${campaign.year}年度青年文明号统计表.xlsx`, (file) =>
    writeStatsWorkbook(data, file),
  );
  return { units: data.units.length, submitted: data.total.submitted, artifact };
}

export const honorsLayoutSchema = z.object({
  campaignYear: z.number().int().optional(),
  title: z.string().trim().max(200).optional(),
  issuer: z.string().trim().max(100).optional(),
  date: typedDay.optional(),
  unranked: z.boolean().default(true),
  /** false: one numbered list without sector headings. */
  grouped: z.boolean().default(true),
  format: z.enum(['pdf', 'docx']).default('pdf'),
  /** The office has seen the 需重新定级 / 尚未定级 entries named and prints anyway. */
  confirmUnsettled: z.boolean().default(false),
});

/** The formal documents come as PDF to print, or as .docx to paste into the office's red-headed 公文. */
export const documentInput = z
  .object({ campaignYear: z.number().int().optional(), format: z.enum(['pdf', 'docx']).default('pdf') })
  .default({ format: 'pdf' });
export type DocumentFormat = 'pdf' | 'docx';

/** The commendation list PDF of a campaign's recorded 表彰 decision. */
export async function exportHonors(ctx: CoreContext, input: z.output<typeof honorsLayoutSchema>) {
  const campaign = resolveCampaign(ctx.db.orm, input.campaignYear);
  const bySector = commendedList(ctx.db.orm, campaign.id);
  const groups = input.grouped
    ? bySector
    : bySector.length
      ? [{ sector: '', names: bySector.flatMap((g) => g.names) }]
      : [];
  if (!groups.length) throw new DeskError('no-honors', '还没有确定表彰名单：请先在“导出 → 表彰”中按规则确定表彰集体。');
  const unsettled = unsettledHonors(ctx.db.orm, campaign.id);
  if (unsettled.length && !input.confirmUnsettled) {
    const named = unsettled.map((u) => `“${u.unitName}”${u.why}`).join('；');
    throw new DeskError(
      'honors-unsettled',
      `表彰名单中有 ${unsettled.length} 个集体的定级还不确定：${named}。请先在“评审 → 汇总与定级”中处理；确认无误后也可仍然导出。`,
    );
  }
  const layout = {
    title: input.title || `${campaign.year}年度${placeOf(campaign.issuer)}青年文明号集体表彰名单`,
    issuer: input.issuer || campaign.issuer || '市组委会',
    date: input.date ?? chinaDay(),
    unranked: input.unranked,
    groups,
  };
  const bytes = input.format === 'docx' ? await honorsDocx(layout) : await honorsPdf(layout);
  const artifact = await makeArtifact(ctx.dataDir, `${campaign.year}年度青年文明号表彰名单.${input.format}`, (file) =>
    fs.writeFileSync(file, bytes),
  );
  return {
    commended: groups.reduce((n, g) => n + g.names.length, 0),
    sectors: groups.length,
    bytes: bytes.length,
    artifact,
  };
}

export async function exportMissing(
  ctx: CoreContext,
  campaignYear: number | undefined,
  format: DocumentFormat = 'pdf',
) {
  const campaign = resolveCampaign(ctx.db.orm, campaignYear);
  const data = collectStats(ctx.db.orm, campaign.id);
  const { bytes, count } = format === 'docx' ? await missingDocx(data) : await missingPdf(data);
  const artifact = await makeArtifact(ctx.dataDir, `${campaign.year}年度未报送提醒名单.${format}`, (file) =>
    fs.writeFileSync(file, bytes),
  );
  return { missing: count, artifact };
}

/** A unit's name as a file name: the roster's text, never a path, cut to a safe length. */
export function safeFileName(name: string): string {
  return (
    [...name.replace(/[\\/:*?"<>|]/g, '_')]
      .filter((ch) => ch.charCodeAt(0) >= 0x20)
      .slice(0, 60)
      .join('')
      .trim() || '集体'
  );
}

/**
 * One 评审表 PDF per reviewed unit, together in one ZIP — the one export that grows long
 * (thousands of PDFs), so it reports progress per unit and stops between units when cancelled.
 */
export async function exportReviewSheets(ctx: CoreContext, campaignYear: number | undefined, job: Job) {
  const campaign = resolveCampaign(ctx.db.orm, campaignYear);
  const data = collectStats(ctx.db.orm, campaign.id);
  const results = new Map(aggregate(ctx.db.orm, campaign.id).map((r) => [r.unitId, r]));
  const answers = new Map(
    ctx.db.orm
      .select()
      .from(reviews)
      .all()
      .map((r) => [`${r.submissionId}-${r.reviewerId}`, r]),
  );
  const todo = data.units.filter((u) => results.get(u.unitId)?.reviews.length);
  const files: string[] = [];
  const artifact = await makeArtifact(ctx.dataDir, `${campaign.year}年度评审表.zip`, async (file) => {
    const zip = new yazl.ZipFile();
    const written = new Promise<void>((resolve, reject) => {
      zip.outputStream.on('error', reject);
      zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject);
    });
    for (const [done, unit] of todo.entries()) {
      job.progress({ done, total: todo.length, message: `正在生成评审表：${unit.name}` });
      // Let the event (and a cancel request) through between documents.
      await new Promise((resolve) => setImmediate(resolve));
      // Cancelled: the sheets made so far are kept, as the ZIP the person still receives.
      if (job.signal.aborted) break;
      const result = results.get(unit.unitId)!;
      const sheetReviews = result.reviews.map((rv) => {
        const row = answers.get(`${result.submissionId}-${rv.reviewerId}`);
        return {
          reviewerName: rv.reviewerName,
          total: rv.total,
          verdict: row?.verdict ?? null,
          comment: row?.comment ?? '',
          excluded: rv.excluded,
          answers: (row?.answers ?? {}) as Record<string, never>,
        };
      });
      const name = `${String(unit.index).padStart(4, '0')}-${safeFileName(unit.name)}.pdf`;
      zip.addBuffer(await reviewSheetPdf(campaign, unit, sheetReviews), name, { compress: false });
      files.push(name);
    }
    zip.end();
    await written;
  });
  job.progress({ done: files.length, total: todo.length, message: job.signal.aborted ? '已取消' : '评审表已生成' });
  return { sheets: files.length, files, cancelled: job.signal.aborted, artifact };
}

export async function exportPractices(
  ctx: CoreContext,
  campaignYear: number | undefined,
  format: DocumentFormat = 'pdf',
) {
  const campaign = resolveCampaign(ctx.db.orm, campaignYear);
  const entries = await practiceEntries(ctx, campaign);
  const { bytes, count } =
    format === 'docx' ? await practicesDocx(entries, campaign) : await practicesPdf(entries, campaign);
  const artifact = await makeArtifact(ctx.dataDir, `${campaign.year}年度典型做法汇编.${format}`, (file) =>
    fs.writeFileSync(file, bytes),
  );
  return { practices: count, artifact };
}
