import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../app/context';
import { resolveCampaign } from '../campaigns/campaigns';
import { DeskError } from '../contract/errors';
import { newDownloadPath } from '../intake/uploads';
import { collectStats } from './statsData';
import { writeStatsWorkbook } from './statsWorkbook';
import { z } from 'zod';
import { commendedList } from '../honors/honors';
import { honorsPdf } from './honorsPdf';

/** Written beside the target and renamed when complete, so a failed export never leaves a broken file. */
async function writeAtomically(target: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await write(temp);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
      throw new DeskError('file-locked', `无法写入“${target}”：文件可能正被 Excel/WPS 打开，请关闭后重试或换一个文件名。`);
    }
    if (code === 'ENOENT') throw new DeskError('bad-path', `找不到文件夹“${path.dirname(path.resolve(target))}”，请换一个保存位置。`);
    throw error;
  }
}

export async function exportStats(ctx: CoreContext, campaignYear: number | undefined, target: string) {
  const campaign = resolveCampaign(ctx.db.orm, campaignYear);
  const data = collectStats(ctx.db.orm, campaign.id);
  await writeAtomically(target, (temp) => writeStatsWorkbook(data, temp));
  return { file: target, units: data.units.length, submitted: data.total.submitted, fileName: `${campaign.year}年度青年文明号统计表.xlsx` };
}

export async function exportStatsDownload(ctx: CoreContext, campaignYear: number | undefined) {
  const { id, file } = newDownloadPath(ctx.dataDir);
  const result = await exportStats(ctx, campaignYear, file);
  return { ...result, file: undefined, downloadId: id };
}

export const honorsLayoutSchema = z.object({
  campaignYear: z.number().int().optional(),
  title: z.string().trim().max(200).optional(),
  issuer: z.string().trim().max(100).optional(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2022-12-20').optional(),
  unranked: z.boolean().default(true),
});

/** The commendation list PDF of a campaign's recorded 表彰 decision. */
export async function exportHonors(ctx: CoreContext, input: z.output<typeof honorsLayoutSchema>, target: string) {
  const campaign = resolveCampaign(ctx.db.orm, input.campaignYear);
  const groups = commendedList(ctx.db.orm, campaign.id);
  if (!groups.length) throw new DeskError('no-honors', '还没有确定表彰名单：请先在“导出 → 表彰”中按规则确定表彰集体。');
  const bytes = await honorsPdf({
    title: input.title || `${campaign.year}年度柳州市青年文明号集体表彰名单`,
    issuer: input.issuer || campaign.issuer || '市组委会',
    date: input.date ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
    unranked: input.unranked,
    groups,
  });
  await writeAtomically(target, async (temp) => fs.writeFileSync(temp, bytes));
  return { file: target, commended: groups.reduce((n, g) => n + g.names.length, 0), sectors: groups.length, bytes: bytes.length, fileName: `${campaign.year}年度青年文明号表彰名单.pdf` };
}

export async function exportHonorsDownload(ctx: CoreContext, input: z.output<typeof honorsLayoutSchema>) {
  const { id, file } = newDownloadPath(ctx.dataDir);
  const result = await exportHonors(ctx, input, file);
  return { ...result, file: undefined, downloadId: id };
}
