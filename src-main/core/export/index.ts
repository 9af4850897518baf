import fs from 'node:fs';
import yazl from 'yazl';
import path from 'node:path';
import type { CoreContext } from '../app/context';
import { resolveCampaign } from '../campaigns/campaigns';
import { placeOf } from '../campaigns/model';
import { DeskError } from '../contract/errors';
import { asDownload, newDownloadPath } from '../app/downloads';
import { writeAtomically } from '../app/files';
import { collectStats } from './statsData';
import { writeStatsWorkbook } from './statsWorkbook';
import { z } from 'zod';
import { commendedList } from '../honors/honors';
import { honorsPdf } from './honorsPdf';
import { missingPdf, reviewSheetPdf } from './reportsPdf';
import { practicesPdf } from './practicesPdf';
import { aggregate } from '../review/aggregate';
import { reviews } from '../db/schema';
import { chinaDay } from '../app/chinaTime';

export async function exportStats(ctx: CoreContext, campaignYear: number | undefined, target: string) {
  const campaign = resolveCampaign(ctx.db.orm, campaignYear);
  const data = collectStats(ctx.db.orm, campaign.id);
  await writeAtomically(target, (temp) => writeStatsWorkbook(data, temp));
  return { file: target, units: data.units.length, submitted: data.total.submitted, fileName: `${campaign.year}年度青年文明号统计表.xlsx` };
}

export function exportStatsDownload(ctx: CoreContext, campaignYear: number | undefined) {
  return asDownload(ctx.dataDir, (file) => exportStats(ctx, campaignYear, file));
}

export const honorsLayoutSchema = z.object({
  campaignYear: z.number().int().optional(),
  title: z.string().trim().max(200).optional(),
  issuer: z.string().trim().max(100).optional(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2022-12-20').optional(),
  unranked: z.boolean().default(true),
  /** false: one numbered list without sector headings. */
  grouped: z.boolean().default(true),
});

/** The commendation list PDF of a campaign's recorded 表彰 decision. */
export async function exportHonors(ctx: CoreContext, input: z.output<typeof honorsLayoutSchema>, target: string) {
  const campaign = resolveCampaign(ctx.db.orm, input.campaignYear);
  const bySector = commendedList(ctx.db.orm, campaign.id);
  const groups = input.grouped ? bySector : bySector.length ? [{ sector: '', names: bySector.flatMap((g) => g.names) }] : [];
  if (!groups.length) throw new DeskError('no-honors', '还没有确定表彰名单：请先在“导出 → 表彰”中按规则确定表彰集体。');
  const bytes = await honorsPdf({
    title: input.title || `${campaign.year}年度${placeOf(campaign.issuer)}青年文明号集体表彰名单`,
    issuer: input.issuer || campaign.issuer || '市组委会',
    date: input.date ?? chinaDay(),
    unranked: input.unranked,
    groups,
  });
  await writeAtomically(target, async (temp) => fs.writeFileSync(temp, bytes));
  return { file: target, commended: groups.reduce((n, g) => n + g.names.length, 0), sectors: groups.length, bytes: bytes.length, fileName: `${campaign.year}年度青年文明号表彰名单.pdf` };
}

export function exportHonorsDownload(ctx: CoreContext, input: z.output<typeof honorsLayoutSchema>) {
  return asDownload(ctx.dataDir, (file) => exportHonors(ctx, input, file));
}

export async function exportMissing(ctx: CoreContext, campaignYear: number | undefined, target: string) {
  const campaign = resolveCampaign(ctx.db.orm, campaignYear);
  const { bytes, count } = await missingPdf(collectStats(ctx.db.orm, campaign.id));
  await writeAtomically(target, async (temp) => fs.writeFileSync(temp, bytes));
  return { file: target, missing: count, fileName: `${campaign.year}年度未报送提醒名单.pdf` };
}

export function exportMissingDownload(ctx: CoreContext, campaignYear: number | undefined) {
  return asDownload(ctx.dataDir, (file) => exportMissing(ctx, campaignYear, file));
}

/** A unit's name as a file name: the roster's text, never a path, cut to a safe length. */
function safeFileName(name: string): string {
  return [...name.replace(/[\\/:*?"<>|]/g, '_')].filter((ch) => ch.charCodeAt(0) >= 0x20).slice(0, 60).join('').trim() || '集体';
}

/**
 * One 评审表 PDF per reviewed unit, into a folder — the one export that grows long (thousands of
 * PDFs), so it reports progress per unit and stops between units when cancelled.
 */
export async function exportReviewSheets(ctx: CoreContext, campaignYear: number | undefined, dir: string) {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new DeskError('bad-path', `找不到文件夹“${dir}”，请先建好或换一个位置。`);
  const campaign = resolveCampaign(ctx.db.orm, campaignYear);
  const data = collectStats(ctx.db.orm, campaign.id);
  const results = new Map(aggregate(ctx.db.orm, campaign.id).map((r) => [r.unitId, r]));
  const answers = new Map(ctx.db.orm.select().from(reviews).all().map((r) => [`${r.submissionId}-${r.reviewerId}`, r]));
  const files: string[] = [];
  const todo = data.units.filter((u) => results.get(u.unitId)?.reviews.length);
  const job = `export-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const control = new AbortController();
  ctx.jobs.set(job, control);
  try {
  for (const [done, unit] of todo.entries()) {
    ctx.events.emit({ type: 'progress', job, operation: 'export.reviewSheets', done, total: todo.length, message: `正在生成评审表：${unit.name}` });
    // Let the event (and a cancel request) through between documents.
    await new Promise((resolve) => setImmediate(resolve));
    if (control.signal.aborted) throw new DeskError('cancelled', `已取消：已导出 ${files.length} 份评审表。`);
    const result = results.get(unit.unitId)!;
    const sheetReviews = result.reviews.map((rv) => {
      const row = answers.get(`${result.submissionId}-${rv.reviewerId}`);
      return { reviewerName: rv.reviewerName, total: rv.total, verdict: row?.verdict ?? null, comment: row?.comment ?? '', excluded: rv.excluded, answers: (row?.answers ?? {}) as Record<string, never> };
    });
    const bytes = await reviewSheetPdf(campaign, unit, sheetReviews);
    const target = path.join(dir, `${String(unit.index).padStart(4, '0')}-${safeFileName(unit.name)}.pdf`);
    await writeAtomically(target, async (temp) => fs.writeFileSync(temp, bytes));
    files.push(path.basename(target));
  }
  } finally {
    ctx.jobs.delete(job);
  }
  ctx.events.emit({ type: 'progress', job, operation: 'export.reviewSheets', done: todo.length, total: todo.length, message: '评审表已生成' });
  return { dir, sheets: files.length, files };
}

/** Browser mode: the same sheets as one ZIP download. */
export async function exportReviewSheetsZip(ctx: CoreContext, campaignYear: number | undefined) {
  const campaign = resolveCampaign(ctx.db.orm, campaignYear);
  const dir = fs.mkdtempSync(path.join(ctx.dataDir, 'downloads-'));
  try {
    const result = await exportReviewSheets(ctx, campaignYear, dir);
    const { id, file } = newDownloadPath(ctx.dataDir);
    const zip = new yazl.ZipFile();
    for (const name of result.files) zip.addFile(path.join(dir, name), name, { compress: false });
    zip.end();
    await new Promise<void>((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject));
    return { sheets: result.sheets, downloadId: id, fileName: `${campaign.year}年度评审表.zip` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function exportPractices(ctx: CoreContext, campaignYear: number | undefined, target: string) {
  const campaign = resolveCampaign(ctx.db.orm, campaignYear);
  const { bytes, count } = await practicesPdf(ctx, campaign);
  await writeAtomically(target, async (temp) => fs.writeFileSync(temp, bytes));
  return { file: target, practices: count, fileName: `${campaign.year}年度典型做法汇编.pdf` };
}

export function exportPracticesDownload(ctx: CoreContext, campaignYear: number | undefined) {
  return asDownload(ctx.dataDir, (file) => exportPractices(ctx, campaignYear, file));
}
