import { z } from 'zod';
import type { CoreContext } from './app/context';
import type { Operation } from './contract/define';
import { defineOp } from './contract/define';
import { campaignFieldsSchema } from './campaigns/model';
import { copyCampaign, createCampaign, currentCampaign, resolveCampaign, getCampaign, listCampaigns, removeCampaign, setCurrentCampaign, updateCampaign } from './campaigns/campaigns';
import { expandSources } from './intake/sources';
import { intakeHistory, intakeOverview } from './intake/history';
import { removeUploads, uploadPath, uploadRefSchema, uploadSources } from './intake/uploads';
import { asDownload } from './app/downloads';
import { importSources } from './intake/intake';
import { intakeLimitsSchema, readLimits, writeLimits } from './intake/limits';
import { assignSubmission, getSubmission, listSubmissions } from './intake/submissions';
import { previewFile } from './review/preview';
import { assignReviews, unassign } from './review/assign';
import { aggregate, decide, decisionSchema, markPractice, reviewOverview } from './review/aggregate';
import { evidenceBadges } from './review/badges';
import { csvExport } from './export/csv';
import { writeFileAtomic } from './app/files';
import { exportPractices, exportPracticesDownload, exportMissing, exportMissingDownload, exportReviewSheets, exportReviewSheetsZip, exportHonors, exportHonorsDownload, exportStats, exportStatsDownload, honorsLayoutSchema } from './export';
import { candidates, commendedList, decideHonors, handChangeSchema, honorRuleSchema, savedRule } from './honors/honors';
import { exportPackage } from './review/package/exportPackage';
import { openPackage, readMappings } from './review/package/openPackage';
import { exportResult, importResult } from './review/package/results';
import { DeskError } from './contract/errors';
import { createReviewer, getReviewer, listReviewers, reviewerFieldsSchema, updateReviewer } from './review/reviewers';
import { getReview, listReviews, returnReview, reviewHistoryOf, reviewInputSchema, reviewQueue, saveReview } from './review/reviews';
import { unitFieldsSchema } from './roster/fields';
import { exportRosterXlsx } from './roster/export';
import { applyImport, importInputSchema, previewImport } from './roster/import';
import { createSector, listSectors, removeSector, renameSector, reorderSectors, sectorNameSchema } from './roster/sectors';
import { countUnits, createUnit, getUnit, listUnits, removeUnits, restoreUnits, unitQuerySchema, updateUnit } from './roster/units';

/** Runs a mutation, then tells every window (and other processes' listeners) which data changed. */
function changes<I, R>(topic: 'units' | 'sectors' | 'campaigns' | 'submissions' | 'reviews', handler: (input: I, ctx: CoreContext) => R) {
  return (input: I, ctx: CoreContext): R => {
    const result = handler(input, ctx);
    // An async handler has changed nothing yet: tell listeners once it has.
    if (result instanceof Promise) return result.then((value: unknown) => (ctx.events.emit({ type: 'changed', topic }), value)) as R;
    ctx.events.emit({ type: 'changed', topic });
    return result;
  };
}

function cancelJobs(ctx: CoreContext, job?: string) {
  const targets = job ? [ctx.jobs.get(job)] : [...ctx.jobs.values()];
  targets.forEach((control) => control?.abort());
  return { cancelled: targets.filter(Boolean).length };
}

const id = z.number().int().positive();
const ids = z.array(id).min(1, '请至少选择一项').max(100_000);
const none = z.object({}).strict().optional();

/**
 * The single table of everything the app can do. Electron IPC, browser-mode HTTP and the CLI
 * bind this table and nothing else; the renderer's client is typed from it.
 */
export const operations = {
  'app.info': defineOp(none, (_input, ctx) => ({
    name: '组委会工作台',
    version: ctx.version,
    dataDir: ctx.dataDir,
    dbFile: ctx.dbFile,
    mode: ctx.mode,
  })),
  'app.overview': defineOp(none, (_input, ctx) => {
    const campaign = currentCampaign(ctx.db.orm);
    return {
      units: countUnits(ctx.db.orm),
      sectors: listSectors(ctx.db.orm),
      campaign,
      intake: campaign ? intakeOverview(ctx.db.orm, campaign.id) : null,
      review: campaign ? reviewOverview(aggregate(ctx.db.orm, campaign.id)) : null,
    };
  }),

  'sectors.list': defineOp(none, (_input, ctx) => listSectors(ctx.db.orm)),
  'sectors.create': defineOp(z.object({ name: sectorNameSchema }), changes('sectors', ({ name }, ctx) => createSector(ctx.db.orm, name))),
  'sectors.rename': defineOp(z.object({ id, name: sectorNameSchema }), changes('sectors', (input, ctx) => {
    renameSector(ctx.db.orm, input.id, input.name);
    return listSectors(ctx.db.orm);
  })),
  'sectors.remove': defineOp(z.object({ id }), changes('sectors', (input, ctx) => {
    removeSector(ctx.db.orm, input.id);
    return listSectors(ctx.db.orm);
  })),
  'sectors.reorder': defineOp(z.object({ ids }), changes('sectors', (input, ctx) => {
    reorderSectors(ctx.db.orm, input.ids);
    return listSectors(ctx.db.orm);
  })),

  'units.list': defineOp(unitQuerySchema.default({}), (query, ctx) => listUnits(ctx.db.orm, query)),
  'units.count': defineOp(none, (_input, ctx) => countUnits(ctx.db.orm)),
  'units.get': defineOp(z.object({ id }), (input, ctx) => getUnit(ctx.db.orm, input.id)),
  'units.create': defineOp(unitFieldsSchema, changes('units', (fields, ctx) => createUnit(ctx.db.orm, fields))),
  'units.update': defineOp(z.object({ id, fields: unitFieldsSchema }), changes('units', (input, ctx) => updateUnit(ctx.db.orm, input.id, input.fields))),
  'units.remove': defineOp(z.object({ ids }), changes('units', (input, ctx) => removeUnits(ctx.db.orm, input.ids))),
  'units.restore': defineOp(z.object({ ids }), changes('units', (input, ctx) => restoreUnits(ctx.db.orm, input.ids))),
  'units.importPreview': defineOp(importInputSchema, (input, ctx) => previewImport(ctx, input)),
  'units.importApply': defineOp(importInputSchema, (input, ctx) => applyImport(ctx, input)),
  'units.export': defineOp(z.object({ title: z.string().max(100).optional() }).default({}), async (input, ctx) => {
    const { fileName, bytes, count } = await exportRosterXlsx(ctx.db.orm, input.title);
    return { fileName, count, base64: bytes.toString('base64') };
  }),

  'campaigns.list': defineOp(none, (_input, ctx) => listCampaigns(ctx.db.orm)),
  'campaigns.get': defineOp(z.object({ id }), (input, ctx) => getCampaign(ctx.db.orm, input.id)),
  'campaigns.current': defineOp(none, (_input, ctx) => currentCampaign(ctx.db.orm)),
  'campaigns.create': defineOp(campaignFieldsSchema, changes('campaigns', (fields, ctx) => createCampaign(ctx.db.orm, fields))),
  'campaigns.update': defineOp(z.object({ id, fields: campaignFieldsSchema }), changes('campaigns', (input, ctx) => updateCampaign(ctx.db.orm, input.id, input.fields))),
  'campaigns.copy': defineOp(z.object({ fromId: id, year: z.number().int().min(2000).max(2100).optional() }), changes('campaigns', (input, ctx) => copyCampaign(ctx.db.orm, input.fromId, input.year))),
  'campaigns.setCurrent': defineOp(z.object({ id }), changes('campaigns', (input, ctx) => setCurrentCampaign(ctx.db.orm, input.id))),
  'campaigns.remove': defineOp(z.object({ id }), changes('campaigns', (input, ctx) => {
    removeCampaign(ctx.db.orm, input.id);
    return { removed: input.id };
  })),

  'intake.importPaths': defineOp(
    z.object({ paths: z.array(z.string().min(1).max(4096)).min(1, '请至少选择一个文件或文件夹').max(10_000), campaignYear: z.number().int().optional() }),
    (input, ctx) => importSources(ctx, resolveCampaign(ctx.db.orm, input.campaignYear), () => expandSources(input.paths)),
    { readsLocalPaths: true },
  ),
  'intake.importUploads': defineOp(
    z.object({ uploads: z.array(uploadRefSchema).min(1, '请至少选择一个文件').max(10_000), campaignYear: z.number().int().optional() }),
    async (input, ctx) => {
      try {
        return await importSources(ctx, resolveCampaign(ctx.db.orm, input.campaignYear), () => uploadSources(ctx.dataDir, input.uploads));
      } finally {
        removeUploads(ctx.dataDir, input.uploads);
      }
    },
  ),
  'intake.history': defineOp(z.object({ campaignYear: z.number().int().optional() }).default({}), (input, ctx) => intakeHistory(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id)),
  'jobs.cancel': defineOp(z.object({ job: z.string().max(100).optional() }).default({}), (input, ctx) => cancelJobs(ctx, input.job)),
  'intake.cancel': defineOp(z.object({ job: z.string().max(100).optional() }).default({}), (input, ctx) => cancelJobs(ctx, input.job)),
  'intake.limits': defineOp(none, (_input, ctx) => readLimits(ctx.db.orm)),
  'intake.setLimits': defineOp(intakeLimitsSchema, (limits, ctx) => writeLimits(ctx.db.orm, limits)),

  'submissions.list': defineOp(
    z.object({ campaignYear: z.number().int().optional(), unitId: z.number().int().positive().optional(), unclaimed: z.boolean().optional(), currentOnly: z.boolean().optional() }).default({}),
    (input, ctx) => listSubmissions(ctx.db.orm, { ...input, campaignId: resolveCampaign(ctx.db.orm, input.campaignYear).id }),
  ),
  'submissions.get': defineOp(z.object({ id }), (input, ctx) => getSubmission(ctx.db.orm, input.id)),
  'submissions.assign': defineOp(z.object({ submissionId: id, unitId: id }), changes('submissions', (input, ctx) => assignSubmission(ctx.db.orm, input.submissionId, input.unitId))),

  'reviewers.list': defineOp(none, (_input, ctx) => listReviewers(ctx.db.orm)),
  'reviewers.create': defineOp(reviewerFieldsSchema, changes('reviews', (fields, ctx) => createReviewer(ctx.db.orm, fields))),
  'reviewers.update': defineOp(z.object({ id, fields: reviewerFieldsSchema }), changes('reviews', (input, ctx) => updateReviewer(ctx.db.orm, input.id, input.fields))),
  'reviews.queue': defineOp(z.object({ reviewerId: id, campaignYear: z.number().int().optional() }), (input, ctx) =>
    reviewQueue(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id, input.reviewerId),
  ),
  'reviews.get': defineOp(z.object({ submissionId: id, reviewerId: id }), (input, ctx) => getReview(ctx.db.orm, input.submissionId, input.reviewerId)),
  'reviews.save': defineOp(reviewInputSchema, changes('reviews', (input, ctx) => saveReview(ctx.db.orm, input))),
  'reviews.return': defineOp(
    z.object({ submissionId: id, reviewerId: id, reason: z.string().trim().min(2, '请写明退回原因').max(500) }),
    changes('reviews', (input, ctx) => returnReview(ctx.db.orm, input.submissionId, input.reviewerId, input.reason)),
  ),
  'reviews.history': defineOp(z.object({ submissionId: id, reviewerId: id }), (input, ctx) => reviewHistoryOf(ctx.db.orm, input.submissionId, input.reviewerId)),
  'reviews.assign': defineOp(
    z.object({
      campaignYear: z.number().int().optional(),
      request: z.discriminatedUnion('mode', [
        z.object({ mode: z.literal('hand'), submissionIds: z.array(id).min(1), reviewerIds: z.array(id).min(1) }),
        z.object({ mode: z.literal('sector'), sectorId: id, reviewerIds: z.array(id).min(1) }),
        z.object({ mode: z.literal('random'), perSubmission: z.number().int().min(1).max(20) }),
      ]),
    }),
    changes('reviews', (input, ctx) => assignReviews(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id, input.request)),
  ),
  'reviews.unassign': defineOp(z.object({ submissionIds: ids, reviewerId: id }), changes('reviews', (input, ctx) => unassign(ctx.db.orm, input.submissionIds, input.reviewerId))),
  'reviews.results': defineOp(z.object({ campaignYear: z.number().int().optional(), normalise: z.boolean().default(false) }).default({ normalise: false }), (input, ctx) =>
    aggregate(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id, { normalise: input.normalise }),
  ),
  'reviews.decide': defineOp(decisionSchema, changes('reviews', (input, ctx) => decide(ctx.db.orm, input))),
  'reviews.badges': defineOp(z.object({ submissionId: id }), (input, ctx) => evidenceBadges(ctx, input.submissionId)),
  'submissions.markPractice': defineOp(
    z.object({ submissionId: id, practice: z.boolean(), note: z.string().max(500).default(''), by: z.string().max(30).default('办公室') }),
    changes('reviews', (input, ctx) => markPractice(ctx.db.orm, input.submissionId, input.practice, input.note, input.by)),
  ),
  'reviews.exportPackage': defineOp(
    z.object({ reviewer: z.union([id, z.string().min(1)]), path: z.string().min(1), campaignYear: z.number().int().optional() }),
    async (input, ctx) => {
      const reviewer = listReviewers(ctx.db.orm).find((r) => (typeof input.reviewer === 'number' ? r.id === input.reviewer : r.name === input.reviewer));
      if (!reviewer) throw new DeskError('unknown-reviewer', `评审人名单中没有“${input.reviewer}”`);
      return exportPackage(ctx, resolveCampaign(ctx.db.orm, input.campaignYear).id, reviewer.id, input.path);
    },
    { readsLocalPaths: true },
  ),
  'reviews.openPackage': defineOp(z.object({ path: z.string().min(1) }), changes('reviews', (input, ctx) => openPackage(ctx, input.path)), { readsLocalPaths: true }),
  'reviews.exportResult': defineOp(z.object({ path: z.string().min(1) }), (input, ctx) => exportResult(ctx, input.path), { readsLocalPaths: true }),
  'reviews.importResult': defineOp(z.object({ path: z.string().min(1) }), (input, ctx) => importResult(ctx, input.path), { readsLocalPaths: true }),
  // Browser-mode twins of the path operations: bytes arrive as uploads, packages leave as downloads.
  'reviews.exportPackageDownload': defineOp(z.object({ reviewer: id, campaignYear: z.number().int().optional() }), async (input, ctx) => {
    const reviewer = getReviewer(ctx.db.orm, input.reviewer);
    const result = await asDownload(ctx.dataDir, (file) => exportPackage(ctx, resolveCampaign(ctx.db.orm, input.campaignYear).id, reviewer.id, file));
    return { ...result, fileName: `评审包-${reviewer.name}-${new Date().toISOString().slice(0, 10)}.deskreview` };
  }),
  'reviews.openPackageUpload': defineOp(z.object({ upload: uploadRefSchema }), changes('reviews', async (input, ctx) => {
    try {
      return await openPackage(ctx, uploadPath(ctx.dataDir, input.upload.id));
    } finally {
      removeUploads(ctx.dataDir, [input.upload]);
    }
  })),
  'reviews.importResultUpload': defineOp(z.object({ upload: uploadRefSchema }), (input, ctx) => {
    try {
      return importResult(ctx, uploadPath(ctx.dataDir, input.upload.id));
    } finally {
      removeUploads(ctx.dataDir, [input.upload]);
    }
  }),
  'reviews.exportResultDownload': defineOp(none, async (_input, ctx) => {
    const result = await asDownload(ctx.dataDir, (file) => exportResult(ctx, file));
    return { ...result, fileName: `评审结果-${new Date().toISOString().slice(0, 10)}.deskresult` };
  }),
  'reviews.packages': defineOp(none, (_input, ctx) => readMappings(ctx).map((m) => ({ packageId: m.packageId, campaignYear: m.campaignYear, reviewer: m.officeReviewer.name, submissions: Object.keys(m.submissions).length }))),
  'export.stats': defineOp(z.object({ campaignYear: z.number().int().optional() }).default({}), (input, ctx) => exportStatsDownload(ctx, input.campaignYear)),
  'export.statsFile': defineOp(z.object({ campaignYear: z.number().int().optional(), path: z.string().min(1) }), (input, ctx) => exportStats(ctx, input.campaignYear, input.path), { readsLocalPaths: true }),
  'honors.preview': defineOp(z.object({ campaignYear: z.number().int().optional(), rule: honorRuleSchema, hand: z.array(handChangeSchema).default([]) }), (input, ctx) =>
    candidates(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id, input.rule, input.hand),
  ),
  'honors.decide': defineOp(
    z.object({ campaignYear: z.number().int().optional(), rule: honorRuleSchema, hand: z.array(handChangeSchema).default([]) }),
    changes('reviews', (input, ctx) => decideHonors(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id, input.rule, input.hand)),
  ),
  'honors.current': defineOp(z.object({ campaignYear: z.number().int().optional() }).default({}), (input, ctx) => {
    const campaignId = resolveCampaign(ctx.db.orm, input.campaignYear).id;
    return { decision: savedRule(ctx.db.orm, campaignId), groups: commendedList(ctx.db.orm, campaignId) };
  }),
  'export.honors': defineOp(honorsLayoutSchema, (input, ctx) => exportHonorsDownload(ctx, input)),
  'export.honorsFile': defineOp(honorsLayoutSchema.extend({ path: z.string().min(1) }), (input, ctx) => exportHonors(ctx, input, input.path), { readsLocalPaths: true }),
  'export.csv': defineOp(z.object({ kind: z.enum(['roster', 'stats', 'reviews']), campaignYear: z.number().int().optional() }), (input, ctx) => {
    const { fileName, bytes, rows } = csvExport(ctx.db.orm, input.kind, input.campaignYear);
    return asDownload(ctx.dataDir, (file) => {
      writeFileAtomic(file, bytes);
      return { fileName, rows };
    });
  }),
  'export.csvFile': defineOp(z.object({ kind: z.enum(['roster', 'stats', 'reviews']), campaignYear: z.number().int().optional(), path: z.string().min(1) }), (input, ctx) => {
    const { bytes, rows } = csvExport(ctx.db.orm, input.kind, input.campaignYear);
    writeFileAtomic(input.path, bytes);
    return { file: input.path, rows };
  }, { readsLocalPaths: true }),
  'export.missing': defineOp(z.object({ campaignYear: z.number().int().optional() }).default({}), (input, ctx) => exportMissingDownload(ctx, input.campaignYear)),
  'export.missingFile': defineOp(z.object({ campaignYear: z.number().int().optional(), path: z.string().min(1) }), (input, ctx) => exportMissing(ctx, input.campaignYear, input.path), { readsLocalPaths: true }),
  'export.reviewSheetsZip': defineOp(z.object({ campaignYear: z.number().int().optional() }).default({}), (input, ctx) => exportReviewSheetsZip(ctx, input.campaignYear)),
  'export.reviewSheets': defineOp(z.object({ campaignYear: z.number().int().optional(), dir: z.string().min(1) }), (input, ctx) => exportReviewSheets(ctx, input.campaignYear, input.dir), { readsLocalPaths: true }),
  'export.practices': defineOp(z.object({ campaignYear: z.number().int().optional() }).default({}), (input, ctx) => exportPracticesDownload(ctx, input.campaignYear)),
  'export.practicesFile': defineOp(z.object({ campaignYear: z.number().int().optional(), path: z.string().min(1) }), (input, ctx) => exportPractices(ctx, input.campaignYear, input.path), { readsLocalPaths: true }),
  'files.preview': defineOp(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, '文件编号无效') }), (input, ctx) => previewFile(ctx, input.sha256)),
  'reviews.list': defineOp(z.object({ campaignYear: z.number().int().optional() }).default({}), (input, ctx) => listReviews(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id)),
} satisfies Record<string, Operation<z.ZodType, unknown>>;

export type Operations = typeof operations;
export type OpName = keyof Operations;
export type OpInput<N extends OpName> = z.input<Operations[N]['input']>;
export type OpOutput<N extends OpName> = Awaited<ReturnType<Operations[N]['handler']>>;

export function isOpName(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(operations, name);
}
