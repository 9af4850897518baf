import { and, eq, isNull, ne } from 'drizzle-orm';
import type { CoreContext } from '../app/context';
import { getCampaign } from '../campaigns/campaigns';
import { submissionFiles, submissions, units } from '../db/schema';
import { NO_READABLE_SUMMARY, nothingReadable } from '../../common/fileKinds';
import { getSubmission } from '../intake/submissions';
import { photoDate } from './photoDate';
import { REMIND_SITUATION, YEAR_OUTCOME } from '../../common/standing';

export interface Badge {
  code:
    | 'photo-count'
    | 'exif-outside-year'
    | 'photo-reused'
    | 'summary-copied'
    | 'summary-same-as-last-year'
    | 'no-readable-summary'
    | 'late'
    | 'incomplete';
  level: 'warning' | 'error';
  text: string;
}

/**
 * Evidence checks shown to a reviewer as badges: the photo count against the rule, photos taken
 * outside the campaign year (EXIF), a photo that also appears in another unit's submission, a
 * summary identical to another unit's or to this unit's own last year, lateness, incompleteness.
 */
export async function evidenceBadges(
  ctx: CoreContext,
  submissionId: number,
): Promise<{ badges: Badge[]; photoDates: Record<string, string> }> {
  const orm = ctx.db.orm;
  const submission = getSubmission(orm, submissionId);
  const campaign = getCampaign(orm, submission.campaignId);
  const badges: Badge[] = [];
  const photos = submission.files.filter((f) => f.kind === 'photo');
  const { photosMin, photosMax } = campaign.materials;
  if (photos.length < photosMin || photos.length > photosMax)
    badges.push({
      code: 'photo-count',
      level: 'warning',
      text: `照片 ${photos.length} 张（要求 ${photosMin}–${photosMax} 张）`,
    });
  const photoDates: Record<string, string> = {};
  let outside = 0;
  for (const photo of photos) {
    const date = await photoDate(ctx.store.pathFor(photo.sha256), photo.mime);
    if (!date) continue;
    photoDates[photo.sha256] = date.toISOString();
    if (date.getFullYear() !== campaign.year) outside++;
  }
  if (outside)
    badges.push({
      code: 'exif-outside-year',
      level: 'warning',
      text: `${outside} 张照片的拍摄时间不在 ${campaign.year} 年`,
    });

  const others = (sha: string) =>
    orm
      .select({ unitName: units.name, campaignId: submissions.campaignId, unitId: submissions.unitId })
      .from(submissionFiles)
      .innerJoin(submissions, eq(submissionFiles.submissionId, submissions.id))
      .leftJoin(units, eq(submissions.unitId, units.id))
      .where(and(eq(submissionFiles.sha256, sha), ne(submissions.id, submissionId), isNull(submissions.deletedAt)))
      .all();
  const reused = new Set<string>();
  for (const photo of photos)
    for (const o of others(photo.sha256)) if (o.unitId !== submission.unitId && o.unitName) reused.add(o.unitName);
  if (reused.size)
    badges.push({
      code: 'photo-reused',
      level: 'error',
      text: `有照片与${[...reused].slice(0, 3).join('、')}的材料完全相同`,
    });
  for (const summary of submission.files.filter((f) => f.kind === 'summary')) {
    const hits = others(summary.sha256);
    const copied = hits.filter((o) => o.unitId !== submission.unitId && o.unitName).map((o) => o.unitName!);
    if (copied.length)
      badges.push({
        code: 'summary-copied',
        level: 'error',
        text: `工作总结与${[...new Set(copied)].slice(0, 3).join('、')}的完全相同`,
      });
    if (hits.some((o) => o.unitId === submission.unitId && o.campaignId !== submission.campaignId))
      badges.push({ code: 'summary-same-as-last-year', level: 'warning', text: '工作总结与本单位往年的完全相同' });
  }
  // Read by the summary indexer: every summary a scan or unreadable means the reviewer has nothing to read.
  const summaries = submission.files.filter((f) => f.kind === 'summary');
  // No summary among the files at all (an archive left packed, only photos) is nothing to read either.
  if (!summaries.length)
    badges.push({ code: 'no-readable-summary', level: 'error', text: `${NO_READABLE_SUMMARY}（材料中没有工作总结）` });
  else if (nothingReadable(summaries))
    badges.push({
      code: 'no-readable-summary',
      level: 'error',
      text: summaries.some((f) => f.reading === 'runaway')
        ? `${NO_READABLE_SUMMARY}（无法读取：文件过大或过复杂）`
        : `${NO_READABLE_SUMMARY}（扫描件或无法打开）`,
    });
  if (submission.late) badges.push({ code: 'late', level: 'warning', text: YEAR_OUTCOME.late });
  if (submission.completeness === 'incomplete')
    badges.push({ code: 'incomplete', level: 'warning', text: REMIND_SITUATION.incomplete });
  return { badges, photoDates };
}
