import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../app/context';
import { resolveCampaign } from '../campaigns/campaigns';
import { DeskError } from '../contract/errors';
import { newDownloadPath } from '../intake/uploads';
import { collectStats } from './statsData';
import { writeStatsWorkbook } from './statsWorkbook';

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
