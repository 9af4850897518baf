import crypto from 'node:crypto';
import fs from 'node:fs';
import yazl from 'yazl';
import type { CoreContext } from '../../app/context';
import { getCampaign } from '../../campaigns/campaigns';
import { DeskError } from '../../contract/errors';
import { reviewPackages, reviews, sectors, units } from '../../db/schema';
import type { Answers } from '../scoring';
import { listSubmissions } from '../../intake/submissions';
import { eq } from 'drizzle-orm';
import { assignmentsOf } from '../assign';
import { getReviewer, hasConflict } from '../reviewers';
import { PACKAGE_FORMAT, sealed, type PackageBody } from './format';
import { writeAtomically } from '../../transfer/atomic';

/**
 * 评审包: one file for an offline reviewer — who they are, the campaign's form, the submissions
 * assigned to them (all current ones if none were assigned) with their files, each named by its
 * checksum, their reviews so far (a second package shows their work), and a random key the
 * result file is sealed with, which the office keeps. Written next to the target and renamed, so a failed export leaves
 * no half file.
 */
export async function exportPackage(
  ctx: CoreContext,
  campaignId: number,
  reviewerId: number,
  target: string,
): Promise<{ packageId: string; submissions: number; files: number; bytes: number }> {
  const orm = ctx.db.orm;
  const campaign = getCampaign(orm, campaignId);
  const reviewer = getReviewer(orm, reviewerId);
  const assigned = assignmentsOf(orm);
  const mine = new Set([...assigned].filter(([, ids]) => ids.includes(reviewerId)).map(([id]) => id));
  const all = listSubmissions(orm, { campaignId, currentOnly: true }).filter((s) => s.unitId !== null);
  const unitRows = new Map(
    orm
      .select({ id: units.id, sectorId: units.sectorId, sectorName: sectors.name })
      .from(units)
      .leftJoin(sectors, eq(units.sectorId, sectors.id))
      .all()
      .map((u) => [u.id, u]),
  );
  const chosen = all.filter(
    (s) =>
      (mine.size ? mine.has(s.id) : true) &&
      !hasConflict(reviewer, { id: s.unitId!, sectorId: unitRows.get(s.unitId!)?.sectorId ?? null }),
  );
  if (!chosen.length)
    throw new DeskError('empty-package', `没有可交给“${reviewer.name}”评审的材料（未分配，或都需要回避）。`);
  const chosenIds = new Set(chosen.map((s) => s.id));
  const theirs = orm
    .select()
    .from(reviews)
    .where(eq(reviews.reviewerId, reviewer.id))
    .all()
    .filter((r) => chosenIds.has(r.submissionId))
    .map((r) => ({
      submissionId: r.submissionId,
      answers: r.answers as Answers,
      bonus: r.bonus,
      deduction: r.deduction,
      adjustmentNote: r.adjustmentNote,
      comment: r.comment,
      status: r.status as 'draft' | 'submitted' | 'returned',
      returnReason: r.returnReason,
      updatedAt: r.updatedAt,
    }));
  const resultKey = crypto.randomBytes(32).toString('hex');
  const body: PackageBody = {
    format: PACKAGE_FORMAT,
    version: 1,
    packageId: crypto.randomUUID(),
    createdAt: new Date().toISOString(),
    reviewer: { id: reviewer.id, name: reviewer.name },
    resultKey,
    reviews: theirs,
    campaign: {
      id: campaign.id,
      year: campaign.year,
      title: campaign.title,
      theme: campaign.theme,
      deadline: campaign.deadline,
      items: campaign.items,
      rubric: campaign.rubric,
      materials: campaign.materials,
    },
    submissions: chosen.map((s) => ({
      id: s.id,
      fingerprint: s.fingerprint,
      unitName: s.unitName!,
      sectorName: unitRows.get(s.unitId!)?.sectorName ?? null,
      version: s.version,
      receivedAt: s.receivedAt,
      late: s.late,
      completeness: s.completeness,
      sourceLabel: s.sourceLabel,
      files: s.files.map((f) => ({
        name: f.name,
        pathInSource: f.pathInSource,
        kind: f.kind,
        size: f.size,
        sha256: f.sha256,
        mime: f.mime,
        width: f.width,
        height: f.height,
      })),
    })),
  };
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(sealed(body)), 'package.json');
  const shas = new Set(body.submissions.flatMap((s) => s.files.map((f) => f.sha256)));
  let bytes = 0;
  for (const sha of shas) {
    const file = ctx.store.pathFor(sha);
    bytes += fs.statSync(file).size;
    // Photos are already compressed; storing them keeps export and import fast.
    zip.addFile(file, `files/${sha}`, { compress: false });
  }
  zip.end();
  try {
    await writeAtomically(
      target,
      (temp) =>
        new Promise<void>((resolve, reject) => {
          const out = fs.createWriteStream(temp);
          zip.outputStream.pipe(out).on('close', resolve).on('error', reject);
          zip.outputStream.on('error', reject);
        }),
    );
  } catch (error) {
    if (error instanceof DeskError) throw error;
    throw new DeskError('write-failed', `无法写入评审包：${(error as Error).message}`);
  }
  orm
    .insert(reviewPackages)
    .values({
      id: body.packageId,
      campaignId,
      reviewerId,
      fingerprints: Object.fromEntries(body.submissions.map((s) => [s.id, s.fingerprint])),
      createdAt: body.createdAt,
      secret: resultKey,
    })
    .run();
  return { packageId: body.packageId, submissions: body.submissions.length, files: shas.size, bytes };
}
