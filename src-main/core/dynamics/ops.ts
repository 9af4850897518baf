import fs from 'node:fs';
import { z } from 'zod';
import { UNIT_STATUS, type UnitStatus } from '../../common/statuses';
import { someNames } from '../audit/subjects';
import { defineOp } from '../contract/define';
import { campaignYear, id, none } from '../contract/schemas';
import { memoUntilChange } from '../db/memo';
import type { Orm } from '../db/open';
import { keptFlags } from './flagCache';
import { warningDrafts, withdrawWarnings } from './warnings';
import { makeArtifact } from '../transfer/artifacts';
import { flagsPdf, flagsWorkbook } from './documents';
import { setStar, setStarSchema, setStatus, setStatusSchema, undoSchema, undoStar, undoStatus } from './history';
import { evaluateRules, readRules, rulesSchema, writeRules } from './rules';
import { unitHistory } from './unitHistory';
import { importHistory, importHistorySchema } from './pastYears';
import { runCampaigns, unitYears } from './years';

/** The newest run campaign's list is kept in the file and caught up (flagCache.ts); an earlier year's is worked out. */
function flagsAsOf(orm: Orm, year: number | undefined) {
  const rules = readRules(orm);
  return year === undefined ? keptFlags(orm, rules) : evaluateRules(orm, rules, year);
}

const names = (changed: Array<{ name: string }>) => someNames(changed.map((c) => c.name));
const single = (changed: Array<{ unitId: number }>) => (changed.length === 1 ? changed[0]!.unitId : null);

/** 动态管理: a unit across years, its standing and stars with their history, and the rules' list. */
export const dynamicsOps = {
  /** 导入往年情况: preview (apply: false) names unmatched units and bad rows; apply writes every year or none. */
  'units.importHistory': defineOp({
    callers: 'office',
    input: importHistorySchema,
    changes: ['units', 'submissions', 'campaigns', 'reviews'],
    longWrite: '导入往年情况',
    run: (input, ctx) => importHistory(ctx, input),
    audit: (_input, out) =>
      out.applied
        ? {
            action: 'import',
            summary: `导入往年情况：${out.years.map((y) => `${y.year}年度 ${y.rows} 个集体`).join('、')}${out.unmatched.length ? `；名册中找不到 ${out.unmatched.length} 个` : ''}`,
          }
        : null,
  }),
  'units.history': defineOp({
    callers: 'office',
    input: z.object({ unitId: id }),
    run: (input, ctx) => unitHistory(ctx.db.orm, input.unitId),
  }),
  /** The roster's small marks: each unit's last three run campaigns. */
  'units.yearMarks': defineOp({
    callers: 'office',
    input: none,
    run: (_input, ctx) =>
      memoUntilChange(ctx.db.orm, 'yearMarks', () => {
        const campaigns = runCampaigns(ctx.db.orm).slice(-3);
        const marks: Record<number, Array<{ year: number; outcome: string; verdict: string | null }>> = {};
        for (const [unitId, years] of unitYears(ctx.db.orm, campaigns))
          marks[unitId] = years.map((y) => ({ year: y.year, outcome: y.outcome, verdict: y.verdict }));
        return { years: campaigns.map((c) => c.year), marks };
      }),
  }),
  'units.setStatus': defineOp({
    callers: 'office',
    input: setStatusSchema,
    changes: ['units'],
    run: (input, ctx) => setStatus(ctx.db.orm, input),
    audit: (input, out) => ({
      action: 'status',
      unitId: single(out.changed),
      summary: `把 ${names(out.changed)} 改为“${UNIT_STATUS[input.status]}”${input.effectiveOn ? `（${input.effectiveOn} 起）` : ''}，理由：${input.reason}`,
    }),
  }),
  'units.undoStatus': defineOp({
    callers: 'office',
    input: undoSchema,
    changes: ['units'],
    run: (input, ctx) => undoStatus(ctx.db.orm, input.historyIds),
    audit: (_input, out) => ({
      action: 'status',
      unitId: single(out.changed),
      summary: `撤销状态变更：${out.changed.map((c) => `「${c.name}」恢复为“${UNIT_STATUS[c.now as UnitStatus]}”`).join('、')}`,
    }),
  }),
  'units.setStar': defineOp({
    callers: 'office',
    input: setStarSchema,
    changes: ['units'],
    run: (input, ctx) => setStar(ctx.db.orm, input),
    audit: (input, out) => ({
      action: 'status',
      unitId: single(out.changed),
      summary: `把 ${names(out.changed)} 的星级调整为“${out.changed[0]?.now}”，理由：${input.reason}`,
    }),
  }),
  'units.undoStar': defineOp({
    callers: 'office',
    input: undoSchema,
    changes: ['units'],
    run: (input, ctx) => undoStar(ctx.db.orm, input.historyIds),
    audit: (_input, out) => ({
      action: 'status',
      unitId: single(out.changed),
      summary: `撤销星级调整：${out.changed.map((c) => `「${c.name}」恢复为“${c.now}”`).join('、')}`,
    }),
  }),
  'dynamics.rules': defineOp({ callers: 'office', input: none, run: (_input, ctx) => readRules(ctx.db.orm) }),
  'dynamics.setRules': defineOp({
    callers: 'office',
    input: rulesSchema,
    changes: ['settings'],
    run: (rules, ctx) => writeRules(ctx.db.orm, rules),
    audit: () => ({ action: 'settings', summary: '修改动态管理规则' }),
  }),
  'dynamics.flags': defineOp({
    callers: 'office',
    input: z.object({ campaignYear }).default({}),
    run: (input, ctx) =>
      memoUntilChange(ctx.db.orm, `flags:${input.campaignYear ?? ''}`, () => flagsAsOf(ctx.db.orm, input.campaignYear)),
  }),
  /** 警告提醒 as .eml drafts for the chosen units, recorded on each; undone by dynamics.withdrawWarnings. */
  'dynamics.warn': defineOp({
    callers: 'office',
    input: z.object({
      unitIds: z.array(id).min(1, '请至少选择一个集体').max(5000),
      reason: z.string().trim().min(2, '请写明提醒的理由').max(500),
      campaignYear,
    }),
    changes: ['units'],
    run: (input, ctx) => warningDrafts(ctx, input),
    audit: (input, out) => ({
      action: 'reminder',
      unitId: out.units.length === 1 ? out.units[0]!.id : null,
      summary: `生成警告提醒邮件草稿 ${out.drafts} 封：${names(out.units)}，理由：${input.reason}`,
    }),
  }),
  'dynamics.withdrawWarnings': defineOp({
    callers: 'office',
    input: z.object({ reminderIds: z.array(id).min(1).max(5000) }),
    changes: ['units'],
    run: (input, ctx) => withdrawWarnings(ctx, input.reminderIds),
    audit: (_input, out) => ({
      action: 'reminder',
      unitId: out.units.length === 1 ? out.units[0]!.id : null,
      summary: `撤回警告提醒 ${out.withdrawn} 封：${names(out.units)}`,
    }),
  }),
  'dynamics.export': defineOp({
    callers: 'office',
    input: z.object({ campaignYear, format: z.enum(['xlsx', 'pdf']).default('xlsx') }),
    heavy: true,
    run: async (input, ctx) => {
      const { asOf, flags } = flagsAsOf(ctx.db.orm, input.campaignYear);
      const artifact = await makeArtifact(
        ctx.dataDir,
        `${asOf ?? ''}年度青年文明号动态管理名单.${input.format}`,
        async (file) => {
          if (input.format === 'xlsx') await flagsWorkbook(flags, asOf, file);
          else fs.writeFileSync(file, await flagsPdf(flags, asOf));
        },
      );
      return { flags: flags.length, artifact };
    },
    audit: (_input, out) => ({ action: 'export', summary: `导出「${out.artifact.fileName}」（${out.flags} 项）` }),
  }),
};
