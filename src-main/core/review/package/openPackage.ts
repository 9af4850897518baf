import fs from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import type { CoreContext } from '../../app/context';
import { createCampaign, getCampaign, setCurrentCampaign } from '../../campaigns/campaigns';
import { campaignFieldsSchema, type Materials } from '../../campaigns/model';
import { rubricOf } from '../../campaigns/rubric';
import { DeskError } from '../../contract/errors';
import { submissionFiles, campaigns, reviewers, reviewHistory, reviews, settings, submissions } from '../../db/schema';
import type { Executor } from '../../db/open';
import { DEFAULT_LIMITS } from '../../intake/limits';
import { commitStaged, discard } from '../../intake/staging';
import { readArchive } from '../../intake/archive/unpack';
import { findLiveUnitByName, writeUnit } from '../../roster/units';
import { unitFieldsSchema } from '../../roster/fields';
import { packageBodySchema, unseal, type PackageBody } from './format';
import { insertAll } from '../../db/slices';
import { computeScore } from '../scoring';

const KEY = 'reviewer.packages';

/** What a reviewer's data folder remembers of each opened package, to map results back to the office's ids. */
export interface PackageMapping {
  packageId: string;
  campaignYear: number;
  localCampaignId: number;
  localReviewerId: number;
  officeReviewer: { id: number; name: string };
  /** local submission id → office submission id and fingerprint */
  submissions: Record<string, { id: number; fingerprint: string }>;
  /** local checklist item id → office item id */
  items: Record<string, number>;
  /** The package's key, which seals the result file (absent for packages made before keys). */
  resultKey?: string;
}

export function readMappings(ctx: CoreContext): PackageMapping[] {
  const row = ctx.db.orm.select().from(settings).where(eq(settings.key, KEY)).get();
  return (row?.value as PackageMapping[] | undefined) ?? [];
}

/**
 * The reviewer's earlier work that came with the package, in this folder's ids: a review here that
 * is at least as new is kept (the reviewer went on working); an older one is replaced.
 */
function writePackedReviews(
  tx: Executor,
  body: PackageBody,
  subs: PackageMapping['submissions'],
  items: Record<string, number>,
  reviewerId: number,
  localCampaignId: number,
): void {
  const campaign = getCampaign(tx, localCampaignId);
  const localSubmission = new Map(Object.entries(subs).map(([local, office]) => [office.id, Number(local)]));
  const localItem = new Map(Object.entries(items).map(([local, office]) => [String(office), local]));
  for (const packed of body.reviews) {
    const submissionId = localSubmission.get(packed.submissionId);
    if (submissionId === undefined) continue;
    const answers = Object.fromEntries(
      Object.entries(packed.answers).flatMap(([office, answer]) =>
        localItem.has(office) ? [[localItem.get(office)!, answer]] : [],
      ),
    );
    const score = computeScore(campaign.items, campaign.rubric, answers, packed.bonus, packed.deduction);
    const values = {
      answers,
      bonus: packed.bonus,
      deduction: packed.deduction,
      adjustmentNote: packed.adjustmentNote,
      comment: packed.comment,
      status: packed.status,
      returnReason: packed.returnReason,
      updatedAt: packed.updatedAt,
      total: score.total,
      verdict: score.verdict,
      vetoed: score.vetoed,
    };
    const here = tx
      .select({ id: reviews.id, updatedAt: reviews.updatedAt })
      .from(reviews)
      .where(and(eq(reviews.submissionId, submissionId), eq(reviews.reviewerId, reviewerId)))
      .get();
    if (here && here.updatedAt >= packed.updatedAt) continue;
    const reviewId = here
      ? (tx
          .update(reviews)
          .set({ ...values, version: sql`${reviews.version} + 1` })
          .where(eq(reviews.id, here.id))
          .run(),
        here.id)
      : tx
          .insert(reviews)
          .values({ ...values, submissionId, reviewerId })
          .returning({ id: reviews.id })
          .get().id;
    tx.insert(reviewHistory)
      .values({
        reviewId,
        snapshot: { ...values, note: '随评审包带来的已有评审' },
        changedBy: '办公室评审包',
        changedAt: packed.updatedAt,
      })
      .run();
  }
}

/**
 * Reviewer side: opens a 评审包 in this (the reviewer's own) data folder — every file checked
 * against its checksum — and sets up the campaign, units, submissions and the reviewer, so the
 * reviewer works in the ordinary 评审 page. Opening the same package again changes nothing.
 */
export async function openPackage(ctx: CoreContext, file: string) {
  const orm = ctx.db.orm;
  const zip = await readArchive(
    file,
    { format: 'zip' },
    ctx.store,
    { ...DEFAULT_LIMITS, maxTotalBytes: 64 * 1024 ** 3, maxEntries: 1_000_000, maxDepth: 1 },
    { depth: 1, prefix: '', budget: { bytes: 0, entries: 0 } },
  );
  const manifest = zip.files.find((f) => f.pathInSource === 'package.json');
  const body = (() => {
    try {
      if (!manifest) throw new DeskError('not-a-review-file', '这不是组委会工作台的评审包。');
      return unseal(
        (manifest.bytes ?? fs.readFileSync(manifest.tempFile!)).toString('utf8'),
        packageBodySchema,
        '评审包',
      );
    } catch (error) {
      discard(zip.files);
      throw error;
    }
  })();
  const byName = new Map(
    zip.files.filter((f) => f.pathInSource.startsWith('files/')).map((f) => [f.pathInSource.slice(6), f]),
  );
  for (const [name, staged] of byName) {
    if (staged.sha256 !== name) {
      discard(zip.files);
      throw new DeskError('bad-checksum', '评审包中的文件与校验值不符（文件已损坏或被修改），请让办公室重新导出。');
    }
  }
  const missing = body.submissions
    .flatMap((s) => s.files)
    .filter((f) => !byName.has(f.sha256) && !ctx.store.has(f.sha256));
  if (missing.length) {
    discard(zip.files);
    throw new DeskError('bad-checksum', `评审包缺少 ${missing.length} 个文件，请让办公室重新导出。`);
  }
  const existing = readMappings(ctx);
  if (existing.some((m) => m.packageId === body.packageId)) {
    // Opened before: its rows are here; files a failure or a sweep lost since are put back.
    for (const staged of byName.values()) commitStaged(ctx.store, staged);
    discard(zip.files.filter((f) => !byName.has(f.sha256)));
    return {
      packageId: body.packageId,
      reviewer: body.reviewer.name,
      campaignYear: body.campaign.year,
      submissions: body.submissions.length,
      alreadyOpen: true,
    };
  }
  for (const staged of byName.values()) commitStaged(ctx.store, staged);
  discard(zip.files.filter((f) => !byName.has(f.sha256)));

  const mapping = orm.transaction((tx) => {
    const sameCampaign = existing.find((m) => m.campaignYear === body.campaign.year);
    let localCampaignId: number;
    let items: Record<string, number>;
    if (sameCampaign) {
      localCampaignId = sameCampaign.localCampaignId;
      items = sameCampaign.items;
    } else {
      // The reviewer's folder takes the office's form for this year, items in the office's order.
      const clash = tx
        .select({ id: campaigns.id, createdAt: campaigns.createdAt, updatedAt: campaigns.updatedAt })
        .from(campaigns)
        .where(eq(campaigns.year, body.campaign.year))
        .get();
      if (clash) {
        if (tx.select({ id: submissions.id }).from(submissions).where(eq(submissions.campaignId, clash.id)).get()) {
          throw new DeskError(
            'campaign-exists',
            `这个数据文件夹里已有 ${body.campaign.year} 年度收到的材料。评审包请在评审人自己的数据文件夹中打开（启动时用 --data 指定一个新文件夹）。`,
          );
        }
        // Only a form nobody has touched (the built-in copy of the notice, never edited) gives way to
        // the office's own form for that year; one someone edited is their work and is kept.
        if (clash.createdAt !== clash.updatedAt) {
          throw new DeskError(
            'campaign-exists',
            `这个数据文件夹里已有修改过的 ${body.campaign.year} 年度工作，打开评审包会与它冲突，已停止，什么也没有改动。评审包请在评审人自己的数据文件夹中打开（启动时用 --data 指定一个新文件夹）。`,
          );
        }
        tx.delete(campaigns).where(eq(campaigns.id, clash.id)).run();
      }
      const fields = campaignFieldsSchema.parse({
        year: body.campaign.year,
        title: body.campaign.title,
        theme: body.campaign.theme,
        issuer: '',
        issuedOn: null,
        deadline: body.campaign.deadline,
        materials: body.campaign.materials as Materials,
        contact: { name: '', phone: '', email: '', office: '' },
        items: body.campaign.items.map(({ id: _id, ...item }) => item),
        rubric: rubricOf(body.campaign.rubric),
      });
      const created = createCampaign(tx, fields);
      localCampaignId = created.id;
      items = Object.fromEntries(created.items.map((item, i) => [String(item.id), body.campaign.items[i]!.id]));
    }
    const reviewer =
      tx.select({ id: reviewers.id }).from(reviewers).where(eq(reviewers.name, body.reviewer.name)).get() ??
      tx
        .insert(reviewers)
        .values({ name: body.reviewer.name, conflictSectorIds: [], conflictUnitIds: [] })
        .returning({ id: reviewers.id })
        .get();
    const subs: PackageMapping['submissions'] = {};
    for (const s of body.submissions) {
      const unitId =
        findLiveUnitByName(tx, s.unitName)?.id ?? writeUnit(tx, unitFieldsSchema.parse({ name: s.unitName }));
      const found = tx
        .select({ id: submissions.id })
        .from(submissions)
        .where(and(eq(submissions.campaignId, localCampaignId), eq(submissions.fingerprint, s.fingerprint)))
        .get();
      const localId =
        found?.id ??
        tx
          .insert(submissions)
          .values({
            campaignId: localCampaignId,
            unitId,
            version: s.version,
            isCurrent: true,
            receivedAt: s.receivedAt,
            receivedFrom: 'import',
            late: s.late,
            completeness: s.completeness,
            problems: [],
            sourceLabel: s.sourceLabel,
            sourceKind: 'package',
            fingerprint: s.fingerprint,
            notes: [],
          })
          .returning({ id: submissions.id })
          .get().id;
      if (!found)
        insertAll(
          tx,
          submissionFiles,
          s.files.map((f, position) => ({
            submissionId: localId,
            position,
            pathInSource: f.pathInSource,
            name: f.name,
            size: f.size,
            sha256: f.sha256,
            kind: f.kind,
            mime: f.mime,
            width: f.width,
            height: f.height,
          })),
        );
      subs[String(localId)] = { id: s.id, fingerprint: s.fingerprint };
    }
    writePackedReviews(tx, body, subs, items, reviewer.id, localCampaignId);
    const next: PackageMapping = {
      packageId: body.packageId,
      campaignYear: body.campaign.year,
      localCampaignId,
      localReviewerId: reviewer.id,
      officeReviewer: body.reviewer,
      submissions: subs,
      items,
      ...(body.resultKey ? { resultKey: body.resultKey } : {}),
    };
    tx.insert(settings)
      .values({ key: KEY, value: [...existing, next] })
      .onConflictDoUpdate({ target: settings.key, set: { value: [...existing, next] } })
      .run();
    return next;
  });
  setCurrentCampaign(orm, mapping.localCampaignId);
  getCampaign(orm, mapping.localCampaignId);
  return {
    packageId: body.packageId,
    reviewer: body.reviewer.name,
    campaignYear: body.campaign.year,
    submissions: body.submissions.length,
    alreadyOpen: false,
  };
}
