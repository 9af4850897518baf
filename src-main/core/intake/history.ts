import { and, desc, eq } from 'drizzle-orm';
import type { CoreContext } from '../app/context';
import { DeskError } from '../contract/errors';
import { memoUntilChange } from '../db/memo';
import type { Orm } from '../db/open';
import { submissionFiles, intakeSources, submissions } from '../db/schema';

/** Every source given to intake for a campaign, newest first — rejected ones included, with why. */
export function intakeHistory(orm: Orm, campaignId: number) {
  return orm
    .select()
    .from(intakeSources)
    .where(eq(intakeSources.campaignId, campaignId))
    .orderBy(desc(intakeSources.id))
    .limit(2000)
    .all();
}

export interface StoredFile {
  sha256: string;
  name: string;
  mime: string | null;
  kind: string;
  path: string;
}

/** What the file shells need to serve or open a stored file: its type and a name to show. */
export function fileInfo(ctx: CoreContext, sha256: string): StoredFile {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new DeskError('not-found', '文件不存在');
  const row = ctx.db.orm
    .select({ name: submissionFiles.name, mime: submissionFiles.mime, kind: submissionFiles.kind })
    .from(submissionFiles)
    .where(eq(submissionFiles.sha256, sha256))
    .get();
  if (!row || !ctx.store.has(sha256)) throw new DeskError('not-found', '文件不存在');
  return { sha256, ...row, path: ctx.store.pathFor(sha256) };
}

/** Every photo of a current submission, newest import first: what the thumbnail warmer works through. */
export function currentPhotos(ctx: CoreContext): Array<{ sha256: string; path: string; mime: string | null }> {
  return ctx.db.orm
    .selectDistinct({ sha256: submissionFiles.sha256, mime: submissionFiles.mime })
    .from(submissionFiles)
    .innerJoin(submissions, eq(submissionFiles.submissionId, submissions.id))
    .where(and(eq(submissions.isCurrent, true), eq(submissionFiles.kind, 'photo')))
    .orderBy(desc(submissions.id))
    .all()
    .map((p) => ({ ...p, path: ctx.store.pathFor(p.sha256) }));
}

/** The 概览 figures for a campaign: what has come in, and what still needs a hand. */
export function intakeOverview(orm: Orm, campaignId: number) {
  return memoUntilChange(orm, `intakeOverview:${campaignId}`, () => computeIntakeOverview(orm, campaignId));
}

function computeIntakeOverview(orm: Orm, campaignId: number) {
  const current = orm
    .select({ unitId: submissions.unitId, late: submissions.late, completeness: submissions.completeness })
    .from(submissions)
    .where(and(eq(submissions.campaignId, campaignId), eq(submissions.isCurrent, true)))
    .all();
  const claimed = current.filter((s) => s.unitId !== null);
  const refused = orm
    .select({ id: intakeSources.id })
    .from(intakeSources)
    .where(and(eq(intakeSources.campaignId, campaignId), eq(intakeSources.status, 'rejected')))
    .all().length;
  return {
    submitted: claimed.length,
    late: claimed.filter((s) => s.late).length,
    incomplete: claimed.filter((s) => s.completeness === 'incomplete').length,
    unclaimed: current.length - claimed.length,
    refused,
  };
}
